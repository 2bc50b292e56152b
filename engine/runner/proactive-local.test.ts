// proactive-weeks under the local architecture (seed §2.3: car ⇔ home gateway over near-field only). The car
// announces "3 minutes away" to the home's speaker from out of near-field range, so that fails — the architecture's
// nature, not a bug. The agent acts from the home over its LAN (and to the car only while it is parked in the
// driveway), so it loses nothing and passes as under cloud-cloud.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel/event-log';
import { loadRunnableScenario } from '../cli/scenario-check';
import { runScenario } from './run-scenario';
import { ScenarioRun } from './scenario-run';

const WEEKS = path.resolve(import.meta.dirname, '../../scenarios/proactive-weeks.yaml');

describe('proactive-weeks under local', () => {
  it('the agent passes with every command delivered; only the car\'s messages from afar fail, out of range', async () => {
    const scenario = loadRunnableScenario(WEEKS);
    const result = await runScenario(scenario, 'local');
    expect(result.passed, JSON.stringify(result.expectations.filter((e) => !e.passed))).toBe(true);
    expect(result.metrics.named['agent.commands_failed']).toBe(0);
    expect(Object.keys(result.metrics.failuresByReason)).toEqual(['out-of-range']);
    // The same household, the same days: the agent's figures do not depend on the architecture.
    const cloud = await runScenario(scenario, 'cloud-cloud');
    for (const name of ['agent.needs', 'agent.actions', 'agent.actions_needed', 'agent.user_interactions', 'agent.charging_cost']) {
      expect(result.metrics.named[name], name).toBe(cloud.metrics.named[name]);
    }
  }, 60_000);

  // Seed 14: on day 25 Alice left at 07:25, 23 minutes before the learnt 07:48, and the agent preconditioned the car
  // at 07:28 — already on the road, out of near-field range (a lost command, and an unneeded action: accuracy 0.897).
  it('a departure earlier than predicted is not preconditioned after the car has left (seed 14)', async () => {
    const result = await runScenario({ ...loadRunnableScenario(WEEKS), seed: 14 }, 'local');
    expect(result.passed, JSON.stringify(result.expectations.filter((e) => !e.passed))).toBe(true);
    expect(result.metrics.named['agent.commands_failed']).toBe(0);
    expect(result.metrics.named['agent.proactive_accuracy']).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  // Every seed a sweep over 1–300 found failing, each for its own reason (an early departure preconditioned after the
  // car had left; a charge question on the eve of a sick day; questions whose answer was in plain sight or asked twice;
  // a wallbox left delivering to a full pack; a late evening's precool switched off as she drove home; work inside the
  // home geofence): each must pass, with no command lost.
  it.each([19, 34, 46, 63, 66, 127, 159, 185, 194, 214])('seed %i passes under local', async (seed) => {
    const result = await runScenario({ ...loadRunnableScenario(WEEKS), seed }, 'local');
    expect(result.passed, JSON.stringify(result.expectations.filter((e) => !e.passed))).toBe(true);
    expect(result.metrics.named['agent.commands_failed']).toBe(0);
  }, 60_000);

  it('the rules alone: the car\'s announcement from afar fails out of range, every evening', () => {
    const run = new ScenarioRun(loadRunnableScenario(WEEKS), 'local', { agentOverride: 'rules' });
    const failed: SimEvent[] = [];
    run.sim.kernel.events.onEvent((e) => void (e.type === 'msg.failed' && failed.push(e)));
    run.runToEnd();
    expect(failed.length).toBe(20); // four weeks of workday evenings and Saturday returns
    for (const e of failed) expect(e.data).toMatchObject({ source: 'vehicle/car1', topic: 'media_player/announce', failure: 'out-of-range' });
  }, 60_000);
});
