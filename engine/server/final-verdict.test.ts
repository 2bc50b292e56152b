// The session's finished runs: the histogram across architectures shows the latest run of each, in the fixed
// architecture order, and never mixes in another scenario's runs.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../runner/result';
import { FinishedRuns } from './final-verdict';

const result = (scenario: string, architecture: RunResult['architecture'], seed: number): RunResult =>
  ({ scenario, architecture, seed }) as RunResult;

describe('FinishedRuns', () => {
  it('answers the latest run of the scenario under each architecture, in ARCHITECTURES order', () => {
    const runs = new FinishedRuns();
    expect(runs.add(result('doorbell', 'local', 1))).toEqual([result('doorbell', 'local', 1)]);
    runs.add(result('doorbell', 'cloud-cloud', 1));
    const latest = runs.add(result('doorbell', 'local', 2));
    expect(latest.map((r) => [r.architecture, r.seed])).toEqual([['cloud-cloud', 1], ['local', 2]]);
  });

  it('keeps scenarios apart', () => {
    const runs = new FinishedRuns();
    runs.add(result('doorbell', 'direct', 1));
    expect(runs.add(result('peak-shaving', 'direct', 1)).map((r) => r.scenario)).toEqual(['peak-shaving']);
  });
});
