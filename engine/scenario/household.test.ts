// The household block of a scenario (entities.household, scenarios/proactive-weeks.yaml): a sound one loads with
// its defaults; a bad time, day, agent or reference is refused at its line and column, saying what to write.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const scene = (household: string, vehicles = '[{ id: car1, home: h1 }, { id: car2 }]'): string => `scenario: t
duration: 2d
expect: [{ id: m, metric: { name: agent.user_interactions, lte: 5 } }]
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1 }]
  vehicles: ${vehicles}
  household:
${household}
`;

const ROUTINE = '    routine: { leave: "07:40", leaveWork: "17:45" }';

describe('entities.household', () => {
  it('loads with its defaults: the learning agent, two weeks to learn, a Monday start', () => {
    const { scenario } = loadScenarioText(scene(`    vehicle: car1\n${ROUTINE}`), 'weeks.yaml');
    expect(scenario.entities.household).toMatchObject({
      vehicle: 'car1', agent: 'learning', learnDays: 14, startsOn: 'monday', windowMin: 60, temperature: 24,
      routine: { leave: 460, leaveWork: 1065, jitter: 600_000 }, holidays: [], sick: [], overtime: [], lighting: 60,
    });
    // No charger and no darkness unless the scene says so: the car is never plugged in, no light is needed.
    expect(scenario.entities.household).not.toHaveProperty('chargeTo');
    expect(scenario.entities.household).not.toHaveProperty('darkFrom');
    const { scenario: evening } = loadScenarioText(scene(`    vehicle: car1\n    chargeTo: 80\n    darkFrom: "17:30"\n${ROUTINE}`), 'weeks.yaml');
    expect(evening.entities.household).toMatchObject({ chargeTo: 80, darkFrom: 1050 });
  });

  it.each([
    ['a time that is not HH:MM', `    vehicle: car1\n    routine: { leave: "7.40", leaveWork: "17:45" }`, /^10:\d+: .*invalid time of day "7\.40"/],
    ['an unknown agent', `    vehicle: car1\n    agent: oracle\n${ROUTINE}`, /^10:12: .*learning.*external/],
    ['a negative day', `    vehicle: car1\n    sick: [-1]\n${ROUTINE}`, /^10:\d+: /],
    ['an unknown key', `    vehicle: car1\n    mood: happy\n${ROUTINE}`, /mood/],
    ['no routine', '    vehicle: car1', /routine/],
    ['a car that does not exist', `    vehicle: car9\n${ROUTINE}`, /^9:14: entities.household.vehicle: unknown vehicle "car9" \(vehicles: car1, car2\)/],
    ['a car without a home', `    vehicle: car2\n${ROUTINE}`, /^9:14: entities.household.vehicle: vehicle "car2" has no home/],
    ['a charge level above 100 %', `    vehicle: car1\n    chargeTo: 120\n${ROUTINE}`, /^10:\d+: .*chargeTo/],
    ['a dark time that is not HH:MM', `    vehicle: car1\n    darkFrom: dusk\n${ROUTINE}`, /^10:\d+: .*invalid time of day "dusk"/],
    ['a brightness of 0', `    vehicle: car1\n    lighting: 0\n${ROUTINE}`, /^10:\d+: .*lighting/],
    ['a user who does not exist', `    vehicle: car1\n    user: bob\n${ROUTINE}`, /^10:11: entities.household.user: unknown user "bob"/],
  ])('refuses %s at its line and column', (_what, household, message) => {
    const issues = issueLines(scene(household));
    expect(issues.some((i) => message.test(i)), issues.join('\n')).toBe(true);
  });
});
