// `twinbench run --ocpp`: the peak-shaving night against a CSMS from the command line, recorded like any run, and
// one clear line for every way the OCPP settings can be wrong.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HOUSEHOLD_PROFILE, baseLoadKw } from '../../twins/home/meter';
import { startSmartCsms, type SmartCsms } from '../connectors/test-support/smart-csms';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');
const scene = path.join(root, 'scenarios/charging-peak-shaving-ocpp.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-ocpp-'));

describe('twinbench run --ocpp', () => {
  let csms: SmartCsms;
  beforeAll(async () => {
    csms = await startSmartCsms({ site: { limitKw: 38, peak: [16, 21], baseLoadKw: (h) => 10 * baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, h * 3_600_000) }, reply: 'after' });
  });
  afterAll(async () => {
    await csms.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the night with the CSMS coordinating, and records the OCPP messages with their measured hops', async () => {
    const db = path.join(dir, 'runs.db');
    const report = path.join(dir, 'night.html');
    const { code, out, err } = await cli('run', scene, '--ocpp', csms.url, '--record', db, '--report', report);
    expect(err).not.toMatch(/Error|at .*\.ts:/);
    expect(out).toContain('ok    charging-peak-shaving-ocpp [cloud-cloud]');
    expect(code).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('external-csms');
    expect(html).toContain('csms');
    const jsonl = path.join(dir, 'run.jsonl');
    expect((await cli('export', db, '1', '--format', 'jsonl', '--out', jsonl)).code).toBe(0);
    const boot = readFileSync(jsonl, 'utf8').split('\n').find((line) => line.includes('"ocpp/BootNotification"') && line.includes('msg.delivered'));
    expect(boot).toBeDefined();
    expect(boot).toContain('"measured":true');
  }, 60_000);

  it('refuses an unknown version, a URL that is not ws://, and a version without a URL, as usage errors', async () => {
    const doorbell = path.join(root, 'scenarios/doorbell.yaml');
    const usage = async (args: string[], message: RegExp): Promise<void> => {
      const { code, err } = await cli('run', ...args, '--no-record');
      expect(code).toBe(2);
      expect(err).toMatch(message);
    };
    await usage([scene, '--ocpp-version', '1.5'], /--ocpp-version takes 1.6 or 2.0.1, got "1.5"/);
    await usage([doorbell, '--ocpp', 'http://127.0.0.1:9/ocpp'], /--ocpp: "http:\/\/127.0.0.1:9\/ocpp" is not a ws:\/\/ or wss:\/\/ URL/);
    await usage([doorbell, '--ocpp-version', '2.0.1'], /--ocpp-version needs --ocpp/);
  });

  it('says a scene that leaves charging to a CSMS needs one', async () => {
    const file = path.join(dir, 'no-csms.yaml');
    writeFileSync(file, readFileSync(scene, 'utf8').replace(/^connectors:\n.*\n/m, ''));
    const { code, err } = await cli('run', file, '--no-record');
    expect(code).toBe(2);
    expect(err).toMatch(/no-csms.yaml: charging strategy external-csms needs a real OCPP CSMS: --ocpp/);
  });

  it('names the endpoint when the CSMS is not there (exit 1, no stack trace)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const { code, err } = await cli('run', scene, '--ocpp', `ws://127.0.0.1:${port}/ocpp`, '--no-record');
    expect(code).toBe(1);
    expect(err).toContain(`twinbench run: ocpp ws://127.0.0.1:${port}/ocpp/h`);
    expect(err).toContain('cannot connect');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
