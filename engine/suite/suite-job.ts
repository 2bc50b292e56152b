// One run of a suite, as a worker process performs it: load the scene (with the suite's --set overrides), take the
// job's seed, run it as fast as possible and record it when asked. The same steps as `twinbench run` for one file,
// seed and architecture, so the run's eventHash is identical to the same run alone.
import { recordedOutcomeOf, Recorder } from '../recorder';
import type { RunResult } from '../runner/result';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile, type ResolvedScenario } from '../scenario';
import type { SuiteJob } from './suite-plan';

export interface SuiteJobOptions {
  /** Parameter overrides for every scene (`--set key=value`). */
  set?: Record<string, string>;
  /** Record into this SQLite file (already created and migrated by the parent); undefined: do not record. */
  recordFile?: string;
  /** Label every recorded run with this (the app's architecture comparison names the comparison). */
  label?: string;
}

/**
 * Scenes this worker has parsed, by file and --set overrides: a suite runs each scene under many seeds, and parsing
 * (YAML, schema, cross-checks, its map) costs up to a third of a short run. A run only reads its scenario (the
 * seed is applied to a copy), so one parse serves every seed — the suite tests compare each run's eventHash with
 * the same run alone to keep that true.
 */
const parsed = new Map<string, ResolvedScenario>();

function parsedScenario(file: string, set: Record<string, string>): ResolvedScenario {
  const key = JSON.stringify([file, set]);
  let scenario = parsed.get(key);
  if (scenario === undefined) {
    scenario = loadScenarioFile(file, { set }).scenario;
    parsed.set(key, scenario);
  }
  return scenario;
}

export async function runSuiteJob(job: SuiteJob, options: SuiteJobOptions, recorder?: Recorder): Promise<RunResult> {
  const scenario = { ...parsedScenario(job.file, options.set ?? {}), seed: job.seed };
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
