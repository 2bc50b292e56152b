// A grid scene driven over MCP is judged as `twinbench run` judges it: beside uncontrolled charging of the same seed.
// Judged without that baseline, the run would be compared with itself — no peak reduction, and the scene's
// "peak reduced 40 %" expectation would fail a night that `run` passes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunnableScenario } from '../cli/scenario-check';
import { judge, judgeDrivenRun, runScenario } from '../runner/run-scenario';
import type { ScenarioRun } from '../runner/scenario-run';
import type { RunResult } from '../runner/result';
import { AgentSession } from './agent-session';

const PEAK_SHAVING = path.resolve(import.meta.dirname, '../../scenarios/charging-peak-shaving.yaml');

/** Drives the night to its end through the agent's session (an agent that never acts) and judges it with `judged`. */
async function driveNight(judged: (run: ScenarioRun) => RunResult): Promise<RunResult> {
  const scenario = loadRunnableScenario(PEAK_SHAVING);
  let result: RunResult | undefined;
  const session = new AgentSession(scenario, 'cloud-cloud', { onRunEnd: async (run) => void (result = judged(run)) });
  while (session.advance(scenario.duration / 1000 - session.now / 1000).bounded);
  await session.close();
  return result!;
}

describe('a grid scene driven by an agent', () => {
  it('is judged against uncontrolled charging, with the verdict `run` gives', async () => {
    const driven = await driveNight((run) => judgeDrivenRun(run, 0));
    const ran = await runScenario(loadRunnableScenario(PEAK_SHAVING), 'cloud-cloud');
    expect(driven.metrics.named['grid.peak_reduction_pct']).toBe(ran.metrics.named['grid.peak_reduction_pct']);
    expect(driven.metrics.named['grid.peak_reduction_pct']).toBeGreaterThanOrEqual(40);
    expect(driven.passed).toBe(true);
  });

  it('would fail the same night judged without its baseline (the mistake this guards against)', async () => {
    const alone = await driveNight((run) => judge(run, undefined, 0));
    expect(alone.metrics.named['grid.peak_reduction_pct']).toBe(0);
    expect(alone.passed).toBe(false);
  });
});
