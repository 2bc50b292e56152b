// Hostile scenario files: each is generated here, and each must be refused as a ScenarioError within 5 s and
// well within 512 MB, never as a V8 out-of-memory abort or a stack trace. Before the limits, `count:
// 1000000000` and a 50 MB file aborted the process, a 5 MB file took 10 s and 1.2 GB to validate and a
// billion-laughs alias bomb ran for 100 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile, loadScenarioText, type LoadedScenario, type ScenarioIssue } from './index';
import { SCENARIO_LIMITS } from './limits';

// `verdict: none`: these files are about their size, not about what they check.
const HEAD = 'scenario: hostile\nduration: 1h\nverdict: none\n';
const HOME = `${HEAD}entities:\n  homes: [{ id: h1 }]\n`;
const dir = mkdtempSync(join(tmpdir(), 'twinbench-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECONDS = 5;
const HEAP_MB = 512;
/** Wall time only catches hangs: on a CI machine shared by parallel test files it is not this process's cost. */
const WALL_SECONDS = 30;

/** CPU seconds this process spent in `work` (its own measure, whatever else the machine is doing), and wall seconds. */
function timed<T>(work: () => T): { value: T; cpuSeconds: number; wallSeconds: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - started) / 1000 };
}

function expectQuick(spent: { cpuSeconds: number; wallSeconds: number }, seconds = SECONDS): void {
  expect(spent.cpuSeconds, 'CPU seconds').toBeLessThan(seconds);
  expect(spent.wallSeconds, 'wall seconds').toBeLessThan(WALL_SECONDS);
}

/** Loads a legal scenario, checking time on the way. */
function timedLoad(text: string): LoadedScenario {
  const spent = timed(() => loadScenarioText(text, 'legal.yaml'));
  expectQuick(spent, 2);
  return spent.value;
}

/** Loads and returns the issues of the refusal, checking time and heap on the way. */
function refusal(load: () => unknown): ScenarioIssue[] {
  const heapBefore = process.memoryUsage().heapUsed;
  let caught: unknown;
  const spent = timed(() => {
    try {
      load();
    } catch (error) {
      caught = error;
    }
  });
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  expectQuick(spent);
  expect(heapMb, 'heap growth, MB').toBeLessThan(HEAP_MB);
  expect(caught, 'refused as a ScenarioError').toBeInstanceOf(ScenarioError);
  return [...(caught as ScenarioError).issues];
}

const fromText = (text: string, set?: Record<string, string>) => () => loadScenarioText(text, 'hostile.yaml', set ? { set } : {});

function onDisk(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Nine anchors, each a list of nine aliases of the one before: 9^9 ≈ 387 million values once expanded. */
function billionLaughs(): string {
  let text = `${HEAD}x:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let level = 1; level <= 9; level++) text += `  a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]\n`;
  return text;
}

describe('hostile scenario files are refused quickly, with a reason and a position', () => {
  it('a YAML alias bomb ("billion laughs")', () => {
    const issues = refusal(fromText(billionLaughs()));
    expect(issues[0]!.message).toMatch(/alias bomb/);
    expect(issues[0]!.line).toBeGreaterThan(3);
  });

  it('45,000 aliases', () => {
    let text = `${HEAD}x:\n`;
    for (let anchor = 0; anchor < 50; anchor++) text += `  a${anchor}: &a${anchor} lol\n  b${anchor}: [${Array(900).fill(`*a${anchor}`).join(', ')}]\n`;
    expect(refusal(fromText(text))[0]!.message).toMatch(/more than 1,000 aliases/);
  });

  it('an anchor that refers to itself', () => {
    const issues = refusal(fromText(`${HEAD}description: &a [*a, *a]\n`));
    expect(issues.length).toBeGreaterThan(0);
  });

  it('10,000 levels of flow nesting', () => {
    const issues = refusal(fromText(`${HEAD}description: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, message: expect.stringMatching(/nested more than 64 levels/) });
  });

  it('1,000 levels of block nesting (10,000 would be 50 MB of indentation alone)', () => {
    let text = `${HEAD}description:\n`;
    for (let level = 1; level <= 1_000; level++) text += `${' '.repeat(level)}k${level}:\n`;
    const issues = refusal(fromText(text));
    expect(issues[0]!.message).toMatch(/nested more than 64 levels/);
    expect(issues[0]!.line).toBeLessThan(80);
  });

  it('10,000 levels of nested list items on one line', () => {
    const issues = refusal(fromText(`${HEAD}description:\n  ${'- '.repeat(10_000)}x\n`));
    expect(issues[0]!.message).toMatch(/nested more than 64 levels/);
  });

  it('a 50 MB file is refused by its size, before it is read', () => {
    const path = onDisk('fifty.yaml', `${HEAD}description: "${'x'.repeat(50 * 2 ** 20)}"\n`);
    const issues = refusal(() => loadScenarioFile(path));
    expect(issues).toEqual([{ file: path, line: 1, column: 1, message: expect.stringMatching(/52,428,8\d\d bytes; a scenario file may have at most 1 MiB/) }]);
  });

  it('a 20 MB GeoJSON map is refused at map.geojson, before the run reads it', () => {
    onDisk('huge.geojson', `{"type":"FeatureCollection","features":[${'{},'.repeat(7 * 2 ** 20)}{}]}`);
    const path = onDisk('huge-map.yaml', `${HEAD}map:\n  geojson: huge.geojson\n`);
    const issues = refusal(() => loadScenarioFile(path));
    expect(issues).toEqual([expect.objectContaining({ line: 5, column: 12, message: expect.stringMatching(/^map\.geojson: .*huge\.geojson is 22,020,\d{3} bytes; a map file may have at most 8 MiB$/) })]);
  });

  it('5 MB of steps, on disk and as text', () => {
    let text = `${HOME}steps:\n`;
    while (text.length < 5 * 2 ** 20) text += `  - { at: ${text.length}ms, do: { doorbell: { home: h1 } } }\n`;
    expect(refusal(() => loadScenarioFile(onDisk('five.yaml', text)))[0]!.message).toMatch(/at most 1 MiB/);
    expect(refusal(fromText(text))[0]!.message).toMatch(/at most 1 MiB/);
  });

  it('a file just under 1 MiB of tiny values is refused by its node count', () => {
    const text = `${HEAD}description: [${Array(450_000).fill('0').join(',')}]\n`;
    expect(text.length).toBeLessThan(SCENARIO_LIMITS.fileBytes);
    const issues = refusal(fromText(text));
    expect(issues[0]!.message).toMatch(/more than 200,000 YAML values/);
  });

  it('more steps than the limit', () => {
    let text = `${HOME}steps:\n`;
    for (let i = 0; i <= SCENARIO_LIMITS.steps; i++) text += `  - { at: ${i}, do: { doorbell: { home: h1 } } }\n`;
    expect(refusal(fromText(text)).map((issue) => issue.message)).toContain('steps: expected at most 10000 items');
  });

  it.each([
    ['homes', `${HEAD}entities:\n  homes: [{ id: h, count: 1000000000 }]\n`, '5:27', /entities\.homes\[0\]\.count: 1000000000 is too large: must be at most 20000/],
    ['vehicles', `${HEAD}entities:\n  vehicles: [{ id: ev, count: 1000000000 }]\n`, '5:31', /entities\.vehicles\[0\]\.count: 1000000000 is too large: must be at most 20000/],
    ['map blocks', `${HEAD}map: { generate: { blocks: 1000000000 } }\n`, '4:28', /map\.generate\.blocks: .* must be at most 200/],
    ['map chargers', `${HEAD}map: { generate: { chargers: 1000000000 } }\n`, '4:30', /must be at most 5000/],
    ['link attempts', `${HEAD}links: { cellular: { maxAttempts: 1000000000 } }\n`, '4:35', /maxAttempts: .* must be at most 100/],
    ['duration', 'scenario: hostile\nduration: 100000d\n', '2:11', /duration: a run lasts at most 30 days/],
  ])('a count of 1e9 (%s) is refused at its position', (_name, text, at, message) => {
    const issues = refusal(fromText(text));
    expect(issues.map((issue) => `${issue.line}:${issue.column}`)).toContain(at);
    expect(issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });

  it('counts that are each allowed but too many in all', () => {
    const entries = Array.from({ length: 1_000 }, (_, i) => `    - { id: g${i}x, count: 20000 }\n`).join('');
    const issues = refusal(fromText(`${HEAD}entities:\n  homes:\n${entries}`));
    expect(issues.map((issue) => issue.message)).toContain(
      'entities.homes[1].count: more than 20,000 homes in all (counts included); a scenario may have at most 20,000',
    );
  });

  it('--set goes through the same limits, and the message names it', () => {
    const text = `${HEAD}parameters:\n  homes: { default: 3, type: integer, minimum: 1 }\nentities:\n  homes: [{ id: h, count: "\${homes}" }]\n`;
    const issues = refusal(fromText(text, { homes: '1000000000' }));
    expect(issues).toEqual([
      expect.objectContaining({ line: 7, column: 27, message: expect.stringMatching(/must be at most 20000 \(the value of parameter "homes", from --set homes=1000000000\)$/) }),
    ]);
  });

  it('a count past the limit is the only complaint: the twins it would have named are not "unknown"', () => {
    const text = `${HEAD}entities:\n  homes: [{ id: h, count: 1000000000 }]\n  vehicles: [{ id: ev, count: 6, home: h }]\nsteps:\n  - { at: 1s, do: { doorbell: { home: h1 } } }\n`;
    expect(refusal(fromText(text)).map((issue) => issue.message)).toEqual([expect.stringMatching(/^entities\.homes\[0\]\.count: 1000000000 is too large/)]);
  });

  it('20,000 cars each parking at one of 20,000 homes are cross-checked in linear time', () => {
    const { scenario } = timedLoad(`${HEAD}entities:\n  homes: [{ id: h, count: 20000 }]\n  vehicles: [{ id: ev, count: 20000, home: h }]\n`);
    expect(scenario.entities.vehicles).toHaveLength(20_000);
  });

  it('--set values and override counts are bounded', () => {
    const text = `${HEAD}parameters:\n  name: { default: x }\n`;
    expect(refusal(fromText(text, { name: 'y'.repeat(10_000) }))[0]!.message).toMatch(/^--set name=…: 10004 characters; .* at most 1,000/);
    const many = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`p${i}`, '1']));
    expect(refusal(fromText(text, many))[0]!.message).toMatch(/^--set: 1000 overrides; at most 100/);
  });

  it('substitution that would grow the document a thousandfold', () => {
    const uses = Array(200_000).fill('${p}').join('');
    const text = `${HEAD}parameters:\n  p: { default: "${'x'.repeat(900)}" }\ndescription: "${uses}"\n`;
    expect(refusal(fromText(text))[0]!.message).toMatch(/parameter substitution adds more than 1,048,576 characters/);
  });

  it('a directory, a FIFO-like path or a missing file is a clear refusal', () => {
    expect(refusal(() => loadScenarioFile(dir))[0]!.message).toMatch(/cannot read the scenario: (not a regular file|EISDIR)/);
    expect(refusal(() => loadScenarioFile(join(dir, 'nope.yaml')))[0]!.message).toMatch(/cannot read the scenario: ENOENT/);
  });

  it('thousands of the same mistake are reported as the first 200 and a count', () => {
    let text = `${HOME}steps:\n`;
    for (let i = 0; i < 5_000; i++) text += `  - { at: ${i}xs, do: { doorbell: { home: h1 } } }\n`;
    const issues = refusal(fromText(text));
    expect(issues).toHaveLength(201);
    expect(issues[200]!.message).toBe('… and 4,800 more problems');
  });
});

describe('large but legal scenarios still load, in linear time', () => {
  it('the most steps allowed', () => {
    let text = `${HOME}steps:\n`;
    for (let i = 0; i < SCENARIO_LIMITS.steps; i++) text += `  - { at: ${i}ms, do: { doorbell: { home: h1 } } }\n`;
    const spent = timed(() => loadScenarioText(text, 'many.yaml'));
    expect(spent.value.scenario.steps).toHaveLength(SCENARIO_LIMITS.steps);
    expectQuick(spent);
  });

  it('the most aliases allowed (yaml compares each alias with every other: 45,000 took a minute)', () => {
    let text = `${HEAD}x:\n`;
    for (let anchor = 0; anchor < 10; anchor++) text += `  a${anchor}: &a${anchor} lol\n  b${anchor}: [${Array(100).fill(`*a${anchor}`).join(', ')}]\n`;
    const spent = timed(() => refusal(fromText(text)));
    expect(spent.value.map((issue) => issue.message)).toEqual([expect.stringMatching(/unknown key "x"/)]);
    expectQuick(spent, 1);
  });

  it('the most homes allowed, from one entry', () => {
    const spent = timed(() => loadScenarioText(`${HEAD}entities:\n  homes: [{ id: h, count: ${SCENARIO_LIMITS.homes} }]\n`, 'homes.yaml'));
    expect(spent.value.scenario.entities.homes).toHaveLength(SCENARIO_LIMITS.homes);
    expectQuick(spent);
  });
});
