// The real `twinbench` executable (bin/twinbench.mjs, from its bundle or through tsx), a scenario on a GeoJSON map,
// and the progress line a terminal shows during long runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, version } from './main';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');

describe('the twinbench executable', () => {
  it('runs as `node bin/twinbench.mjs` (what npx twinbench calls) and exits with the command status', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'bin/twinbench.mjs'), 'list'], { encoding: 'utf8' });
    expect(out).toContain('scenarios/doorbell.yaml');
    let status = 0;
    try {
      execFileSync(process.execPath, [path.join(root, 'bin/twinbench.mjs'), 'validate', path.join(root, 'engine/cli/fixtures/broken.yaml')], { stdio: 'pipe' });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(1);
  });
});

describe('how the executable starts', () => {
  // Inside node_modules, as the default cache is: the bundle resolves its packages from the folders above it.
  const cache = path.join(root, 'node_modules', '.cache', `twinbench-bin-test-${process.pid}`);
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const start = (cacheDir: string, ...args: string[]): { out: string; how: string } => {
    const result = spawnSync(process.execPath, [path.join(root, 'bin/twinbench.mjs'), ...args], {
      encoding: 'utf8', env: { ...process.env, TWINBENCH_BUNDLE_CACHE: cacheDir, TWINBENCH_DEBUG: '1' },
    });
    expect(result.status).toBe(0);
    return { out: result.stdout.trim(), how: result.stderr.trim() };
  };

  it('runs from the bundle, built on the first start and reused on the next', () => {
    const first = start(cache, '--version');
    expect(first.out).toBe(version());
    expect(first.how).toMatch(/^twinbench: started from the bundle .*\.mjs$/);
    expect(start(cache, '--version').how).toBe(first.how);
  });

  it('rebuilds the bundle after a source is edited, so it never runs stale code', () => {
    const before = start(cache, '--version').how;
    const source = path.join(root, 'engine/cli/version.ts');
    const { atime, mtime } = statSync(source);
    utimesSync(source, atime, new Date(mtime.getTime() + 2_000));
    try {
      const after = start(cache, '--version');
      expect(after.out).toBe(version());
      expect(after.how).toMatch(/^twinbench: started from the bundle /);
      expect(after.how).not.toBe(before);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it('runs through tsx when the bundle cannot be built (a file stands where the cache folder should be)', () => {
    const blocked = mkdtempSync(path.join(os.tmpdir(), 'twinbench-bin-blocked-'));
    writeFileSync(path.join(blocked, 'cache'), 'not a folder');
    const { out, how } = start(path.join(blocked, 'cache'), 'validate', path.join(root, 'scenarios/commute.yaml'));
    expect(out).toContain('ok');
    expect(how).toMatch(/^twinbench: started through tsx \(no bundle: .*ENOTDIR/);
  });
});

describe('maps from GeoJSON', () => {
  it('runs a doorbell scene on the shipped small-town GeoJSON map', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-geojson-'));
    const file = path.join(dir, 'town-doorbell.yaml');
    writeFileSync(file, `scenario: town-doorbell
seed: 3
architectures: [direct]
duration: 1m
map: { geojson: ${JSON.stringify(path.join(root, 'scenarios/maps/small-town.geojson'))} }
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1, at: work }]
steps:
  - { id: ring, at: 5s, do: { doorbell: { home: h1 } } }
  - { id: ok, after: { step: ring, delay: 3s }, do: { confirm: { screen: vehicle/car1 } } }
expect:
  - { id: opened, state: { twin: h1/lock.front_door, path: state, equals: unlocked } }
`);
    const { code, out } = await cli('run', file, '--no-record');
    expect(out).toContain('ok    town-doorbell [direct]');
    expect(code).toBe(0);
  });
});

describe('progress on a terminal', () => {
  it('shows simulated time and messages while a long run goes on', async () => {
    let err = '';
    const code = await main(['run', path.join(root, 'scenarios/commute.yaml'), '--arch', 'direct', '--no-record'], {
      out: () => undefined, err: (t) => void (err += t), isTTY: true,
    });
    expect(code).toBe(0);
    expect(err).toMatch(/commute \[direct\] t=\d\d:\d\d:\d\d of \d\d:\d\d:\d\d messages=\d+/);
  });
});
