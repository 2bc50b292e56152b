// The real `twinbench` executable (bin/twinbench.mjs through tsx), a scenario on a GeoJSON map, and the progress
// line a terminal shows during long runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
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
