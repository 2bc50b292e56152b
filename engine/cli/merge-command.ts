// `twinbench merge <report.json>… --report out`: combines shards' reports into one. The format field decides how:
// fleet reports (`twinbench-fleet/v1`) add their counts and pool their histograms (fleet-merge.ts); suite reports
// (`run … --shard i/n --report x.json`) join their runs into the report and JUnit one machine would have written
// (suite-merge.ts). Mixing the two, or a file that is neither, is refused by name.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { FleetMergeError, mergeFleetReports, parseFleetReport } from '../fleet/fleet-merge';
import { FLEET_REPORT_FORMAT, summaryLine } from '../fleet/fleet-report';
import { MAX_REPORT_BYTES, mergeSuiteReports, parseSuiteReport, SuiteMergeError } from '../suite/suite-merge';
import { writeSuiteOutputs } from '../suite/run-suite';
import { failedRun } from '../suite/suite-report';
import { CliError, UsageError } from './cli-errors';
import { defineCommand, type CliIo } from './command-spec';
import { prepareOutputFile } from './output-file';

export const mergeCommand = defineCommand(
  {
    name: 'merge',
    args: '<report.json>...',
    positionals: { min: 1, max: 10_000 },
    summary: 'combine the .json reports of shards (a suite\'s or a fleet\'s) into one',
    description:
      'Suite reports join their runs: they must come from the same suite, a run in two reports must be the same run\n' +
      '(same eventHash), and runs no shard ran are listed and fail the merge. Fleet reports add their counts and pool\n' +
      'their latency histograms (percentiles within 1 %). All inputs must be of one kind.',
    options: {
      report: { type: 'string', value: 'FILE', help: 'the combined report: .json (fleet), or .json, .md or .html (suite)', required: true },
      junit: { type: 'string', value: 'FILE.xml', help: "the combined JUnit XML (suite reports)" },
    },
    footer: 'Exit status: 0 every run passed (suite) or merged (fleet), 1 a run failed or is missing or an input is\nunreadable, 2 bad command line.',
  },
  async ({ values, positionals }, io) => {
    const out = values.report!;
    prepareOutputFile('--report', out, 'merged.json');
    if (values.junit !== undefined) prepareOutputFile('--junit', values.junit, 'junit.xml');
    // Each file is read once: its format field picks the merge, and the same JSON is merged.
    const inputs = positionals.map((file) => ({ file, json: readJson(file) }));
    const fleet = inputs.filter((i) => formatOf(i.json) === FLEET_REPORT_FORMAT);
    if (fleet.length > 0 && fleet.length < inputs.length) {
      const other = inputs.find((i) => formatOf(i.json) !== FLEET_REPORT_FORMAT)!;
      throw new CliError(`merge: ${fleet[0]!.file} is a fleet report but ${other.file} is not; merge reports of one kind`);
    }
    try {
      if (fleet.length > 0) return mergeFleet(fleet, out, values.junit, io);
      return mergeSuite(inputs, out, values.junit, io);
    } catch (err) {
      if (err instanceof FleetMergeError || err instanceof SuiteMergeError) throw new CliError(`merge: ${err.message}`);
      throw err;
    }
  },
);

type Input = { file: string; json: unknown };

function mergeFleet(inputs: readonly Input[], out: string, junit: string | undefined, io: CliIo): number {
  if (junit !== undefined) throw new UsageError('--junit is for suite reports; a fleet report has no test cases');
  if (!/\.json$/i.test(out)) throw new UsageError(`--report ${out}: a merged fleet report is .json`);
  const { report, missing } = mergeFleetReports(inputs.map(({ file, json }) => ({ file, report: parseFleetReport(file, json) })));
  writeFileSync(out, `${JSON.stringify(report)}\n`);
  io.out(summaryLine(report));
  if (missing.length > 0) io.err(`merge: shards ${missing.join(', ')} of ${report.shards[0]!.total} are missing`);
  return 0;
}

function mergeSuite(inputs: readonly Input[], out: string, junit: string | undefined, io: CliIo): number {
  if (!/\.(json|md|html)$/i.test(out)) throw new UsageError(`--report ${out}: the extension must be .json, .md or .html`);
  const { report: merged, missing } = mergeSuiteReports(inputs.map(({ file, json }) => ({ file, report: parseSuiteReport(file, json) })));
  writeSuiteOutputs(merged, { report: out, junit });
  const failed = merged.runs.filter(failedRun).length;
  const skipped = merged.runs.filter((r) => r.verdict === 'skipped').length;
  io.out(`merged ${inputs.length} report(s): ${merged.runs.length} of ${merged.planned} runs, ${failed} failed${skipped > 0 ? `, ${skipped} skipped (a real endpoint needed)` : ''}`);
  if (missing.length > 0) io.err(`missing ${missing.length} run(s) of the suite (no shard ran #${missing.slice(0, 20).join(', #')}${missing.length > 20 ? ', …' : ''})`);
  return failed === 0 && missing.length === 0 ? 0 : 1;
}

function readJson(file: string): unknown {
  try {
    if (statSync(file).size > MAX_REPORT_BYTES) throw new CliError(`merge: ${file}: larger than ${MAX_REPORT_BYTES / 2 ** 20} MiB; not a report`);
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof CliError) throw err;
    const why = err instanceof SyntaxError ? `not JSON (${err.message})` : `cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    throw new CliError(`merge: ${file}: ${why}`);
  }
}

/** The `format` field of a report, or undefined (the suite branch then says what is wrong with it). */
function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
}
