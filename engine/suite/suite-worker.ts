// The worker process of a suite (forked by suite-pool.ts): takes one job at a time over IPC and answers with its
// RunResult, or with the one-line reason it could not run. A worker never exits on a bad job; the pool ends it.
import { Recorder } from '../recorder';
import { runSuiteJob, type SuiteJobOptions } from './suite-job';
import type { SuiteJob } from './suite-plan';
import type { WorkerReply, WorkerRequest } from './suite-messages';

let recorder: Recorder | undefined;
let recorderFile: string | undefined;

function recorderFor(options: SuiteJobOptions): Recorder | undefined {
  if (options.recordFile === undefined) return undefined;
  if (recorderFile !== options.recordFile) {
    recorder?.close();
    recorder = Recorder.open(options.recordFile);
    recorderFile = options.recordFile;
  }
  return recorder;
}

async function perform(job: SuiteJob, options: SuiteJobOptions): Promise<WorkerReply> {
  try {
    const cpu = process.cpuUsage();
    const result = await runSuiteJob(job, options, recorderFor(options));
    const spent = process.cpuUsage(cpu);
    return { type: 'result', index: job.index, result, cpuMs: Math.round((spent.user + spent.system) / 1000) };
  } catch (err) {
    return { type: 'error', index: job.index, message: err instanceof Error ? err.message : String(err) };
  }
}

process.on('message', (message: WorkerRequest) => {
  if (message.type === 'stop') {
    recorder?.close();
    process.disconnect();
    return;
  }
  void perform(message.job, message.options).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => {
  recorder?.close(); // a parent killed mid-suite: the open run is marked interrupted, its flushed events kept
  recorder = undefined;
});
