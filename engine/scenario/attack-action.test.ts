// The `attack` action: every mistake an author can make in one is refused at its line:column, with a message that
// says what to write instead.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const WORLD = `scenario: t
duration: 1m
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }, { id: bob, home: h2, vehicle: car2 }]
  homes: [{ id: h1 }, { id: h2 }, { id: h3, devices: [{ type: light, id: hall }] }]
  vehicles: [{ id: car1, home: h1 }, { id: car2, home: h2 }, { id: car3 }]
steps:
  - at: 1s
    do: `;

const issuesOf = (attack: string): string[] => issueLines(`${WORLD}${attack}\nverdict: none\n`);

describe('the attack action', () => {
  it.each([
    '{ attack: { kind: forged-unlock, vehicle: car1 } }',
    '{ attack: { kind: replay-last-unlock, vehicle: car1 } }',
    '{ attack: { kind: expired-token, vehicle: car1, age: 2h } }',
    '{ attack: { kind: unpaired-car, vehicle: car3, home: h1 } }',
    '{ attack: { kind: unsigned-unlock, vehicle: car1, home: h1 } }',
  ])('accepts %s', (attack) => {
    expect(issuesOf(attack)).toEqual([]);
  });

  it('resolves to a typed action with the age in ms', () => {
    const { scenario } = loadScenarioText(`${WORLD}{ attack: { kind: expired-token, vehicle: car1, age: 90s } }\nverdict: none\n`, 'attack.yaml');
    expect(scenario.steps[0]!.actions).toEqual([{ type: 'attack', kind: 'expired-token', vehicle: 'car1', age: 90_000 }]);
  });

  it.each([
    ['an unknown kind', '{ attack: { kind: forge, vehicle: car1 } }', /^9:27: steps\[0\]\.do\.attack\.kind: invalid value "forge"; expected "forged-unlock", "unsigned-unlock", "replay-last-unlock", "expired-token", "unpaired-car"$/],
    ['no vehicle', '{ attack: { kind: forged-unlock } }', /^9:19: steps\[0\]\.do\.attack: missing required field "vehicle"/],
    ['an unknown vehicle', '{ attack: { kind: forged-unlock, vehicle: car9 } }', /^9:51: steps\[0\]\.do\.attack\.vehicle: unknown vehicle "car9" \(vehicles: car1, car2, car3\)/],
    ['an unknown key', '{ attack: { kind: forged-unlock, vehicle: car1, key: stolen } }', /^9:57: steps\[0\]\.do\.attack: unknown key "key"; allowed here: kind, vehicle, home, age/],
    ['an unpaired-car with no home', '{ attack: { kind: unpaired-car, vehicle: car3 } }', /^9:27: steps\[0\]\.do\.attack\.kind: an unpaired-car attack needs `home`: the home the stranger car tries to open/],
    ['an unpaired-car that is paired', '{ attack: { kind: unpaired-car, vehicle: car1, home: h1 } }', /^9:50: steps\[0\]\.do\.attack\.vehicle: vehicle "car1" is paired with home "h1" \(its home\), so it is not an unpaired car/],
    ['an age on the wrong kind', '{ attack: { kind: forged-unlock, vehicle: car1, age: 1h } }', /^9:62: steps\[0\]\.do\.attack\.age: age applies only to expired-token .*not to forged-unlock/],
    ['a negative age', '{ attack: { kind: expired-token, vehicle: car1, age: -5 } }', /^9:62: steps\[0\]\.do\.attack\.age: a duration cannot be negative/],
    ['a car attacking a home it is not paired with', '{ attack: { kind: forged-unlock, vehicle: car1, home: h2 } }', /^9:63: steps\[0\]\.do\.attack\.home: vehicle "car1" is not paired with home "h2", so forged-unlock would be refused as unpaired: use kind unpaired-car/],
    ['a car with no home and no home named', '{ attack: { kind: forged-unlock, vehicle: car3 } }', /^9:51: steps\[0\]\.do\.attack\.vehicle: vehicle "car3" has no home: name the home attacked with `home`/],
    ['a home without a lock', '{ attack: { kind: unpaired-car, vehicle: car1, home: h3 } }', /^9:62: steps\[0\]\.do\.attack\.home: home "h3" has no lock, and the attacks target its remote unlock/],
    ['an unknown home', '{ attack: { kind: unpaired-car, vehicle: car1, home: h7 } }', /^9:62: steps\[0\]\.do\.attack\.home: unknown home "h7" \(homes: h1, h2, h3\)/],
  ])('refuses %s', (_name, attack, expected) => {
    const issues = issuesOf(attack);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(expected);
  });
});
