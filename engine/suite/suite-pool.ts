// Runs a suite's jobs on N worker processes (one simulation thread each, so N cores), handing each idle worker the
// next job. Results come back in plan order whatever order the workers finish in. A worker that dies (out of
// memory, a native crash) fails only the job it held; a fresh worker takes over the rest.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RunResult } from '../runner/result';
import type { SuiteJobOptions } from './suite-job';
import type { WorkerReply, WorkerRequest } from './suite-messages';
import type { SuiteJob } from './suite-plan';

export type JobOutcome = { job: SuiteJob; result: RunResult } | { job: SuiteJob; error: string };

export interface PoolOptions extends SuiteJobOptions {
  workers: number;
  /** Called as each job ends, in the order they end (progress lines). */
  onOutcome?: (outcome: JobOutcome, done: number, total: number) => void;
}

const WORKER_FILE = path.join(import.meta.dirname, 'suite-worker.ts');
// The same young generation as the CLI (bin/twinbench.mjs), and tsx to run the TypeScript worker.
const WORKER_EXEC_ARGV = ['--max-semi-space-size=64', '--import', 'tsx'];

export function runJobsOnWorkers(jobs: readonly SuiteJob[], options: PoolOptions): Promise<JobOutcome[]> {
  const outcomes = new Map<number, JobOutcome>();
  const queue = [...jobs];
  const { workers: wanted, onOutcome, ...jobOptions } = options;
  const workerCount = Math.max(1, Math.min(wanted, jobs.length));
  let live = 0;
  return new Promise((resolve) => {
    if (jobs.length === 0) return resolve([]);
    const finish = (outcome: JobOutcome): void => {
      outcomes.set(outcome.job.index, outcome);
      onOutcome?.(outcome, outcomes.size, jobs.length);
    };
    const start = (): void => {
      live++;
      const child = fork(WORKER_FILE, [], { execArgv: WORKER_EXEC_ARGV, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
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
        finish(reply.type === 'result' ? { job: held, result: reply.result } : { job: held, error: reply.message });
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

function send(child: ChildProcess, message: WorkerRequest): void {
  if (child.connected) child.send(message);
}
