import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './cli-errors';
import { loadScenarioOrIssues, recordFlags, scenarioToRun } from './run-args';

const DOORBELL = 'scenarios/doorbell.yaml';
const BROKEN = 'engine/cli/fixtures/broken.yaml';
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-run-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recordFlags', () => {
  it('passes --record or --no-record through', () => {
    expect(recordFlags({ record: 'a.db' })).toEqual({ record: 'a.db', noRecord: undefined });
    expect(recordFlags({ 'no-record': true })).toEqual({ record: undefined, noRecord: true });
    expect(recordFlags({})).toEqual({ record: undefined, noRecord: undefined });
  });

  it('refuses both at once', () => {
    expect(() => recordFlags({ record: 'a.db', 'no-record': true })).toThrow(UsageError);
    expect(() => recordFlags({ record: 'a.db', 'no-record': true })).toThrow('--record and --no-record contradict each other');
  });
});

describe('loadScenarioOrIssues', () => {
  it('loads a valid scene', () => {
    const loaded = loadScenarioOrIssues(DOORBELL);
    expect('scenario' in loaded && loaded.scenario.scenario).toBe('doorbell');
  });

  it('returns the located problems of an invalid one instead of throwing', () => {
    const loaded = loadScenarioOrIssues(BROKEN);
    if (!('issues' in loaded)) throw new Error('the broken fixture loaded');
    expect(loaded.issues.length).toBeGreaterThan(0);
    for (const issue of loaded.issues) expect(issue.file).toContain('broken.yaml');
    expect(loaded.issues.every((i) => i.line >= 1 && i.column >= 1)).toBe(true);
  });

  it('type-checks --set overrides against the scene as located problems', () => {
    const loaded = loadScenarioOrIssues(DOORBELL, { 'no.such.parameter': '1' });
    expect('issues' in loaded).toBe(true);
  });

  it('names a file that is not there as the problem, rather than throwing', () => {
    const loaded = loadScenarioOrIssues(path.join(dir, 'missing.yaml'));
    if (!('issues' in loaded)) throw new Error('a missing file loaded');
    expect(loaded.issues[0]!.file).toContain('missing.yaml');
  });

  it('reports a YAML syntax error with its place rather than a stack trace', () => {
    const file = path.join(dir, 'tabs.yaml');
    writeFileSync(file, 'scenario: [unclosed\n');
    const loaded = loadScenarioOrIssues(file);
    if (!('issues' in loaded)) throw new Error('unclosed YAML loaded');
    expect(loaded.issues[0]!.line).toBeGreaterThanOrEqual(1);
  });
});

describe('scenarioToRun', () => {
  const loaded = loadScenarioOrIssues(DOORBELL);
  if (!('scenario' in loaded)) throw new Error('doorbell did not load');
  const scene = loaded.scenario;

  it('keeps the scene\'s own seed and architectures by default', () => {
    const { scenario, architectures } = scenarioToRun(scene, undefined, undefined);
    expect(scenario.seed).toBe(scene.seed);
    expect(architectures).toEqual(scene.architectures);
  });

  it('applies --seed without touching the loaded scene', () => {
    const { scenario } = scenarioToRun(scene, 7, undefined);
    expect(scenario.seed).toBe(7);
    expect(scene.seed).not.toBe(7);
  });

  it('takes one architecture, or all', () => {
    expect(scenarioToRun(scene, undefined, 'local').architectures).toEqual(['local']);
    expect(scenarioToRun(scene, undefined, 'all').architectures.length).toBeGreaterThan(scene.architectures.length);
  });

  it('refuses an unknown architecture, naming the flag', () => {
    expect(() => scenarioToRun(scene, undefined, 'satellite')).toThrow(/--arch takes .* got "satellite"/);
  });
});
