// Loads what the semantic diff compares from one recorded run: its messages reduced to what carries meaning
// (who sent what to whom, how it went, how long each hop took), each twin's sequence of states, the domain
// events per kind, and the expectation verdicts. Ids, trace/span ids and wall-clock fields are left behind
// here so the comparison cannot trip on them.
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../twins/kernel/canonical-json';
import { asRecordingError, openRecordingDatabase } from './database';
import type { Json } from '../../twins/kernel/types';
import { coarsenLocation } from './location-privacy';
import { envelopeOfLine, hopLatency, MESSAGES_WITH_LINES_SQL, type MessageWithLine } from './message-row';
import { getRun, type RunRef } from './runs';
import { readEventLine, withDamage, type RunInfo } from './schema';

/** A run to compare: in a file, or in an open connection. */
export type RunSource = { file: string; run: RunRef } | { db: Database.Database; run: RunRef };

export interface ComparedHop {
  from: string;
  to: string;
  link: string;
  latencyMs: number | undefined;
}

export interface ComparedMessage {
  /** Position among the run's messages (completion order). */
  index: number;
  seq: number;
  source: string;
  destination: string;
  topic: string;
  kind: string;
  status: string;
  failure: string | null;
  /** Canonical JSON of the payload as sent, and as delivered (after the last translation). */
  payload: string;
  deliveredPayload: string;
  /** Addresses crossed, joined with ' > '. */
  path: string;
  hops: ComparedHop[];
  e2eMs: number | null;
  /** Grouping only (never compared): messages of one trace are causally ordered. */
  traceId: string;
}

export interface LoadedRun {
  label: string;
  run: RunInfo;
  messages: ComparedMessage[];
  /** Per twin (sorted by id), its states with consecutive repeats collapsed. */
  twinStates: Map<string, string[]>;
  /** `type @ source` → count, for domain events (neither msg.* nor twin.*). */
  domainEvents: Map<string, number>;
  expectations: Map<string, { passed: boolean; detail: string | null }>;
}

export function loadRun(source: RunSource, options: { coarsenLocation?: boolean } = {}): LoadedRun {
  const owns = 'file' in source;
  const db = owns ? openRecordingDatabase(source.file) : source.db;
  const file = owns ? source.file : db.name;
  try {
    const run = getRun(db, file, source.run);
    try {
      // Damaged rows are left out of the comparison and named in the run's `damaged` list (and the report).
      const skipped: string[] = [];
      const messages = loadMessages(db, run.id, skipped, options.coarsenLocation === true);
      const twinStates = loadTwinStates(db, run.id, skipped);
      return {
        label: `${file} run ${run.id}`,
        run: withDamage(run, skipped),
        messages,
        twinStates,
        domainEvents: loadDomainEvents(db, run.id),
        expectations: loadExpectations(db, run.id),
      };
    } catch (err) {
      throw asRecordingError(err, file, run.id);
    }
  } finally {
    if (owns) db.close();
  }
}

function loadMessages(db: Database.Database, runId: number, skipped: string[], coarse: boolean): ComparedMessage[] {
  const shown = (payload: Json): string => canonicalJson(coarse ? coarsenLocation(payload).value : payload);
  const rows = db.prepare<[number], MessageWithLine>(MESSAGES_WITH_LINES_SQL).iterate(runId);
  const out: ComparedMessage[] = [];
  for (const row of rows) {
    const read = row.line_valid ? undefined : readEventLine(row.line, runId, row.seq);
    if (read !== undefined && !read.ok) {
      skipped.push(read.problem);
      continue;
    }
    const recorded = envelopeOfLine(row.line);
    const hops = recorded.hops;
    const payload = shown(recorded.payload);
    let delivered = payload;
    for (let i = hops.length - 1; i >= 0; i--) {
      if (hops[i]!.payload !== undefined) {
        delivered = shown(hops[i]!.payload!);
        break;
      }
    }
    out.push({
      index: out.length,
      seq: row.seq,
      source: row.source,
      destination: row.destination,
      topic: row.topic,
      kind: row.kind,
      status: row.status,
      failure: row.failure,
      payload,
      deliveredPayload: delivered,
      path: hops.length === 0 ? `${row.source} > ${row.destination}` : [hops[0]!.from, ...hops.map((h) => h.to)].join(' > '),
      hops: hops.map((h) => ({ from: h.from, to: h.to, link: h.link, latencyMs: hopLatency(h) })),
      e2eMs: row.e2e_ms,
      traceId: row.trace_id,
    });
  }
  return out;
}

function loadTwinStates(db: Database.Database, runId: number, skipped: string[]): Map<string, string[]> {
  const rows = db
    .prepare<[number], { seq: number; source: string; state: string | null; line: string | null }>(
      // json_extract fails the whole query on one malformed line; only the bad line's text is fetched.
      `SELECT seq, source, CASE WHEN json_valid(line) THEN json_extract(line, '$.data.state') END AS state,
              CASE WHEN json_valid(line) THEN NULL ELSE line END AS line FROM events
       WHERE run_id = ? AND type IN ('twin.created', 'twin.state') ORDER BY seq`,
    )
    .iterate(runId);
  const states = new Map<string, string[]>();
  for (const row of rows) {
    const read = row.line === null ? undefined : readEventLine(row.line, runId, row.seq);
    if (read !== undefined && !read.ok) {
      skipped.push(read.problem);
      continue;
    }
    const state = row.state ?? '';
    let list = states.get(row.source);
    if (list === undefined) states.set(row.source, (list = []));
    if (list[list.length - 1] !== state) list.push(state);
  }
  return new Map([...states.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function loadDomainEvents(db: Database.Database, runId: number): Map<string, number> {
  const rows = db
    .prepare<[number], { type: string; source: string; n: number }>(
      `SELECT type, source, count(*) AS n FROM events
       WHERE run_id = ? AND type NOT LIKE 'msg.%' AND type NOT LIKE 'twin.%'
       GROUP BY type, source ORDER BY type, source`,
    )
    .all(runId);
  return new Map(rows.map((r) => [`${r.type} @ ${r.source}`, r.n]));
}

function loadExpectations(db: Database.Database, runId: number): Map<string, { passed: boolean; detail: string | null }> {
  const rows = db
    .prepare<[number], { id: string; passed: number; detail: string | null }>('SELECT id, passed, detail FROM expectations WHERE run_id = ? ORDER BY id')
    .all(runId);
  return new Map(rows.map((r) => [r.id, { passed: r.passed === 1, detail: r.detail }]));
}
