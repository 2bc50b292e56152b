// `twinbench runs <db>`: the runs recorded in a file, newest first, as a table (or JSON with --json), so a user
// can pick the ids to replay, diff or export.
import { defaultRecordingFile } from './data-dir';
import { openRecordingDatabase } from '../recorder/database';
import { RecordingError } from '../recorder/recording-error';
import { listRuns, type RunSummary } from '../recorder/runs';
import { CliError } from './cli-errors';
import { defineCommand } from './command-spec';

export const runsCommand = defineCommand(
  {
    name: 'runs',
    args: '[recording.db]',
    positionals: { min: 0, max: 1 },
    summary: 'list the recorded runs (default: the recording in your data folder)',
    description:
      'Lists the runs recorded in the file, newest first: id, start time, scenario, architecture, seed, status,\n' +
      'events, messages, duration and the first characters of the eventHash. Without a file: the recording every\n' +
      '`twinbench run` writes by default.',
    options: {
      json: { type: 'boolean', help: 'one JSON array with every field, for scripts' },
    },
    footer: 'Exit status: 0 listed, 2 bad command line or unreadable file.',
  },
  async ({ values, positionals }, io) => {
    const file = positionals[0] ?? defaultRecordingFile();
    let runs: RunSummary[];
    try {
      const db = openRecordingDatabase(file);
      try {
        runs = listRuns(db, file);
      } finally {
        db.close();
      }
    } catch (err) {
      if (err instanceof RecordingError) throw new CliError(err.message, 2, { cause: err });
      throw err;
    }
    if (values.json) {
      io.out(JSON.stringify(runs, null, 2));
      return 0;
    }
    if (runs.length === 0) {
      io.out(`${file} holds no runs yet.`);
      return 0;
    }
    io.out(formatRunsTable(runs));
    return 0;
  },
);

const COLUMNS = ['ID', 'STARTED', 'SCENARIO', 'ARCHITECTURE', 'SEED', 'STATUS', 'EVENTS', 'MESSAGES', 'DURATION', 'HASH'];
const NUMERIC = new Set(['ID', 'SEED', 'EVENTS', 'MESSAGES', 'DURATION']);

export function formatRunsTable(runs: readonly RunSummary[]): string {
  // A run recorded in a group (the app's architecture comparison) says which; a file without any keeps the old table.
  const labelled = runs.some((r) => r.label !== null);
  const columns = labelled ? [...COLUMNS, 'LABEL'] : COLUMNS;
  const rows = runs.map((r) => [
    String(r.id),
    r.startedAt.slice(0, 19).replace('T', ' '),
    r.scenario,
    r.architecture,
    String(r.seed),
    r.status,
    String(r.eventCount),
    String(r.messageCount),
    duration(r.startedAt, r.endedAt),
    r.eventHash === null ? '-' : r.eventHash.slice(0, 12),
    ...(labelled ? [r.label ?? '-'] : []),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (NUMERIC.has(columns[i]!) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)].join('\n') + '\n';
}

function duration(startedAt: string, endedAt: string | null): string {
  if (endedAt === null) return '-';
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '-';
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)}s` : ms < 3_600_000 ? `${Math.round(ms / 1000)}s` : `${(ms / 3_600_000).toFixed(1)}h`;
}
