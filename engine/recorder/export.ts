// Exports a recorded run for other tools: `jsonl`, one canonical event per line (the stream the eventHash
// covers), or `csv`, one row per message with its end-to-end and per-hop latencies for spreadsheets and
// notebooks. An export leaves the workbench, so precise vehicle location is coarsened to ~1 km unless the
// caller asks for `precise`, and secret fields are stripped again (a file from an older build may hold some).
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../twins/kernel/canonical-json';
import { asRecordingError, openRecordingDatabase } from './database';
import type { RunSource } from './diff-load';
import { coarsenLine, coarsenLocation } from './location-privacy';
import { envelopeOfLine, hopLatency, MESSAGES_WITH_LINES_SQL, type MessageWithLine } from './message-row';
import { redactLine, stripSecrets } from './redact';
import { getRun } from './runs';
import { readEventLine, type RunInfo } from './schema';

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

export interface ExportOptions {
  format: ExportFormat;
  /** Keep vehicle location to full precision (only with the user's authorisation). Default false. */
  precise?: boolean;
  /** Receives the output in chunks of roughly 64 KB. */
  write(chunk: string): void;
}

export interface ExportSummary {
  run: RunInfo;
  /** Events (jsonl) or messages (csv) written. */
  rows: number;
  /** Location numbers rounded. */
  coarsened: number;
  /** Secret fields removed at export time. */
  secretsRemoved: number;
  /** Rows left out because their stored line is damaged, each naming the run and the event seq. */
  skipped: string[];
}

const CHUNK = 64 * 1024;

export function exportRun(source: RunSource, options: ExportOptions): ExportSummary {
  if (!EXPORT_FORMATS.includes(options.format)) {
    throw new Error(`unknown export format "${String(options.format)}"; use ${EXPORT_FORMATS.join(' or ')}`);
  }
  const owns = 'file' in source;
  const db = owns ? openRecordingDatabase(source.file) : source.db;
  const file = owns ? source.file : db.name;
  try {
    const run = getRun(db, file, source.run);
    const sink = new ChunkedWriter(options.write);
    const summary: ExportSummary = { run, rows: 0, coarsened: 0, secretsRemoved: 0, skipped: [] };
    try {
      if (options.format === 'jsonl') exportJsonl(db, run.id, options.precise === true, sink, summary);
      else exportCsv(db, run.id, options.precise === true, sink, summary);
    } catch (err) {
      throw asRecordingError(err, file, run.id);
    }
    sink.end();
    return summary;
  } finally {
    if (owns) db.close();
  }
}

type Counts = Omit<ExportSummary, 'run'>;

function exportJsonl(db: Database.Database, runId: number, precise: boolean, sink: ChunkedWriter, counts: Counts): void {
  const rows = db
    .prepare<[number], { seq: number; line: string; valid: 0 | 1 }>('SELECT seq, line, json_valid(line) AS valid FROM events WHERE run_id = ? ORDER BY seq')
    .iterate(runId);
  for (const row of rows) {
    if (!row.valid) {
      const read = readEventLine(row.line, runId, row.seq);
      if (!read.ok) {
        counts.skipped.push(read.problem);
        continue;
      }
    }
    const redacted = redactLine(row.line);
    counts.secretsRemoved += redacted.removed;
    let line = redacted.value;
    if (!precise) {
      const coarse = coarsenLine(line, canonicalJson);
      counts.coarsened += coarse.changed;
      line = coarse.value;
    }
    sink.write(line + '\n');
    counts.rows++;
  }
}

const CSV_COLUMNS = [
  'seq', 'message_id', 'trace_id', 'source', 'destination', 'topic', 'kind', 'architecture', 'status', 'failure',
  'created_at_ms', 'completed_at_ms', 'e2e_ms', 'hop_count',
];

function exportCsv(db: Database.Database, runId: number, precise: boolean, sink: ChunkedWriter, counts: Counts): void {
  // Hop columns are as many as the longest path of the run, so every row has the same shape.
  const maxHops = db
    .prepare<[number], { n: number | null }>(
      "SELECT max(CASE WHEN json_valid(e.line) THEN json_array_length(json_extract(e.line, '$.data.hops')) END) AS n FROM messages m JOIN events e ON e.run_id = m.run_id AND e.seq = m.seq WHERE m.run_id = ?",
    )
    .get(runId)?.n ?? 0;
  const hopColumns: string[] = [];
  for (let h = 1; h <= maxHops; h++) hopColumns.push(`hop${h}_from`, `hop${h}_to`, `hop${h}_link`, `hop${h}_ms`);
  sink.write(csvRow([...CSV_COLUMNS, ...hopColumns, 'payload']));
  const rows = db.prepare<[number], MessageWithLine>(MESSAGES_WITH_LINES_SQL).iterate(runId);
  for (const row of rows) {
    const read = row.line_valid ? undefined : readEventLine(row.line, runId, row.seq);
    if (read !== undefined && !read.ok) {
      counts.skipped.push(read.problem);
      continue;
    }
    const recorded = envelopeOfLine(row.line);
    const hops = recorded.hops;
    const hopCells: (string | number | null)[] = [];
    for (let h = 0; h < maxHops; h++) {
      const hop = hops[h];
      hopCells.push(hop?.from ?? null, hop?.to ?? null, hop?.link ?? null, hop === undefined ? null : (hopLatency(hop) ?? null));
    }
    const stripped = stripSecrets(recorded.payload);
    counts.secretsRemoved += stripped.removed;
    let payload = stripped.value;
    if (!precise) {
      const coarse = coarsenLocation(payload);
      counts.coarsened += coarse.changed;
      payload = coarse.value;
    }
    sink.write(
      csvRow([
        row.seq, row.message_id, row.trace_id, row.source, row.destination, row.topic, row.kind, row.architecture, row.status, row.failure,
        row.created_at, row.completed_at, row.e2e_ms, hops.length, ...hopCells, canonicalJson(payload),
      ]),
    );
    counts.rows++;
  }
}

/** One RFC 4180 row: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
export function csvRow(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

function csvCell(cell: string | number | null): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

class ChunkedWriter {
  private buffer = '';

  constructor(private readonly out: (chunk: string) => void) {}

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) this.end();
  }

  end(): void {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    this.out(chunk);
  }
}
