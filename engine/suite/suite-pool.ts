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
  /** Called as each job ends, in the order they end (progress lines). */
  onOutcome?: (outcome: JobOutcome, done: number, total: number) => void;
}

/*
 * Every worker runs with the flags of the entry, whatever their number. Tried and removed (2026-12-07, alternating
 * A/B of 16 runs on 2 workers): `--single-threaded` for workers that share the cores (V8's helper threads only
 * compete with the other worker there) was 6–7 % faster for 16 nights of a 200-home and of a 1,000-home feeder, and
 * `--no-turbo-inlining` on top (cheaper compiles in each worker's warm-up, slower code after it) 6 % faster for the
 * 200-home nights and 9 % slower for the 1,000-home ones — neither paid the 10 % a mechanism must.
 */
export function runJobsOnWorkers(jobs: readonly SuiteJob[], options: PoolOptions): Promise<JobOutcome[]> {
  const outcomes = new Map<number, JobOutcome>();
  const { workers: wanted, onOutcome, entry = TSX_ENTRY, cost, ...jobOptions } = options;
  const queue = cost === undefined ? [...jobs] : longestFirst(jobs, cost);
  const workerCount = Math.max(1, Math.min(wanted, jobs.length));
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
      const child = fork(entry.file, [], { execArgv: entry.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
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
