// `twinbench validate <file>...`: checks scenario files without running them; every problem is printed as
// `file:line:column: reason`, and the exit code is 1 if any file has one.
import { formatIssue, validateScenarioFiles, type ScenarioIssue } from '../scenario';
import { defineCommand } from './command-spec';
import { invalidScenarioIssues, loadRunnableScenario } from './scenario-check';

export const validateCommand = defineCommand(
  {
    name: 'validate',
    args: '<file.yaml>...',
    positionals: { min: 1, max: Infinity },
    summary: 'check scenario files: file:line:column: reason for every problem',
    description: 'Checks scenario files without running them and prints every problem found as file:line:column: reason.',
    options: {},
    footer: 'Exit status: 0 every file is valid, 1 a file has a problem, 2 bad command line.',
  },
  async ({ positionals }, io) => {
    // A file without problems may still name a GeoJSON map that does not load.
    const results = validateScenarioFiles(positionals).map(({ file, issues }) => ({ file, issues: issues.length > 0 ? issues : mapIssues(file) }));
    let bad = 0;
    for (const { file, issues } of results) {
      if (issues.length === 0) io.out(`ok  ${file}`);
      for (const issue of issues) io.err(formatIssue(issue));
      if (issues.length > 0) bad++;
    }
    if (bad > 0) io.err(`${bad} of ${results.length} file(s) invalid`);
    return bad > 0 ? 1 : 0;
  },
);

function mapIssues(file: string): readonly ScenarioIssue[] {
  try {
    loadRunnableScenario(file);
    return [];
  } catch (err) {
    const issues = invalidScenarioIssues(err);
    if (issues === undefined) throw err;
    return issues;
  }
}
