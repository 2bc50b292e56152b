// `twinbench merge <report.json>… --report out`: the shards of one suite (`run … --shard i/n --report x.json`),
// run on different machines, combined into the report and JUnit one machine would have written.
import { mergeSuiteReports, readSuiteReport } from '../suite/suite-merge';
import { writeSuiteOutputs } from '../suite/run-suite';
import { UsageError } from './cli-errors';
import { defineCommand } from './command-spec';
import { prepareOutputFile } from './output-file';

export const mergeCommand = defineCommand(
  {
    name: 'merge',
    args: '<report.json>...',
    positionals: { min: 1, max: 10_000 },
    summary: "combine the .json reports of a suite's shards into one report and JUnit",
    description: 'Each report must come from the same suite (the same files, architectures and seeds). A run in two\nreports must be the same run (same eventHash). Runs that no shard ran are listed and fail the merge.',
    options: {
      report: { type: 'string', value: 'FILE', help: 'the combined report: .json, .md or .html', required: true },
      junit: { type: 'string', value: 'FILE.xml', help: 'the combined JUnit XML' },
    },
    footer: 'Exit status: 0 every run of the whole suite passed, 1 a run failed or is missing, 2 bad command line.',
  },
  async ({ values, positionals }, io) => {
    const report = values.report!;
    if (!/\.(json|md|html)$/i.test(report)) throw new UsageError(`--report ${report}: the extension must be .json, .md or .html`);
    prepareOutputFile('--report', report, 'suite.json');
    if (values.junit !== undefined) prepareOutputFile('--junit', values.junit, 'junit.xml');
    const { report: merged, missing } = mergeSuiteReports(positionals.map((file) => ({ file, report: readSuiteReport(file) })));
    writeSuiteOutputs(merged, { report, junit: values.junit });
    const failed = merged.runs.filter((r) => !r.passed).length;
    io.out(`merged ${positionals.length} report(s): ${merged.runs.length} of ${merged.planned} runs, ${failed} failed`);
    if (missing.length > 0) io.err(`missing ${missing.length} run(s) of the suite (no shard ran #${missing.slice(0, 20).join(', #')}${missing.length > 20 ? ', …' : ''})`);
    return failed === 0 && missing.length === 0 ? 0 : 1;
  },
);
