// The IPC messages between a suite's parent and its worker processes.
import type { RunResult } from '../runner/result';
import type { SuiteJobOptions } from './suite-job';
import type { SuiteJob } from './suite-plan';

export type WorkerRequest = { type: 'job'; job: SuiteJob; options: SuiteJobOptions } | { type: 'stop' };

export type WorkerReply = { type: 'result'; index: number; result: RunResult } | { type: 'error'; index: number; message: string };
