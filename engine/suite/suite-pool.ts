// Runs a suite's jobs on N worker processes (one simulation thread each, so N cores), started once and reused for
// every job, handing each idle worker the next job, costliest first. Results come back in plan order whatever order the workers finish in. A worker that dies (out of
// memory, a native crash) fails only the job it held; a fresh worker takes over the rest.
import { fork, type ChildProcess } from 'node:child_process';
import type { RunResult } from '../runner/result';
import type { SuiteJobOptions } from './suite-job';
import type { WorkerReply, WorkerRequest } from './suite-messages';
import type { SuiteJob } from './suite-plan';
import { TSX_ENTRY, type WorkerEntry } from './worker-entry';

/**
 * `worker`: which worker process ran the job (1…N in start order; a worker started in place of one that died takes
 * the next number). `cpuMs`: that process's CPU time for the job. Together they show a worker's warm-up — its first
 * runs cost several times its later ones — which every worker pays once, and so what a second worker can win.
 */
export type JobOutcome = { job: SuiteJob; result: RunResult; worker?: number; cpuMs?: number } | { job: SuiteJob; error: string };

export interface PoolOptions extends SuiteJobOptions {
  workers: number;
  /** How a worker process starts (default: suite-worker.ts through tsx); see worker-entry.ts. */
  entry?: WorkerEntry;
  /**
   * A job's estimated cost: the costliest are handed out first, so the suite does not end with one worker still on
   * a long run while the others idle. Ties (and no estimate) keep the plan's order.
   */
  cost?: (job: SuiteJob) => number;
  /** Run the workers with the flags of workers that share the cores (workerArgs); default: when there are several. */
  sharedCores?: boolean;
  /** Called as each job ends, in the order they end (progress lines). */
  onOutcome?: (outcome: JobOutcome, done: number, total: number) => void;
}

/**
 * One worker alone keeps V8's helper threads (parallel scavenges, concurrent marking and compiling): on 2 cores they
 * give it ~1.3 cores. With several workers every core already runs a worker, and the helpers only compete with them:
 * `--single-threaded` made 16 runs on 2 workers 14 % faster (5.1 → 4.4 s, same bench run) and one worker 27 % slower.
 * A worker's JIT warm-up is then its own serial part — its first peak-shaving run costs ~1.4 s of CPU, its second
 * ~0.65 s, later ones ~0.35 s, and every worker pays it — and about half of that warm-up is TurboFan compiling, now on
 * the worker's own thread. `--no-turbo-inlining` makes those compiles cheaper: first runs 1.15 and 0.5 s, later runs
 * unchanged (0.35 s), and 16 runs on 2 workers took 3.84 and 3.92 s against 4.27 and 4.48 s (alternating A/B, 10–12 %).
 * A lone worker compiles on a helper thread, so the flag did not change its wall time (5.1–5.4 s either way): it is
 * left as it was.
 */
export function workerArgs(execArgv: readonly string[], workerCount: number, sharedCores = workerCount > 1): string[] {
  return sharedCores ? [...execArgv, '--single-threaded', '--no-turbo-inlining'] : [...execArgv];
}

export function runJobsOnWorkers(jobs: readonly SuiteJob[], options: PoolOptions): Promise<JobOutcome[]> {
  const outcomes = new Map<number, JobOutcome>();
  const { workers: wanted, onOutcome, entry = TSX_ENTRY, cost, sharedCores, ...jobOptions } = options;
  const queue = cost === undefined ? [...jobs] : longestFirst(jobs, cost);
  const workerCount = Math.max(1, Math.min(wanted, jobs.length));
  const execArgv = workerArgs(entry.execArgv, workerCount, sharedCores);
  let started = 0;
  let live = 0;
  return new Promise((resolve) => {
    if (jobs.length === 0) return resolve([]);
    const finish = (outcome: JobOutcome): void => {
      outcomes.set(outcome.job.index, outcome);
      onOutcome?.(outcome, outcomes.size, jobs.length);
    };
    const start = (): void => {
      live++;
      const worker = ++started;
      const child = fork(entry.file, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
      let held: SuiteJob | undefined;
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-2000); // the tail says why a worker died
      });
      const next = (): void => {
        held = queue.shift();
        if (held === undefined) return send(child, { type: 'stop' });
        send(child, { type: 'job', job: held, options: jobOptions });
      };
      child.on('message', (reply: WorkerReply) => {
        if (held === undefined || reply.index !== held.index) return;
        finish(reply.type === 'result' ? { job: held, result: reply.result, worker, cpuMs: reply.cpuMs } : { job: held, error: reply.message });
        next();
      });
      child.on('exit', (code, signal) => {
        live--;
        if (held !== undefined) {
          const why = signal ? `signal ${signal}` : `exit code ${code}`;
          const tail = stderr.trim().split('\n').slice(-1)[0];
          finish({ job: held, error: `its worker process ended (${why})${tail ? `: ${tail}` : ''}` });
          held = undefined;
          if (queue.length > 0) start();
        }
        if (live === 0) resolve(jobs.map((job) => outcomes.get(job.index)!));
      });
      next();
    };
    for (let i = 0; i < workerCount; i++) start();
  });
}

/** The jobs by descending cost, plan order among equals (Array.prototype.sort is stable). */
export function longestFirst(jobs: readonly SuiteJob[], cost: (job: SuiteJob) => number): SuiteJob[] {
  const costs = new Map(jobs.map((job) => [job, cost(job)]));
  return [...jobs].sort((a, b) => costs.get(b)! - costs.get(a)!);
}

function send(child: ChildProcess, message: WorkerRequest): void {
  if (child.connected) child.send(message);
}
