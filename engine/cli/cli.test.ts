// The command line as the README promises it: run, validate and list, with their exit codes and messages.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

const scenario = (name: string): string => path.resolve(import.meta.dirname, '../../scenarios', `${name}.yaml`);
const broken = path.resolve(import.meta.dirname, 'fixtures/broken.yaml');

describe('twinbench run', () => {
  it('exits 0 and prints each architecture verdict with its eventHash when every expectation holds', async () => {
    const { code, out } = await cli('run', scenario('doorbell'), '--arch', 'direct');
    expect(code).toBe(0);
    expect(out).toMatch(/ok {4}doorbell \[direct\] seed=42 {2}11\/11 expectations/);
    expect(out).toMatch(/eventHash=[0-9a-f]{64}/);
    expect(out).toContain('PASS  1 run(s)');
  });

  it('exits 1 and names the failed expectation when one fails', async () => {
    const { code, out } = await cli('run', scenario('charging-peak-shaving'), '--set', 'strategy=uncontrolled');
    expect(code).toBe(1);
    expect(out).toContain('✗ transformer-below-80-percent: grid.max_load_pct = 146.4 (expected ≤ 80)');
  });

  it('runs every architecture with --arch all, and --seed changes the hash deterministically', async () => {
    const a = await cli('run', scenario('doorbell-declined'), '--arch', 'all', '--seed', '9');
    expect(a.out.match(/\[(cloud-cloud|direct|phone-proxy|local)\]/g)).toEqual(['[cloud-cloud]', '[direct]', '[phone-proxy]', '[local]']);
    const b = await cli('run', scenario('doorbell-declined'), '--arch', 'direct', '--seed', '9');
    const c = await cli('run', scenario('doorbell-declined'), '--arch', 'direct', '--seed', '10');
    const hash = (text: string): string | undefined => /\[direct\][\s\S]*?eventHash=([0-9a-f]{64})/.exec(text)?.[1];
    expect(hash(b.out)).toBe(hash(a.out));
    expect(hash(c.out)).not.toBe(hash(b.out));
  });

  it('rejects a broken scenario before running, with file:line:column for every problem', async () => {
    const { code, err, out } = await cli('run', broken);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/broken\.yaml:2:7: seed: /);
    expect(err).toMatch(/broken\.yaml:3:30: architectures\[1\]: /);
    expect(err).toMatch(/broken\.yaml:4:11: duration: /);
    expect(err).toMatch(/broken\.yaml:11:29: steps\[0\]\.do\.doorbell\.home: unknown home "h9" \(homes: h1\)/);
  });

  it('rejects bad flags with a one-line usage error (exit 2)', async () => {
    expect((await cli('run', scenario('doorbell'), '--speed', 'fast')).err).toContain('--speed takes a positive number');
    expect((await cli('run', scenario('doorbell'), '--arch', 'satellite')).code).toBe(2);
    expect((await cli('run', scenario('doorbell'), '--set', 'nokey')).err).toContain('--set takes key=value');
    expect((await cli('run', scenario('doorbell'), '--set', 'pipBudgetMs=abc')).err).toMatch(/pipBudgetMs/);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('runs at N× real time with --speed', async () => {
    const started = performance.now();
    const { code } = await cli('run', scenario('doorbell'), '--arch', 'direct', '--speed', '1000');
    expect(code).toBe(0);
    expect(performance.now() - started).toBeGreaterThan(100); // 2 simulated minutes at 1000× ≈ 120 ms of wall time
  });
});

describe('twinbench validate and list', () => {
  it('validates good files and reports every problem of a bad one', async () => {
    const good = await cli('validate', scenario('commute'), scenario('rainstorm'));
    expect(good.code).toBe(0);
    expect(good.out.trim().split('\n')).toHaveLength(2);
    const bad = await cli('validate', scenario('commute'), broken);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('1 of 2 file(s) invalid');
    expect(bad.err.split('\n').filter((l) => l.includes('broken.yaml:')).length).toBeGreaterThanOrEqual(4);
  });

  it('lists the shipped scenarios with titles and architectures', async () => {
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    for (const name of ['commute', 'charging-peak-shaving', 'doorbell', 'safety-alert', 'home-controls-car', 'rainstorm']) {
      expect(out).toContain(`scenarios/${name}.yaml`);
    }
    expect(out).toContain('Sleep-time charging peak shaving');
  });
});

describe('the README quick start', () => {
  it('runs `twinbench run scenarios/commute.yaml --report report.html` green and writes the report', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const os = await import('node:os');
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'twinbench-readme-')), 'report.html');
    const { code, out } = await cli('run', scenario('commute'), '--report', report);
    expect(code).toBe(0);
    expect(out).toContain('PASS  3 run(s)');
    expect(existsSync(report)).toBe(true);
  });

  it('shows local failing the commute with --arch all, as the README says', async () => {
    const { code, out } = await cli('run', scenario('commute'), '--arch', 'all', '--no-record');
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {2}commute \[local\]/);
    expect(out).toContain('FAIL  1 of 4 run(s) failed');
  });
});
