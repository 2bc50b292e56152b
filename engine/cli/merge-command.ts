// `twinbench merge <reports…> --report out.json`: combines shards' reports into one. The format field decides
// how: fleet reports (`twinbench-fleet/v1`) add their counts and pool their histograms (fleet-merge.ts); suite
// reports join their runs (suite-merge.ts). Mixing the two, or a file that is neither, is refused by name.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { FleetMergeError, mergeFleetReports, parseFleetReport } from '../fleet/fleet-merge';
import { FLEET_REPORT_FORMAT, summaryLine } from '../fleet/fleet-report';
import { MAX_REPORT_BYTES, mergeSuiteReports, readSuiteReport, SuiteMergeError } from '../suite/suite-merge';
import { writeSuiteOutputs } from '../suite/run-suite';
import { CliError } from './cli-errors';
import { defineCommand } from './command-spec';
import { prepareOutputFile } from './output-file';

export const mergeCommand = defineCommand(
  {
    name: 'merge',
    args: '<report.json…>',
    positionals: { min: 1, max: 10_000 },
    summary: 'combine the reports of shards (fleet or suite) into one',
    description: 'Fleet reports add their counts and pool their latency histograms (percentiles within 1 %);\nsuite reports join their runs. All inputs must be of one kind and one plan.',
    options: { report: { type: 'string', value: 'FILE', help: 'where to write the merged report (.json)', required: true } },
    footer: 'Exit status: 0 merged, 1 an input is unreadable or the shards do not belong together, 2 bad command line.',
  },
  async ({ values, positionals }, io) => {
    const out = values.report!;
    prepareOutputFile('--report', out, 'merged.json');
    const formats = positionals.map((file) => ({ file, format: formatOf(file) }));
    const fleet = formats.filter((f) => f.format === FLEET_REPORT_FORMAT);
    if (fleet.length > 0 && fleet.length < formats.length) {
      const other = formats.find((f) => f.format !== FLEET_REPORT_FORMAT)!;
      throw new CliError(`merge: ${fleet[0]!.file} is a fleet report but ${other.file} is not; merge reports of one kind`);
    }
    try {
      if (fleet.length > 0) {
        const { report, missing } = mergeFleetReports(fleet.map(({ file }) => ({ file, report: parseFleetReport(file, readJson(file)) })));
        writeFileSync(out, `${JSON.stringify(report)}\n`);
        io.out(summaryLine(report));
        if (missing.length > 0) io.err(`merge: shards ${missing.join(', ')} of ${report.shards[0]!.total} are missing`);
        return 0;
      }
      const { report, missing } = mergeSuiteReports(positionals.map((file) => ({ file, report: readSuiteReport(file) })));
      writeSuiteOutputs(report, { report: out });
      io.out(`merged ${report.runs.length} runs from ${positionals.length} reports into ${out}`);
      if (missing.length > 0) io.err(`merge: ${missing.length} planned runs are in no report`);
      return 0;
    } catch (err) {
      if (err instanceof FleetMergeError || err instanceof SuiteMergeError) throw new CliError(`merge: ${err.message}`);
      throw err;
    }
  },
);

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
function formatOf(file: string): unknown {
  const json = readJson(file);
  return typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
}
