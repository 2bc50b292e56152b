// One run of a suite, as a worker process performs it: load the scene (with the suite's --set overrides), take the
// job's seed, run it as fast as possible and record it when asked. The same steps as `twinbench run` for one file,
// seed and architecture, so the run's eventHash is identical to the same run alone.
import { recordedOutcomeOf, Recorder } from '../recorder';
import type { RunResult } from '../runner/result';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile } from '../scenario';
import type { SuiteJob } from './suite-plan';

export interface SuiteJobOptions {
  /** Parameter overrides for every scene (`--set key=value`). */
  set?: Record<string, string>;
  /** Record into this SQLite file (already created and migrated by the parent); undefined: do not record. */
  recordFile?: string;
  /** Label every recorded run with this (the app's architecture comparison names the comparison). */
  label?: string;
}

export async function runSuiteJob(job: SuiteJob, options: SuiteJobOptions, recorder?: Recorder): Promise<RunResult> {
  const loaded = loadScenarioFile(job.file, { set: options.set ?? {} }).scenario;
  const scenario = { ...loaded, seed: job.seed };
  const recording = recorder?.startRun({ scenario: scenario.scenario, seed: scenario.seed, architecture: job.architecture, parameters: { ...scenario.parameterValues },
    ...(options.label !== undefined ? { label: options.label } : {}),
  });
  // A run that throws leaves its recording open: it is marked interrupted, with what was flushed, when the
  // worker's recorder closes.
  const result = await runScenario(scenario, job.architecture, { listeners: recording ? [recording.listener] : [] });
  recording?.finish(recordedOutcomeOf(result));
  return result;
}

/** Opens (and so creates and migrates) the suite's recording once, before any worker writes to it concurrently. */
export function prepareRecording(file: string): void {
  Recorder.open(file).close();
}
