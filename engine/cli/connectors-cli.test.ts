// Real endpoints from the command line, as the README shows them: the embedded broker, the example external home
// cloud over HTTP (its own schema), and one clear error for a bad endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');
const doorbell = path.join(root, 'scenarios/doorbell.yaml');

describe('twinbench run with real endpoints', () => {
  let service: ChildProcess;
  let serviceUrl = '';

  beforeAll(async () => {
    service = spawn(process.execPath, [path.join(root, 'examples/home-cloud-service/server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    serviceUrl = await new Promise<string>((resolve, reject) => {
      service.stdout!.on('data', (chunk: Buffer) => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
        if (match) resolve(match[1]!);
      });
      service.on('exit', (code) => reject(new Error(`example home cloud exited with ${code}`)));
    });
  });
  afterAll(() => {
    service.kill();
  });

  it('mirrors the run to the embedded MQTT broker (aedes on 127.0.0.1) and still passes', async () => {
    const { code, out } = await cli('run', doorbell, '--arch', 'direct', '--no-record', '--broker', 'embedded');
    expect(out).toMatch(/broker mqtt:\/\/127\.0\.0\.1:\d+/);
    // It takes no anonymous client: the user is told this run's login (for Home Assistant).
    expect(out).toMatch(/broker login: user twinbench, password [A-Za-z0-9_-]{32} \(this run only\)/);
    expect(code).toBe(0);
  });

  it('runs the doorbell with the home cloud played by the example HTTP service, whose log shows the unlock with its traceparent', async () => {
    const { code, out } = await cli('run', doorbell, '--arch', 'direct', '--no-record', '--external', `home-cloud=${serviceUrl}`, '--external-codec', 'device-actions/v1');
    expect(out).toContain('ok    doorbell [direct]');
    expect(out).toMatch(/webhook for home-cloud: POST JSON to http:\/\/127\.0\.0\.1:\d+\/webhook with Authorization: Bearer [A-Za-z0-9_-]{43} \(this run only\)/);
    expect(code).toBe(0);
    const log = (await (await fetch(`${serviceUrl}/v1/log`)).json()) as unknown;
    const text = JSON.stringify(log);
    expect(text).not.toMatch(/"webhook_secret":"(?!\(redacted\))/); // the service's log never holds the run's secret
    expect(text).toContain('lock.front_door');
    expect(text).toMatch(/00-[0-9a-f]{32}-[0-9a-f]{16}-01/);
  });

  it('runs the shipped doorbell-external scenario against the example service; hops into it are measured on the wire', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const os = await import('node:os');
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'twinbench-external-')), 'run.json');
    const { code, out } = await cli('run', path.join(root, 'scenarios/doorbell-external.yaml'), '--set', `homeCloud=${serviceUrl}`, '--no-record', '--report', report);
    expect(out).toContain('ok    doorbell-external [direct]');
    expect(code).toBe(0);
    const hops = JSON.parse(readFileSync(report, 'utf8')).metrics.hops as { hop: string; measured: boolean }[];
    expect(hops.filter((h) => h.measured).map((h) => h.hop)).toEqual(expect.arrayContaining(['vehicle/* → home-cloud']));
    expect(hops.find((h) => h.hop === 'home-cloud → home/*/gateway')?.measured).toBe(false);
  });

  it('names the endpoint and the cause when a broker cannot be reached or a URL is malformed', async () => {
    const refused = await cli('run', doorbell, '--arch', 'direct', '--no-record', '--broker', 'mqtt://127.0.0.1:1');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('broker mqtt://127.0.0.1:1: connection refused');
    const malformed = await cli('run', doorbell, '--arch', 'direct', '--no-record', '--external', 'home-cloud=ftp://x');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('is not http://…, ws://… or mqtt:<topic prefix>');
  });
});
