// Every kind of injected fault that the simulation models shows up where the pilots read it: in the run's failure
// rate and its failures by reason (seed §4.1.1). The car asks for all AC on while the fault lasts; each command that
// cannot get through is a msg.failed with the fault's reason code, counted in RunResult.metrics.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../scenario';
import { runScenario } from './run-scenario';
import { ScenarioRun } from './scenario-run';

function scene(fault: string): string {
  return `scenario: fault-accounting
duration: 2m
architectures: [direct]
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1, at: work }]
steps:
  - at: 5s
    do: { fault: ${fault} }
  - at: 10s
    do: { voice: { target: car, vehicle: car1, utterance: "turn on all AC" } }
verdict: none
`;
}

describe('injected faults are accounted for in the report', () => {
  it.each([
    ['a link outage', '{ target: cellular, kind: outage, duration: 60s }', 'outage'],
    ['total loss on a link', '{ target: cellular, kind: loss, value: 1, duration: 60s }', 'lost'],
    ['latency beyond the request timeout', '{ target: cellular, kind: latency, value: 20000, duration: 60s }', 'timeout'],
    ['an offline gateway', '{ target: home-cloud, kind: offline, duration: 60s }', 'gateway-offline'],
    ['an offline home gateway', '{ target: h1/gateway, kind: offline, duration: 60s }', 'gateway-offline'],
    ['a degraded gateway far too slow to answer', '{ target: home-cloud, kind: degraded, value: 20000, duration: 60s }', 'timeout'],
  ])('%s', async (_name, fault, reason) => {
    const result = await runScenario(loadScenarioText(scene(fault), 'fault.yaml').scenario, 'direct');
    const { metrics } = result;
    expect(metrics.failuresByReason[reason]).toBeGreaterThanOrEqual(2); // one per air conditioner
    expect(metrics.failed).toBe(Object.values(metrics.failuresByReason).reduce((a, b) => a + b, 0));
    expect(metrics.failureRate).toBeCloseTo(metrics.failed / metrics.messages, 10);
    expect(metrics.failureRate).toBeGreaterThan(0);
    expect(metrics.named[`failures.${reason}`]).toBe(metrics.failuresByReason[reason]);
  });

  it('the same scene without a fault fails nothing (the control)', async () => {
    const result = await runScenario(loadScenarioText(scene('{ target: cellular, kind: latency, value: 1, duration: 1s }'), 'fault.yaml').scenario, 'direct');
    expect(result.metrics.failed).toBe(0);
    expect(result.metrics.delivered).toBeGreaterThanOrEqual(4);
  });

  it('a broker restart is recorded and handed to the connectors; in-simulation delivery does not cross the broker', () => {
    const run = new ScenarioRun(loadScenarioText(scene('{ target: home-cloud, kind: broker-restart, duration: 30s }'), 'fault.yaml').scenario, 'direct');
    const restarts: number[] = [];
    run.actionHooks.onBrokerRestart = (ms) => restarts.push(ms);
    const seen: string[] = [];
    run.sim.kernel.events.onEvent((e) => seen.push(e.type));
    run.runToEnd();
    expect(restarts).toEqual([30_000]);
    expect(seen).toContain('fault.broker_restart');
    expect(run.metrics.result().failed).toBe(0);
  });
});
