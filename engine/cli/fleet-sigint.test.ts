// Ctrl-C on the real executable: `twinbench fleet` with an hour to go stops within seconds of SIGINT, says so in
// one line, and still writes a complete report marked interrupted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, startMosquitto } from '../connectors/test-support/mosquitto';

afterAll(killAll);
const root = path.resolve(import.meta.dirname, '../..');

describe('twinbench fleet and Ctrl-C', () => {
  it('ends the run on SIGINT and still writes the report', async () => {
    const broker = await startMosquitto();
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'twinbench-fleet-sigint-')), 'fleet.json');
    try {
      const child = spawn(process.execPath, [path.join(root, 'bin/twinbench.mjs'), 'fleet', '--vehicles', '3', '--homes', '3', '--broker', broker.url, '--duration', '1h', '--command-rate', '5', '--report', report], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      let out = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 20_000;
      while (!err.includes('clients connected') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(err).toContain('6/6 clients connected');
      await new Promise((r) => setTimeout(r, 500));
      const sentAt = Date.now();
      child.kill('SIGINT');
      const code = await exited;
      expect(Date.now() - sentAt).toBeLessThan(8_000);
      expect(code, err).toBe(0);
      expect(err).toContain('fleet: interrupted; finishing the commands in flight and writing the report');
      expect(err).not.toContain('    at ');
      expect(out).toContain('clients 6/6 connected');
      expect(existsSync(report)).toBe(true);
      const written = JSON.parse(readFileSync(report, 'utf8'));
      expect(written).toMatchObject({ format: 'twinbench-fleet/v1', interrupted: true, clients: { total: 6 } });
    } finally {
      await broker.stop();
    }
  }, 40_000);
});
