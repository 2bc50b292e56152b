// "Run every architecture" (issue 18 §4): the loaded scene, with the session's seed and parameters, run headless
// under each of the four architectures on a worker process (the suite's pool: the same job as `twinbench run`, so
// each eventHash is the one the CLI prints). The live session's thread only waits for the answer, so the run on
// screen keeps playing. One comparison at a time: asking again while one runs joins it. Each run is recorded like
// any other, into the app's recording, labelled with the comparison it belongs to: the Recordings panel lists the
// four, any one replays, and any two diff.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ArchitectureComparison, ArchitectureRunSummary, SessionInfo } from '../../protocol';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import { verdictOf } from '../report/format';
import { runLatencyHistogramSvg } from '../report/svg-charts';
import type { LatencyStats, RunResult } from '../runner/result';
import { runJobsOnWorkers, type JobOutcome } from '../suite/suite-pool';
import { prepareRecording, type SuiteJobOptions } from '../suite/suite-job';
import type { SuiteJob } from '../suite/suite-plan';
import { workerEntry } from '../suite/worker-entry';

const NO_LATENCY: LatencyStats = { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };

/** Runs the jobs; the default is the suite's worker pool with one worker (the machine keeps a core for the live run). */
export type RunJobs = (jobs: readonly SuiteJob[], options: SuiteJobOptions) => Promise<JobOutcome[]>;

// From the suite's esbuild bundle, like `twinbench run`'s workers: the worker starts in ~0.2 s of CPU, not ~0.75 s through tsx.
const onWorkers: RunJobs = async (jobs, options) => runJobsOnWorkers(jobs, { workers: 1, entry: await workerEntry(), ...options });

/** Where the comparison's runs are recorded (the app's recording file; undefined: not recorded). */
export interface ComparisonRecording {
  file: string | undefined;
  /** The runs are recorded (the Recordings panel refreshes). */
  onRecorded?: () => void;
  /** Wall clock for the label; default now. */
  now?: () => Date;
}

/** The label of one comparison's runs: `comparison 2026-12-06 22:53:01`, the wall time (UTC) it started. */
export function comparisonLabel(at: Date): string {
  return `comparison ${at.toISOString().slice(0, 19).replace('T', ' ')}`;
}

export class ArchitectureComparer {
  private running: { key: string; promise: Promise<ArchitectureComparison> } | undefined;

  constructor(
    private readonly resolve: (handle: string) => string,
    private readonly runJobs: RunJobs = onWorkers,
    private readonly recording: ComparisonRecording = { file: undefined },
  ) {}

  compare(session: SessionInfo | null, listed: readonly Architecture[]): Promise<ArchitectureComparison> {
    if (session === null) return Promise.reject(new Error('no scenario loaded: load one, then compare its architectures'));
    if (session.replay !== undefined) return Promise.reject(new Error('this is a recorded run: load the scenario to compare its architectures'));
    const key = `${session.file}\n${session.seed}\n${JSON.stringify(session.parameters)}`;
    if (this.running?.key === key) return this.running.promise;
    if (this.running !== undefined) return Promise.reject(new Error('a comparison of another scene is still running: wait for it to finish'));
    const promise = this.run(session, listed).finally(() => {
      this.running = undefined;
    });
    this.running = { key, promise };
    return promise;
  }

  private async run(session: SessionInfo, listed: readonly Architecture[]): Promise<ArchitectureComparison> {
    const file = this.resolve(session.file);
    const jobs: SuiteJob[] = ARCHITECTURES.map((architecture, index) => ({ index, file, scenario: session.scenario, architecture, seed: session.seed }));
    // Every resolved parameter value, as `--set` takes them: the comparison runs exactly the scene on screen.
    const set = Object.fromEntries(Object.entries(session.parameters).map(([k, v]) => [k, String(v)]));
    const label = comparisonLabel((this.recording.now ?? (() => new Date()))());
    const recordFile = this.recordingFile();
    const outcomes = await this.runJobs(jobs, { set, ...(recordFile !== undefined ? { recordFile, label } : {}) });
    if (recordFile !== undefined) this.recording.onRecorded?.();
    const results = outcomes.flatMap((o) => ('result' in o ? [o.result] : []));
    return {
      scenario: session.scenario, file: session.file, seed: session.seed, parameters: session.parameters,
      runs: outcomes.map((o) => summaryOf(o, listed.includes(o.job.architecture))),
      latencySvg: runLatencyHistogramSvg(results, results.map((r) => r.architecture)),
      ...(recordFile !== undefined ? { label } : {}),
    };
  }

  /** The recording file, created and migrated before the worker writes to it; undefined when it cannot be (said once). */
  private recordingFile(): string | undefined {
    const file = this.recording.file;
    if (file === undefined) return undefined;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      prepareRecording(file);
      return file;
    } catch (err) {
      console.error(`twinbench: not recording the comparison's runs: ${(err as Error).message}`);
      return undefined;
    }
  }
}

export function summaryOf(outcome: JobOutcome, listed: boolean): ArchitectureRunSummary {
  if ('error' in outcome) {
    return {
      architecture: outcome.job.architecture, listed, verdict: 'error', error: outcome.error, messages: 0, successRate: 0, failureRate: 0,
      failuresByReason: {}, e2e: NO_LATENCY, roundTrip: NO_LATENCY, failedExpectations: [], eventHash: '', wallMs: 0,
    };
  }
  const r: RunResult = outcome.result;
  const m = r.metrics;
  return {
    architecture: r.architecture, listed, verdict: verdictOf(r), messages: m.messages, successRate: m.successRate, failureRate: m.failureRate,
    failuresByReason: m.failuresByReason, e2e: m.e2e, roundTrip: m.roundTrip,
    failedExpectations: r.expectations.filter((e) => !e.passed).map((e) => ({ id: e.id, detail: e.detail })),
    eventHash: r.eventHash, wallMs: r.wallMs,
    ...(r.abortedBy !== undefined ? { error: `ended early: ${r.abortedBy}` } : {}),
  };
}
