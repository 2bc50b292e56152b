// `twinbench diff <db> <runA> <runB>`: the regression check. Exit 0 when the runs are equivalent, 1 when they
// differ (the report says how), 2 for a usage error or a file/run that cannot be read — so CI can tell
// "the behaviour changed" from "the check itself is broken".
import { diffRuns, formatDiffReport } from '../recorder/diff';
import type { DiffResult } from '../recorder/diff-types';
import { RecordingError } from '../recorder/recording-error';
import { CliError, UsageError } from './cli-errors';
import { defineCommand } from './command-spec';

export const diffCommand = defineCommand(
  {
    name: 'diff',
    args: '<recording.db> <runA> <runB>',
    positionals: { min: 3, max: 3 },
    summary: 'compare two recorded runs semantically (exit 0 equivalent, 1 different)',
    description:
      'Compares two recorded runs semantically: the same messages (source, destination, topic, kind, payload) in the\n' +
      'same causal order, the same twin state sequences, expectation results and domain events, and latencies (end\n' +
      'to end and per hop) within the tolerance. Message, trace and span ids and wall-clock times are ignored.\n' +
      '<runA> and <runB> are run ids from `twinbench runs`, or latest.',
    options: {
      against: { type: 'string', value: 'FILE', help: 'runB is in FILE instead of <recording.db>' },
      'tolerance-ms': { type: 'string', value: 'N', help: 'latency shifts up to N virtual ms are not differences (default 0)' },
      limit: { type: 'string', value: 'N', help: 'differences listed in the report (default 20; counts are always complete)' },
      json: { type: 'boolean', help: 'the full result as JSON' },
    },
    footer: 'Exit status: 0 equivalent, 1 different, 2 bad command line or unreadable file.',
  },
  async ({ values, positionals }, io) => {
    const [file, runA, runB] = positionals as [string, string, string];
    const toleranceMs = nonNegative('--tolerance-ms', values['tolerance-ms'], 0);
    const limit = nonNegative('--limit', values.limit, 20, true);
    let result: DiffResult;
    try {
      result = diffRuns({ file, run: runA }, { file: values.against ?? file, run: runB }, { toleranceMs });
    } catch (err) {
      if (err instanceof RecordingError) throw new CliError(err.message, 2, { cause: err });
      throw err;
    }
    io.out(values.json ? JSON.stringify(result, null, 2) : formatDiffReport(result, { limit }));
    return result.equivalent ? 0 : 1;
  },
);

function nonNegative(flag: string, text: string | undefined, fallback: number, whole = false): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || (whole && !Number.isSafeInteger(value))) {
    throw new UsageError(`${flag} needs a ${whole ? 'whole ' : ''}number >= 0, got "${text}"`);
  }
  return value;
}
