// Every shipped scenario passes under each architecture it lists — and the expectations are not vacuous: the
// same scenes with the wrong behaviour (a declined doorbell, uncontrolled charging) must fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedScenarioFiles } from '../cli/list-command';
import { loadScenarioFile, loadScenarioText } from '../scenario';
import { runScenario } from './run-scenario';

// A scene that leaves charging to a real CSMS cannot pass alone: engine/connectors/ocpp runs it against one.
const cases = shippedScenarioFiles().flatMap((file) => {
  const { scenario } = loadScenarioFile(file);
  if (scenario.connectors?.ocpp !== undefined) return [];
  return scenario.architectures.map((arch) => [scenario.scenario, arch, file] as const);
});

describe('shipped scenarios', () => {
  it('ships the six scenes of the catalogue (and the doorbell decline case)', () => {
    expect(cases.map(([name]) => name)).toEqual(expect.arrayContaining([
      'commute', 'charging-peak-shaving', 'doorbell', 'doorbell-declined', 'safety-alert', 'home-controls-car', 'rainstorm',
    ]));
  });

  it.each(cases)('%s passes under %s', async (_name, arch, file) => {
    const result = await runScenario(loadScenarioFile(file).scenario, arch);
    const failed = result.expectations.filter((e) => !e.passed).map((e) => `${e.id}: ${e.detail}`);
    expect(failed).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.expectations.length).toBeGreaterThan(2);
  });
});

describe('expectations that would catch a wrong behaviour', () => {
  it('a doorbell where the occupant declines keeps the door locked, so the doorbell scene fails', async () => {
    const file = shippedScenarioFiles().find((f) => f.endsWith('/doorbell.yaml'))!;
    const declined = readFileSync(file, 'utf8').replace('do: { confirm: { screen: vehicle/car1 } }', 'do: { decline: { screen: vehicle/car1 } }');
    const result = await runScenario(loadScenarioText(declined, file).scenario, 'cloud-cloud');
    expect(result.passed).toBe(false);
    const failed = result.expectations.filter((e) => !e.passed).map((e) => e.id);
    expect(failed).toEqual(expect.arrayContaining(['unlocked-after-confirm', 'door-open-at-end', 'unlock-came-from-the-car']));
  });

  it.each(['decline', 'ignore'])('doorbell-declined with answer=%s never sends an unlock', async (answer) => {
    const file = shippedScenarioFiles().find((f) => f.endsWith('/doorbell-declined.yaml'))!;
    const result = await runScenario(loadScenarioFile(file, { set: { answer } }).scenario, 'direct');
    expect(result.passed).toBe(true);
    expect(result.expectations.find((e) => e.id === 'stays-locked')?.detail).toContain('"locked"');
  });

  it('uncontrolled charging breaks the transformer limit, the tariff peak and the 40 % reduction', async () => {
    const file = shippedScenarioFiles().find((f) => f.endsWith('/charging-peak-shaving.yaml'))!;
    const result = await runScenario(loadScenarioFile(file, { set: { strategy: 'uncontrolled' } }).scenario, 'cloud-cloud');
    const failed = result.expectations.filter((e) => !e.passed).map((e) => e.id);
    // Uncontrolled charging sends no limits at all: a failure rate of nothing is not 0 %, so limits-delivered fails too.
    expect(failed).toEqual(['transformer-below-80-percent', 'peak-reduced-40-percent', 'no-charging-in-tariff-peak', 'limits-delivered']);
    expect(result.metrics.grid?.peakKw).toBeCloseTo(73.2, 1);
  });

  it('peak shaving scales: 40 homes and 24 EVs on 200 kVA keep the same guarantees', async () => {
    const file = shippedScenarioFiles().find((f) => f.endsWith('/charging-peak-shaving.yaml'))!;
    const result = await runScenario(loadScenarioFile(file, { set: { homes: '40', evs: '24', transformerKva: '200' } }).scenario, 'cloud-cloud');
    expect(result.passed).toBe(true);
    expect(result.metrics.grid).toMatchObject({ evCount: 24, evsAtTarget: 24 });
  });

  it('an impossible charging demand is reported as EVs missing their target, never as a transformer overload', async () => {
    const file = shippedScenarioFiles().find((f) => f.endsWith('/charging-peak-shaving.yaml'))!;
    const result = await runScenario(loadScenarioFile(file, { set: { evs: '10', needKwh: '30' } }).scenario, 'cloud-cloud');
    expect(result.metrics.grid!.maxLoadPctOfRating).toBeLessThanOrEqual(80);
    expect(result.expectations.find((e) => e.id === 'every-ev-at-target-by-7')?.passed).toBe(false);
  });
});

describe('determinism through the runner', () => {
  it('gives the same eventHash for the same seed and a different one for another seed', async () => {
    const file = shippedScenarioFiles().find((f) => f.endsWith('/commute.yaml'))!;
    const { scenario } = loadScenarioFile(file);
    const a = await runScenario(scenario, 'phone-proxy');
    const b = await runScenario(scenario, 'phone-proxy');
    const c = await runScenario({ ...scenario, seed: scenario.seed + 1 }, 'phone-proxy');
    expect(b.eventHash).toBe(a.eventHash);
    expect(b.events).toBe(a.events);
    expect(c.eventHash).not.toBe(a.eventHash);
  });
});
