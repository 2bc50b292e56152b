// The IPC messages between a suite's parent and its worker processes.
import type { RunResult } from '../runner/result';
import type { SuiteJobOptions } from './suite-job';
import type { SuiteJob } from './suite-plan';

export type WorkerRequest = { type: 'job'; job: SuiteJob; options: SuiteJobOptions } | { type: 'stop' };

/** `cpuMs`: the worker process's CPU time for the job, all its threads (V8's GC and compiler helpers included). */
export type WorkerReply = { type: 'result'; index: number; result: RunResult; cpuMs: number } | { type: 'error'; index: number; message: string };
