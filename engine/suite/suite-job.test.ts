// A worker's jobs: one parse per scene serves every seed without changing any run (same eventHash as the run
// alone, whatever ran before it in that worker), and the longest runs are handed out first.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile } from '../scenario';
import { estimatedCost } from './run-suite';
import { runSuiteJob } from './suite-job';
import type { SuiteJob } from './suite-plan';
import { longestFirst } from './suite-pool';

const COMMUTE = 'scenarios/commute.yaml';
const DOORBELL = 'scenarios/doorbell.yaml';
const PEAK = 'scenarios/charging-peak-shaving.yaml';

const job = (file: string, seed: number, index = 0): SuiteJob => ({ index, file, scenario: file, architecture: 'cloud-cloud', seed });

async function aloneHash(file: string, seed: number, set: Record<string, string> = {}): Promise<string> {
  return (await runScenario({ ...loadScenarioFile(file, { set }).scenario, seed }, 'cloud-cloud')).eventHash;
}

describe('runSuiteJob', () => {
  it('gives every run the hash it has alone, whatever the worker ran before it', { timeout: 60_000 }, async () => {
    const order = [job(COMMUTE, 1), job(DOORBELL, 2), job(COMMUTE, 2), job(COMMUTE, 1), job(DOORBELL, 2)];
    for (const j of order) expect((await runSuiteJob(j, {})).eventHash).toBe(await aloneHash(j.file, j.seed));
  });

  it('keeps scenes parsed under other --set overrides apart', { timeout: 60_000 }, async () => {
    const plain = await runSuiteJob(job(DOORBELL, 3), {});
    const tight = await runSuiteJob(job(DOORBELL, 3), { set: { pipBudgetMs: '1' } });
    expect(tight.passed).toBe(false); // a 1 ms budget cannot be met: the override reached the run
    expect(plain.passed).toBe(true);
    expect((await runSuiteJob(job(DOORBELL, 3), {})).passed).toBe(true);
  });
});

describe('longest runs first', () => {
  const scene = (file: string) => loadScenarioFile(file).scenario;

  it('estimates a night of peak shaving (with its baseline run) above a two-minute doorbell', () => {
    expect(estimatedCost(scene(PEAK))).toBeGreaterThan(estimatedCost(scene(COMMUTE)));
    expect(estimatedCost(scene(COMMUTE))).toBeGreaterThan(estimatedCost(scene(DOORBELL)));
  });

  it('orders by descending cost and keeps the plan order among equals', () => {
    const jobs = [job(DOORBELL, 1, 0), job(PEAK, 1, 1), job(DOORBELL, 2, 2), job(PEAK, 2, 3)];
    const cost = (j: SuiteJob): number => (j.file === PEAK ? 10 : 1);
    expect(longestFirst(jobs, cost).map((j) => j.index)).toEqual([1, 3, 0, 2]);
    expect(jobs.map((j) => j.index)).toEqual([0, 1, 2, 3]);
  });
});
