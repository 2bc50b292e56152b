// The combined report of a suite: every run (with its eventHash) and, per scene and architecture, the pass rate
// across seeds and the latency percentiles of all its runs' samples pooled. Shards write the same format, and
// `twinbench merge` combines them into the report one machine would have written.
import type { Architecture } from '../../twins/bus/envelope';
import type { RunWithoutResult } from '../report';
import type { LatencyStats, RunResult } from '../runner/result';
import { stats } from '../runner/metrics';
import type { JobOutcome } from './suite-pool';
import type { Shard, SuiteJob } from './suite-plan';

export const SUITE_REPORT_FORMAT = 'twinbench-suite/v1';

export interface SuiteRun extends SuiteJob {
  passed: boolean;
  /**
   * `none`: a demo that declares `verdict: none`; `skipped`: a scene only a real endpoint can judge (see `skipped`),
   * not run. Neither passes nor fails the suite, and neither is counted as a pass.
   */
  verdict?: 'pass' | 'fail' | 'none' | 'error' | 'skipped';
  /** Why the run could not run at all (a worker died, the scene failed to load); it counts as failed. */
  error?: string;
  /** Why the run was not run and how to run it alone (scenario/real-endpoints.ts), with verdict `skipped`. */
  skipped?: string;
  eventHash?: string;
  /** The whole result, so merged shards can still write every report format. */
  result?: RunResult;
  /** Which worker process ran it and that process's CPU time for it, ms (see JobOutcome): a worker's warm-up shows. */
  worker?: number;
  cpuMs?: number;
}

export interface SuiteGroup {
  scenario: string;
  architecture: Architecture;
  runs: number;
  passed: number;
  /** Runs not run: the scene needs a real endpoint a suite does not connect. */
  skipped: number;
  /** passed / runs with a verdict, 0–1; null when every run is a demo without one or skipped. */
  passRate: number | null;
  seeds: number[];
  /** End-to-end latency over every run's samples together (each run keeps at most 10,000). */
  e2e: LatencyStats;
  /** Messages sent and failed across the runs, and so the pooled failure rate. */
  messages: number;
  failed: number;
  failureRate: number | null;
}

export interface SuiteReport {
  format: typeof SUITE_REPORT_FORMAT;
  /** Runs in the whole plan (all shards together). */
  planned: number;
  /** The shards whose runs this report holds (one for a shard's own report; several after a merge). */
  shards: Shard[];
  passed: boolean;
  runs: SuiteRun[];
  groups: SuiteGroup[];
}

/** A planned run a suite does not run, with the reason and how to run it alone. */
export interface SkippedJob {
  job: SuiteJob;
  skipped: string;
}

export function suiteReport(outcomes: readonly (JobOutcome | SkippedJob)[], planned: number, shard: Shard): SuiteReport {
  const runs = outcomes.map((o): SuiteRun => ('skipped' in o ? { ...o.job, passed: false, verdict: 'skipped', skipped: o.skipped } : 'result' in o
    ? { ...o.job, passed: o.result.passed, verdict: o.result.noVerdict ? 'none' : o.result.passed ? 'pass' : 'fail', eventHash: o.result.eventHash, result: o.result,
      ...(o.worker !== undefined ? { worker: o.worker } : {}), ...(o.cpuMs !== undefined ? { cpuMs: o.cpuMs } : {}) }
    : { ...o.job, passed: false, verdict: 'error', error: o.error }));
  return assemble(runs, planned, [shard]);
}

export function assemble(runs: SuiteRun[], planned: number, shards: Shard[]): SuiteReport {
  const ordered = [...runs].sort((a, b) => a.index - b.index);
  return {
    format: SUITE_REPORT_FORMAT,
    planned,
    shards,
    passed: ordered.length > 0 && !ordered.some(failedRun),
    runs: ordered,
    groups: groupsOf(ordered),
  };
}

/** A run that fails the suite: runs of a demo without a verdict and skipped runs neither pass nor fail it. */
export function failedRun(run: SuiteRun): boolean {
  return !run.passed && run.verdict !== 'none' && run.verdict !== 'skipped';
}

function groupsOf(runs: readonly SuiteRun[]): SuiteGroup[] {
  const groups = new Map<string, SuiteRun[]>();
  for (const run of runs) {
    const key = `${run.scenario}\u0000${run.architecture}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((members): SuiteGroup => {
    const first = members[0]!;
    const results = members.flatMap((m) => (m.result ? [m.result] : []));
    const passed = members.filter((m) => m.passed).length;
    const skipped = members.filter((m) => m.verdict === 'skipped').length;
    const judged = members.filter((m) => m.verdict !== 'none' && m.verdict !== 'skipped').length;
    const messages = results.reduce((n, r) => n + r.metrics.messages, 0);
    const failed = results.reduce((n, r) => n + r.metrics.failed, 0);
    return {
      scenario: first.scenario,
      architecture: first.architecture,
      runs: members.length,
      passed,
      skipped,
      passRate: judged > 0 ? passed / judged : null,
      seeds: members.map((m) => m.seed),
      e2e: stats(results.flatMap((r) => r.metrics.e2eSamples)),
      messages,
      failed,
      failureRate: messages > 0 ? failed / messages : null,
    };
  });
}

/** What JUnit shows of a report, in plan order: each run's RunResult, each skipped run and each run that could not run. */
export function junitRunsOf(report: SuiteReport): (RunResult | RunWithoutResult)[] {
  return report.runs.map((r): RunResult | RunWithoutResult => {
    if (r.result) return r.result;
    const where = { scenario: r.scenario, architecture: r.architecture, file: r.file, seed: r.seed };
    return r.verdict === 'skipped' ? { ...where, skipped: r.skipped ?? 'not run' } : { ...where, error: r.error ?? 'the run has no result' };
  });
}
