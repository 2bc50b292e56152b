// The recording database as the app reads it: the list of runs, a run's verdict as a RunResult (for the final
// verdict of a replay), and the semantic diff of two runs. Each call opens the file read-only and closes it, so
// the app never holds a reader across the writer's runs; a missing file is simply "no runs yet".
import { existsSync } from 'node:fs';
import type { ExpectationResult, RecordedRuns, RunDiffView, RunMetrics, RunResult } from '../../protocol';
import type { Architecture } from '../../twins/bus/envelope';
import { diffRuns, formatDiffReport, listRuns, openRecordingDatabase, openReplay, type Replay } from '../recorder';
import type Database from 'better-sqlite3';

/** The run's static facts a RunResult needs and the recording does not keep. */
export interface RecordedRunContext {
  file: string;
  title: string;
  expectations: readonly { id: string; kind: string; description?: string }[];
}

export class RecordedRunsFile {
  constructor(readonly file: string | undefined) {}

  list(): RecordedRuns {
    if (this.file === undefined || !existsSync(this.file)) return { file: this.file ?? null, runs: [] };
    const runs = this.read((db, file) => listRuns(db, file)).map((r) => ({
      id: r.id, scenario: r.scenario, architecture: r.architecture, seed: r.seed, status: r.status, startedAt: r.startedAt, endedAt: r.endedAt,
      events: r.eventCount, messages: r.messageCount, ...(r.label !== null ? { label: r.label } : {}),
    }));
    return { file: this.file, runs };
  }

  /** Location is coarsened in the comparison unless the user opted in to precise locations (location-view.ts). */
  diff(a: number, b: number, toleranceMs = 0, precise = false): RunDiffView {
    const file = this.require();
    const result = diffRuns({ file, run: a }, { file, run: b }, { toleranceMs, coarsenLocation: !precise });
    return { a, b, equivalent: result.equivalent, total: result.total, toleranceMs, warnings: result.warnings, report: formatDiffReport(result) };
  }

  /** Opens a run for replay; the caller closes it. */
  openReplay(runId: number): Replay {
    return openReplay(this.require(), runId);
  }

  /** Virtual time of the run's last recorded event (0 for a run with none). */
  lastEventTime(runId: number): number {
    return this.read((db) => db.prepare<[number], { t: number | null }>('SELECT max(t) AS t FROM events WHERE run_id = ?').get(runId)?.t ?? 0);
  }

  /**
   * The run's RunResult as recorded, or undefined for a run that was never judged (interrupted, or still running).
   * Latency samples come from the messages table: the recording keeps them there rather than in the metrics.
   */
  recordedResult(replay: Replay, context: RecordedRunContext, simulatedMs: number): RunResult | undefined {
    const run = replay.run;
    const verdict = run.verdict as { passed?: boolean; abortedBy?: string | null; noVerdict?: boolean } | null;
    if (verdict === null || run.metrics === null || (run.status !== 'passed' && run.status !== 'failed')) return undefined;
    const { rows, samples, events } = this.read((db) => ({
      rows: db.prepare<[number], { id: string; passed: number; detail: string | null }>('SELECT id, passed, detail FROM expectations WHERE run_id = ? ORDER BY id').all(run.id),
      samples: db.prepare<[number], { e2e: number }>('SELECT e2e_ms AS e2e FROM messages WHERE run_id = ? AND e2e_ms IS NOT NULL ORDER BY seq LIMIT 10000').all(run.id).map((r) => r.e2e),
      events: db.prepare<[number], { n: number | null }>('SELECT max(seq) + 1 AS n FROM events WHERE run_id = ?').get(run.id)?.n ?? 0,
    }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The scenario's order, as the live verdict lists them; an expectation only the recording knows goes last.
    const order = [...context.expectations.map((e) => e.id), ...rows.map((r) => r.id).filter((id) => !context.expectations.some((e) => e.id === id))];
    const expectations: ExpectationResult[] = order.flatMap((id) => {
      const row = byId.get(id);
      const info = context.expectations.find((e) => e.id === id);
      if (row === undefined) return [];
      return [{ id, kind: info?.kind ?? 'recorded', ...(info?.description !== undefined ? { description: info.description } : {}), passed: row.passed === 1, detail: row.detail ?? '' }];
    });
    return {
      scenario: run.scenario, title: context.title, file: context.file, seed: run.seed, architecture: run.architecture as Architecture,
      parameters: run.parameters as RunResult['parameters'], passed: verdict.passed === true,
      ...(verdict.noVerdict === true ? { noVerdict: true as const } : {}),
      ...(typeof verdict.abortedBy === 'string' ? { abortedBy: verdict.abortedBy } : {}),
      expectations, metrics: { ...(run.metrics as unknown as RunMetrics), e2eSamples: samples },
      eventHash: run.eventHash ?? '', events, simulatedMs, wallMs: wallMsOf(run.startedAt, run.endedAt),
    };
  }

  private require(): string {
    if (this.file === undefined) throw new Error('recording is off in this app (no recording file), so there are no runs to open');
    return this.file;
  }

  private read<T>(query: (db: Database.Database, file: string) => T): T {
    const file = this.require();
    const db = openRecordingDatabase(file);
    try {
      return query(db, file);
    } finally {
      db.close();
    }
  }
}

function wallMsOf(startedAt: string, endedAt: string | null): number {
  const ms = endedAt === null ? NaN : Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) ? ms : 0;
}
