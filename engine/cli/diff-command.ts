// `twinbench diff <db> <runA> <runB>`: the regression check. Exit 0 when the runs are equivalent, 1 when they
// differ (the report says how), 2 for a usage error or a file/run that cannot be read — so CI can tell
// "the behaviour changed" from "the check itself is broken".
import { diffRuns, formatDiffReport } from '../recorder/diff';
import type { DiffResult } from '../recorder/diff-types';
import { RecordingError } from '../recorder/recording-error';
import { parseCommandArgs, type CliIo, UsageError } from './main';

const USAGE = `Usage: twinbench diff <recording.db> <runA> <runB> [--against other.db] [--tolerance-ms N] [--limit N] [--json]

Compares two recorded runs semantically: the same messages (source, destination, topic, kind, payload) in the
same causal order, the same twin state sequences, expectation results and domain events, and latencies (end
to end and per hop) within the tolerance. Message, trace and span ids and wall-clock times are ignored.
  <runA> <runB>        run ids from \`twinbench runs\`, or latest
  --against FILE       runB is in FILE instead of <recording.db>
  --tolerance-ms N     latency shifts up to N virtual ms are not differences (default 0)
  --limit N            differences listed in the report (default 20; counts are always complete)
  --json               the full result as JSON
Exit status: 0 equivalent, 1 different, 2 usage error or unreadable file.
`;

export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: {
      against: { type: 'string' },
      'tolerance-ms': { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 3) throw new UsageError(`expected <recording.db> <runA> <runB>, got ${positionals.length} arguments\n\n${USAGE}`);
  const [file, runA, runB] = positionals as [string, string, string];
  const toleranceMs = nonNegative('--tolerance-ms', values['tolerance-ms'], 0);
  const limit = nonNegative('--limit', values.limit, 20);
  let result: DiffResult;
  try {
    result = diffRuns({ file, run: runA }, { file: values.against ?? file, run: runB }, { toleranceMs });
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    io.err(`twinbench diff: ${err.message}`);
    return 2;
  }
  io.out(values.json ? JSON.stringify(result, null, 2) : formatDiffReport(result, { limit }));
  return result.equivalent ? 0 : 1;
}

function nonNegative(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`${flag} needs a number >= 0, got "${text}"`);
  return value;
}
