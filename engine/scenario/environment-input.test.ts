// Hostile input to the environment and calendar fields (issue #17 part 6): a flood without a place or with two, a
// flood in a heatwave, a calendar entry that ends before it starts, an arrival lead of nothing — each refused with
// its line:column and the reason; a flood ahead of a car that is parked fails its step with a message, not a trace.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const HEAD = 'scenario: t\nduration: 10m\nverdict: none\n';
const WORLD = `${HEAD}entities:\n  users: [{ id: alice, home: h1, vehicle: car1 }]\n  homes: [{ id: h1 }]\n  vehicles: [{ id: car1, home: h1, owner: alice, at: work }]\n`;

const storm = (flood: string, kind = 'rainstorm'): string => `${WORLD}steps:\n  - at: 1m\n    do: { weather: { kind: ${kind}, flood: ${flood} } }\n`;

describe('environment and calendar input', () => {
  it.each([
    ['a flood with neither a vehicle nor a point', storm('{ radiusM: 100 }'), /either `aheadOf: <vehicle>` or `lat` and `lon`/],
    ['a flood with both', storm('{ aheadOf: car1, lat: 31.2, lon: 121.4, radiusM: 100 }'), /not both/],
    ['a flood with lat only', storm('{ lat: 31.2, radiusM: 100 }'), /needs both lat and lon/],
    ['a flood of no size', storm('{ aheadOf: car1, radiusM: 0 }'), /radiusM: .*(greater than|>) ?0|too small/],
    ['a flood past the end of the route', storm('{ aheadOf: car1, fraction: 1.5, radiusM: 100 }'), /fraction: 1.5 is too large: must be at most 1/],
    ['a heatwave that floods', storm('{ aheadOf: car1, radiusM: 100 }', 'heatwave'), /only a rainstorm floods roads/],
    ['an arrival lead of nothing', `${HEAD}arrivalLeadMinutes: 0\n`, /arrivalLeadMinutes: .*(greater than|>) ?0|too small/],
    [
      'a calendar entry that ends before it starts',
      `${HEAD}entities:\n  users: [{ id: alice, leavesWorkAt: "18:00", calendar: [{ title: Overtime, from: "20:00", to: "18:00" }] }]\n`,
      /ends after it starts/,
    ],
    ['a leaving time that is not a time', `${HEAD}entities:\n  users: [{ id: alice, leavesWorkAt: "6pm" }]\n`, /invalid time of day "6pm"/],
    ['a home precool policy that does not exist', `${HEAD}entities:\n  homes: [{ id: h1, precool: always }]\n`, /precool: .*plan.*off/],
  ])('refuses %s, naming the place', (_name, yaml, message) => {
    const issues = issueLines(yaml);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.join('\n')).toMatch(message);
    expect(issues[0]).toMatch(/^\d+:\d+: /);
  });

  it('a flood centred off the map closes nothing, and says so (0 segments)', async () => {
    const { scenario } = loadScenarioText(`${storm('{ lat: -89.9, lon: 179.9, radiusM: 500 }')}architectures: direct\n`, 't.yaml');
    const flooded: number[] = [];
    await runScenario(scenario, 'direct', { listeners: [(e) => void (e.type === 'road.flooded' && flooded.push(Number(e.data.segments)))] });
    expect(flooded).toEqual([0]);
  });

  it('a flood ahead of a parked car fails its step with the reason (the run goes on)', async () => {
    const { scenario } = loadScenarioText(`${storm('{ aheadOf: car1, radiusM: 100 }')}architectures: direct\n`, 't.yaml');
    const errors: string[] = [];
    await runScenario(scenario, 'direct', { listeners: [(e) => void (e.type === 'step.error' && errors.push(String(e.data.error)))] });
    expect(errors).toEqual(['weather.flood.aheadOf: car1 is not driving, so there is no road ahead of it to flood']);
  });
});
