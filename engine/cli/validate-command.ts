// `twinbench validate <file>...`: checks scenario files without running them; every problem is printed as
// `file:line:column: reason`, and the exit code is 1 if any file has one.
import { formatIssue, validateScenarioFiles } from '../scenario';
import { parseCommandArgs, UsageError, type CliIo } from './main';

export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('name at least one scenario file: twinbench validate scenarios/doorbell.yaml');
  const results = validateScenarioFiles(positionals);
  let bad = 0;
  for (const { file, issues } of results) {
    if (issues.length === 0) io.out(`ok  ${file}`);
    for (const issue of issues) io.err(formatIssue(issue));
    if (issues.length > 0) bad++;
  }
  if (bad > 0) io.err(`${bad} of ${results.length} file(s) invalid`);
  return bad > 0 ? 1 : 0;
}
