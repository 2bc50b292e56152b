// Malformed scenarios: each must be refused before anything runs, with the problem at its exact
// line:column and a message that names it. The documents are tiny so the positions can be read off them.
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioText, type ScenarioIssue } from './index';
import { scenarioIssues } from './test-support/issues';

interface Case {
  name: string;
  yaml: string;
  set?: Record<string, string>;
  /** Every issue expected, as [line:column, message pattern], in file order. */
  issues: [string, RegExp][];
}

const HEAD = 'scenario: t\nduration: 1m\n';
const HOME = `${HEAD}entities:\n  homes: [{ id: h1 }]\n`;

const cases: Case[] = [
  { name: 'YAML syntax error', yaml: `${HEAD}steps: [1, 2\n`, issues: [['4:1', /^YAML: Flow sequence .* must .* end with a \]/]] },
  { name: 'duplicate YAML key', yaml: `${HEAD}seed: 1\nseed: 2\n`, issues: [['4:1', /^YAML: Map keys must be unique/]] },
  { name: 'tab indentation', yaml: `${HEAD}entities:\n\tusers: []\n`, issues: [['4:1', /^YAML: Tabs are not allowed/]] },
  { name: 'empty file', yaml: '', issues: [['1:1', /file is empty/]] },
  { name: 'a list instead of a map', yaml: '- a\n- b\n', issues: [['1:1', /scenario is a YAML map/]] },
  { name: 'wrong type', yaml: `${HEAD}seed: abc\n`, issues: [['3:7', /^seed: expected a number, got "abc"/]] },
  { name: 'not an integer', yaml: `${HEAD}seed: 1.5\n`, issues: [['3:7', /^seed: expected an integer, got 1\.5/]] },
  { name: 'unknown top-level key', yaml: `${HEAD}sede: 4\n`, issues: [['3:1', /^unknown key "sede"; allowed here: .*seed/]] },
  {
    name: 'unknown key inside an action',
    yaml: `${HOME}steps:\n  - at: 1s\n    do: { doorbell: { home: h1, colour: red } }\n`,
    issues: [['7:33', /^steps\[0\]\.do\.doorbell: unknown key "colour"; allowed here: home$/]],
  },
  { name: 'unknown link id', yaml: `${HEAD}links:\n  cellullar: { medianMs: 80 }\n`, issues: [['4:3', /^links: unknown key "cellullar"; allowed here: cellular,/]] },
  { name: 'missing id', yaml: `${HEAD}entities:\n  users:\n    - name: Alice\n`, issues: [['5:7', /^entities\.users\[0\]: missing required field "id"/]] },
  { name: 'missing duration', yaml: '# a comment first\nscenario: t\n', issues: [['2:1', /^missing required field "duration"/]] },
  { name: 'empty value', yaml: 'scenario: t\nduration:\n', issues: [['2:10', /^duration: expected a duration, got null/]] },
  {
    name: 'unknown action',
    yaml: `${HEAD}steps:\n  - at: 1s\n    do: { ring: { home: h1 } }\n`,
    issues: [['5:11', /^steps\[0\]\.do: unknown action "ring"; expected one of: voice, press, doorbell/]],
  },
  {
    name: 'unknown action in a list',
    yaml: `${HOME}steps:\n  - at: 1s\n    do:\n      - doorbell: { home: h1 }\n      - doorbel: { home: h1 }\n`,
    issues: [['9:9', /^steps\[0\]\.do\[1\]: unknown action "doorbel"/]],
  },
  {
    name: 'two actions in one step',
    yaml: `${HOME}  vehicles: [{ id: car1 }]\nsteps:\n  - at: 1s\n    do: { doorbell: { home: h1 }, drive: { vehicle: car1, to: work } }\n`,
    issues: [['8:35', /only one action allowed here, found "doorbell" and "drive" \(to do several things, list them under `do:`\)/]],
  },
  { name: 'no action', yaml: `${HEAD}steps:\n  - at: 1s\n    do: {}\n`, issues: [['5:9', /^steps\[0\]\.do: missing action: give one of voice,/]] },
  { name: 'action is not an object', yaml: `${HEAD}steps:\n  - at: 1s\n    do: ring\n`, issues: [['5:9', /expected an action .* or a list of actions/]] },
  {
    name: 'two triggers in one step',
    yaml: `${HOME}steps:\n  - id: a\n    at: 1s\n    on: { event: { type: doorbell.pressed } }\n    do: { doorbell: { home: h1 } }\n`,
    issues: [['8:5', /^steps\[0\]\.on: only one trigger allowed here, found "at" and "on"/]],
  },
  {
    name: 'no trigger',
    yaml: `${HOME}steps:\n  - id: a\n    do: { doorbell: { home: h1 } }\n`,
    issues: [['6:5', /^steps\[0\]: missing trigger: give one of at, on, after/]],
  },
  { name: 'bad duration', yaml: 'scenario: t\nduration: 5 parsecs\n', issues: [['2:11', /^duration: invalid duration "5 parsecs": write a number of milliseconds/]] },
  { name: 'negative duration', yaml: 'scenario: t\nduration: -5\n', issues: [['2:11', /^duration: a duration cannot be negative/]] },
  { name: 'units out of order', yaml: 'scenario: t\nduration: 30m1h\n', issues: [['2:11', /invalid duration "30m1h"/]] },
  { name: 'unknown architecture', yaml: `${HEAD}architectures: mesh\n`, issues: [['3:16', /^architectures: unknown architecture "mesh"; expected all, cloud-cloud/]] },
  {
    name: 'unknown architecture in a list',
    yaml: `${HEAD}architectures: [local, mesh]\n`,
    issues: [['3:24', /^architectures\[1\]: unknown architecture "mesh"; expected cloud-cloud, direct, phone-proxy, local/]],
  },
  { name: 'architecture listed twice', yaml: `${HEAD}architectures: [local, local]\n`, issues: [['3:16', /an architecture is listed twice/]] },
  {
    name: 'dangling step reference',
    yaml: `${HOME}steps:\n  - id: a\n    after: { step: ring }\n    do: { doorbell: { home: h1 } }\n`,
    issues: [['7:20', /^steps\[0\]\.after\.step: no step "ring" \(steps: a\)/]],
  },
  {
    name: 'steps waiting for each other',
    yaml: `${HOME}steps:\n  - { id: a, after: { step: b }, do: { doorbell: { home: h1 } } }\n  - { id: b, after: { step: a }, do: { doorbell: { home: h1 } } }\n`,
    issues: [['6:29', /cycle: a → b → a/]],
  },
  {
    name: 'duplicate step ids',
    yaml: `${HOME}steps:\n  - { id: a, at: 1s, do: { doorbell: { home: h1 } } }\n  - { id: a, at: 2s, do: { doorbell: { home: h1 } } }\n`,
    issues: [['7:11', /^steps\[1\]\.id: duplicate step id "a" \(first declared at steps\[0\]\.id\)/]],
  },
  {
    name: 'duplicate home ids after count expansion',
    yaml: `${HEAD}entities:\n  homes: [{ id: h, count: 3 }, { id: h2 }]\n`,
    issues: [['4:38', /duplicate home id "h2"/]],
  },
  { name: 'bad --set value', yaml: `${HEAD}parameters:\n  homes: { default: 3 }\n`, set: { homes: 'abc' }, issues: [['4:3', /^--set homes=abc: parameter "homes" expected an integer, got "abc"/]] },
  {
    name: '--set outside an enum',
    yaml: `${HEAD}parameters:\n  answer: { default: confirm, enum: [confirm, decline] }\n`,
    set: { answer: 'maybe' },
    issues: [['4:3', /--set answer=maybe: parameter "answer" expected one of "confirm", "decline"/]],
  },
  { name: '--set of an undeclared parameter', yaml: `${HEAD}parameters:\n  homes: { default: 3 }\n`, set: { hoems: '4' }, issues: [['3:1', /--set hoems=4: the scenario has no parameter "hoems" \(declared: homes\)/]] },
  {
    name: 'unknown parameter',
    yaml: `${HEAD}parameters:\n  homes: { default: 3 }\nmap:\n  generate: { blocks: 8, homes: \${hoems} }\n`,
    issues: [['6:33', /^unknown parameter "hoems" \(declared: homes\)/]],
  },
  { name: 'parameter default of the wrong type', yaml: `${HEAD}parameters:\n  homes: { default: many, type: integer }\n`, issues: [['4:21', /default "many": expected an integer/]] },
  { name: 'vehicle owner is not a user', yaml: `${HEAD}entities:\n  vehicles: [{ id: car1, owner: bob }]\n`, issues: [['4:33', /owner "bob" is not a user/]] },
  { name: 'user of an unknown home', yaml: `${HEAD}entities:\n  users: [{ id: alice, home: h7 }]\n`, issues: [['4:30', /unknown home "h7"/]] },
  {
    name: 'unknown device',
    yaml: `${HOME}expect:\n  - state: { twin: h1/lock.back_door, path: state, equals: locked }\n`,
    issues: [['6:20', /home "h1" has no device "lock.back_door"/]],
  },
  { name: 'not a twin id', yaml: `${HEAD}expect:\n  - state: { twin: lock.front_door, path: state, equals: locked }\n`, issues: [['4:20', /not a twin id: "lock.front_door"/]] },
  { name: 'unknown gateway', yaml: `${HEAD}entities:\n  gateways: { home-clowd: online }\n`, issues: [['4:15', /unknown gateway "home-clowd"/]] },
  { name: 'unknown expectation', yaml: `${HEAD}expect:\n  - whithin: { ms: 5 }\n`, issues: [['4:5', /^expect\[0\]: unknown expectation "whithin"; expected one of: within, state, metric, never, eventually, count, order$/]] },
  { name: 'metric without a bound', yaml: `${HEAD}expect:\n  - metric: { name: latency.e2e.p95 }\n`, issues: [['4:13', /needs a bound: lte, gte or eq/]] },
  { name: 'step after the end of the run', yaml: `${HOME}steps:\n  - { at: 2m, do: { doorbell: { home: h1 } } }\n`, issues: [['6:11', /after the end of the run \(it lasts 1m\)/]] },
  { name: 'state of charge out of range', yaml: `${HEAD}entities:\n  vehicles: [{ id: car1, soc: 1.5 }]\n`, issues: [['4:31', /soc: 1\.5 is too large: must be at most 1/]] },
  { name: 'bad start time', yaml: `${HEAD}startTime: "25:00"\n`, issues: [['3:12', /invalid start time "25:00"/]] },
  { name: 'no such date', yaml: `${HEAD}startTime: "2026-02-30 08:00"\n`, issues: [['3:12', /no such calendar date/]] },
  {
    name: 'fault without its value',
    yaml: `${HEAD}steps:\n  - at: 1s\n    do: { fault: { target: cellular, kind: latency, duration: 5s } }\n`,
    issues: [['5:44', /a latency fault needs a value/]],
  },
  {
    name: 'gateway fault on a link',
    yaml: `${HEAD}steps:\n  - at: 1s\n    do: { fault: { target: cellular, kind: offline, duration: 5s } }\n`,
    issues: [['5:44', /an offline fault applies to gateways, and "cellular" is a link/]],
  },
  {
    name: 'device_class on a light',
    yaml: `${HEAD}entities:\n  homes:\n    - id: h1\n      devices:\n        - { type: light, id: hall, device_class: smoke }\n`,
    issues: [['7:50', /device_class applies to binary_sensor devices only/]],
  },
  { name: 'two map sources', yaml: `${HEAD}map:\n  generate: { blocks: 3 }\n  geojson: town.geojson\n`, issues: [['5:3', /only one map source allowed here/]] },
  { name: 'invalid parameter reference', yaml: 'scenario: t\nduration: ${bad name}\n', issues: [['2:11', /invalid parameter reference \$\{bad name\}/]] },
  {
    name: 'parameters referring to parameters',
    yaml: `${HEAD}parameters:\n  a: { default: 1 }\n  b: { default: "\${a}" }\n`,
    issues: [['5:17', /parameters cannot refer to each other/]],
  },
];

/** These cases are about other mistakes: a scenario that checks nothing says so at its end (lines stay put). */
const asDemo = (yaml: string): string => (!/^scenario:/m.test(yaml) || /^(expect|failWhen|verdict):/m.test(yaml) ? yaml : `${yaml}${yaml.endsWith('\n') ? '' : '\n'}verdict: none\n`);

const issuesOf = (yaml: string, set?: Record<string, string>): ScenarioIssue[] => scenarioIssues(asDemo(yaml), 'bad.yaml', set ? { set } : {});

describe('malformed scenarios', () => {
  it('has a table of at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name', ({ yaml, set, issues: expected }) => {
    const issues = issuesOf(yaml, set);
    expect(issues.map((issue) => `${issue.line}:${issue.column}`)).toEqual(expected.map(([at]) => at));
    issues.forEach((issue, i) => {
      expect(issue.file).toBe('bad.yaml');
      expect(issue.message).toMatch(expected[i]![1]);
    });
  });

  it('reports every problem of a file at once, in file order, one per line of the message', () => {
    const yaml = `${HEAD}seed: x\nsteps:\n  - at: 5 parsecs\n    do: { ring: {} }\n  - { id: b, after: { step: nowhere }, do: { charging: { strategy: uncontrolled } } }\nverdict: none\n`;
    let error: unknown;
    try {
      loadScenarioText(yaml, 'scenarios/many.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const lines = (error as ScenarioError).message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^scenarios\/many\.yaml:3:7: seed: /);
    expect(lines[1]).toMatch(/^scenarios\/many\.yaml:5:9: steps\[0\]\.at: invalid duration/);
    expect(lines[2]).toMatch(/^scenarios\/many\.yaml:6:11: steps\[0\]\.do: unknown action "ring"/);
    expect(lines[3]).toMatch(/^scenarios\/many\.yaml:7:29: steps\[1\]\.after\.step: no step "nowhere"/);
  });
});

describe('broken parameter declarations', () => {
  it('are reported once, at the declaration, not again at each use or --set', () => {
    const yaml = `${HEAD}parameters:\n  homes: { default: many, type: integer }\nmap:\n  generate: { homes: \${homes} }\n`;
    const issues = issuesOf(yaml, { homes: '4' });
    expect(issues.map((issue) => `${issue.line}:${issue.column}: ${issue.message}`)).toEqual([
      '4:21: parameters.homes.default: default "many": expected an integer',
    ]);
  });
});

describe('a step whose trigger key is misspelt', () => {
  it('is reported with its position instead of crashing the loader (found by fuzzing)', async () => {
    const { loadScenarioText, ScenarioError } = await import('./index');
    const text = 'scenario: typo\nduration: 1m\nsteps:\n  - id: ask\n    ats: 2m\n    do: { doorbell: { home: h1 } }\nentities:\n  homes: [{ id: h1 }]\n';
    let error: unknown;
    try {
      loadScenarioText(text, 'typo.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as InstanceType<typeof ScenarioError>).message).toMatch(/typo\.yaml:5:5: .*ats/);
  });
});
