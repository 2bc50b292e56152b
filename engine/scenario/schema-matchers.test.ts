// Matcher values that could never match are refused when the file loads, at their line:column: a regular
// expression that does not compile, an empty range, an empty `in`, a group the regex does not define, operators
// mixed with field names; and the new kinds' bounds (count, within minMs). Valid ones load unchanged.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const HEAD = 'scenario: t\nduration: 1m\nexpect:\n';

describe('invalid matcher values are file:line:column errors', () => {
  it.each([
    ['a regex that does not compile', '  - never: { event: { type: a, data: { text: { matches: "([a-z" } } } }\n', /^4:57: expect\[0\]\.never\.event\.data\.text\.matches: "\(\[a-z": invalid regular expression: /],
    ['a regex that backtracks catastrophically', '  - never: { event: { type: a, data: { text: { matches: "^(a+)+$" } } } }\n', /^4:57: .*text\.matches: "\^\(a\+\)\+\$": nested quantifiers \(like \(a\+\)\+\) can take exponential time/],
    ['a nested quantifier in a payload', '  - never: { event: { type: a, payload: { m: { matches: "([a-z]+)*x" } } } }\n', /payload\.m\.matches: .*nested quantifiers/],
    ['a regex of 1,001 characters', `  - never: { event: { type: a, data: { t: { matches: "${'a'.repeat(1001)}" } } } }\n`, /data\.t\.matches: .*a regular expression longer than 1000 characters/],
    ['an empty range', '  - never: { event: { type: a, data: { v: { gte: 5, lte: 4 } } } }\n', /^4:50: .*data\.v\.gte: empty range: gte 5 is above lte 4/],
    ['an exclusive range of one value', '  - never: { event: { type: a, data: { v: { gt: 5, lt: 5 } } } }\n', /data\.v\.gt: empty range/],
    ['a bound that is not a number', '  - never: { event: { type: a, payload: { v: { lte: high } } } }\n', /payload\.v\.lte: lte needs a number, got "high"/],
    ['an empty in', '  - never: { event: { type: a, delivered: { v: { in: [] } } } }\n', /delivered\.v\.in: in needs a non-empty list/],
    ['exists that is not a boolean', '  - never: { event: { type: a, data: { v: { exists: yes please } } } }\n', /data\.v\.exists: exists needs true or false/],
    ['a group the regex does not define', '  - never: { event: { type: a, data: { t: { matches: "(?<km>\\\\d+)", groups: { kn: 3 } } } } }\n', /groups\.kn: the regular expression has no group named "kn".*\(it has km\)/],
    ['groups without matches', '  - never: { event: { type: a, data: { t: { groups: { km: 3 } } } } }\n', /groups: groups needs matches/],
    ['a negative tolerance', '  - never: { event: { type: a, data: { t: { matches: "(?<km>\\\\d+)", groups: { km: { twin: vehicle/car1, path: Vehicle.Speed, tolerance: -1 } } } } } }\n', /groups\.km\.tolerance: tolerance needs a number ≥ 0/],
    ['operators mixed with field names', '  - never: { event: { type: a, data: { t: { matches: "x", colour: red } } } }\n', /data\.t: mixes matcher operators \(matches\) with field names \(colour\)/],
    ['a nested bad regex inside a subset object', '  - never: { event: { type: a, payload: { attributes: { message: { matches: "*" } } } } }\n', /payload\.attributes\.message\.matches: "\*": invalid regular expression/],
    ['a count with min above max', '  - count: { event: { type: a }, gte: 3, lte: 2 }\n', /^4:39: expect\[0\]\.count\.gte: empty range: gte 3 is above lte 2/],
    ['a count without a bound', '  - count: { event: { type: a } }\n', /count: a count expectation needs a bound/],
    ['a negative count', '  - count: { event: { type: a }, gte: -1 }\n', /count\.gte: -1 is too small/],
    ['a within lower bound above its budget', '  - within: { ms: 100, minMs: 200, of: { step: s }, event: { type: a } }\n', /^4:31: expect\[0\]\.within\.minMs: minMs 200 ms is above the budget ms 100 ms/],
    ['a metric with an empty range', '  - metric: { name: messages.count, gte: 2, lte: 1 }\n', /metric\.gte: empty range/],
    ['a state with both equals and is', '  - state: { twin: h1/lock.front_door, path: state, equals: locked, is: { in: [locked] } }\n', /state: a state expectation needs exactly one of equals \(a value\) or is \(a matcher\)/],
    ['a state with neither', '  - state: { twin: h1/lock.front_door, path: state }\n', /needs exactly one of equals/],
    ['a state whose is has an empty range', '  - state: { twin: h1/lock.front_door, path: state, is: { gt: 2, lt: 1 } }\n', /state\.is\.gt: empty range/],
    ['an order without then', '  - order: { first: { type: a } }\n', /order: missing required field "then"/],
  ])('%s', (_name, yaml, expected) => {
    const issues = issueLines(`${HEAD}${yaml}`);
    expect(issues.some((issue) => expected.test(issue)), issues.join('\n')).toBe(true);
  });

  it('an unknown twin in a group reference or an order is named where it is written', () => {
    const yaml = `${HEAD}  - within: { ms: 1s, of: { step: s }, event: { type: a, data: { t: { matches: "(?<v>\\\\d+)", groups: { v: { twin: vehicle/car9, path: Vehicle.Speed } } } } } }
  - order: { first: { type: a, source: h1/lock.back_door }, then: { type: b } }
steps:
  - { id: s, at: 1s, do: { doorbell: { home: h1 } } }
entities:
  homes: [{ id: h1, devices: standard }]
  vehicles: []
`;
    const issues = issueLines(yaml).join('\n');
    expect(issues).toMatch(/^4:\d+: expect\[0\]\.within\.event\.data\.t\.groups\.v\.twin: unknown vehicle "car9"/m);
    expect(issues).toMatch(/^5:\d+: expect\[1\]\.order\.first\.source: home "h1" has no device "lock.back_door"/m);
  });

  it('a bad matcher in a trigger or a failWhen is found too', () => {
    const yaml = 'scenario: t\nduration: 1m\nsteps:\n  - on: { event: { type: a, data: { x: { lte: 1, gte: 2 } } } }\n    do: { doorbell: { home: h1 } }\nfailWhen:\n  - event: { type: b, data: { y: { matches: "[" } } }\n';
    const issues = issueLines(yaml).join('\n');
    expect(issues).toMatch(/steps\[0\]\.on\.event\.data\.x\.gte: empty range/);
    expect(issues).toMatch(/failWhen\[0\]\.event\.data\.y\.matches: ".*": invalid regular expression/);
  });
});

describe('valid matchers load as written', () => {
  it('keeps every operator and the new kinds', () => {
    const yaml = `${HEAD}  - never: { event: { type: prompt.answered, data: { answer: { in: [declined, timeout] }, responseTimeMs: { gte: 1, lte: 2 }, promptId: { exists: true }, option: { contains: x } } } }
  - count: { event: { type: doorbell.pressed }, eq: 2 }
  - order: { first: { type: doorbell.pressed }, then: { type: pip.shown } }
  - within: { ms: 2s, minMs: 500ms, of: { step: s }, event: { type: msg.delivered, delivered: { attributes: { message: { matches: "^(?<km>\\\\d+) km", groups: { km: { twin: vehicle/car1, path: Vehicle.Powertrain.Range, scale: 0.001, tolerance: 1 } } } } } } }
`;
    const { scenario } = loadScenarioText(`${yaml}steps:\n  - { id: s, at: 1s, do: { doorbell: { home: h1 } } }\nentities:\n  users: [{ id: alice, home: h1, vehicle: car1 }]\n  homes: [{ id: h1 }]\n  vehicles: [{ id: car1, owner: alice, home: h1 }]\n`, 'm.yaml');
    expect(scenario.expect.map((e) => e.kind)).toEqual(['never', 'count', 'order', 'within']);
    expect(scenario.expect[3]).toMatchObject({ ms: 2000, minMs: 500, event: { delivered: { attributes: { message: { groups: { km: { scale: 0.001 } } } } } } });
  });
});
