// Fleet clients over every broker transport the CLI accepts, against a real Mosquitto: WebSocket (ws://), TLS
// (mqtts://) and WebSocket over TLS (wss://) with a private CA given by --broker-ca. Without the CA the clients
// are refused by TLS and the report says so by reason, rather than as an unreachable broker.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/test-support/cli';
import { freePort, killAll, selfSignedCert, startMosquitto } from '../connectors/test-support/mosquitto';

afterAll(killAll);
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-fleet-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fleet = (url: string, report: string, ...extra: string[]) =>
  cli('fleet', '--vehicles', '3', '--homes', '3', '--broker', url, '--duration', '1', '--command-rate', '10', '--report', path.join(dir, report), ...extra);
const read = (report: string) => JSON.parse(readFileSync(path.join(dir, report), 'utf8'));

describe('fleet transports', () => {
  it('ws://, mqtts:// and wss:// connect every client and answer every command', async () => {
    const tls = selfSignedCert();
    const [ws, wss] = [await freePort(), await freePort()];
    const broker = await startMosquitto({
      extraConfig: `certfile ${tls.cert}\nkeyfile ${tls.key}\nlistener ${ws} 127.0.0.1\nprotocol websockets\nlistener ${wss} 127.0.0.1\nprotocol websockets\ncertfile ${tls.cert}\nkeyfile ${tls.key}`,
    });
    try {
      const runs: [string, string, string[]][] = [
        [`ws://127.0.0.1:${ws}`, 'ws.json', []],
        [`mqtts://127.0.0.1:${broker.port}`, 'mqtts.json', ['--broker-ca', tls.cert]],
        [`wss://127.0.0.1:${wss}`, 'wss.json', ['--broker-ca', tls.cert]],
      ];
      for (const [url, report, extra] of runs) {
        const run = await fleet(url, report, ...extra);
        expect(run.code, `${url}: ${run.err}`).toBe(0);
        const r = read(report);
        expect(r.clients, url).toMatchObject({ total: 6, connected: 6, everConnected: 6 });
        expect(r.commands.attempted, url).toBeGreaterThan(5);
        expect(r.commands.answered, url).toBe(r.commands.attempted);
      }

      // The same TLS broker without its CA: every attempt fails as `tls`, and the CLI says what to do.
      const untrusted = await fleet(`mqtts://127.0.0.1:${broker.port}`, 'untrusted.json');
      expect(untrusted.code).toBe(1);
      expect(untrusted.err).toMatch(/no client could connect to mqtts:\/\/127\.0\.0\.1:\d+ \(tls \d+\)/);
      expect(untrusted.err).toContain('--broker-ca');
      expect(read('untrusted.json').clients.connectFailures.tls).toBeGreaterThanOrEqual(6);
    } finally {
      await broker.stop();
      rmSync(tls.dir, { recursive: true, force: true });
    }
  }, 90_000);

  it.each<[string[], string]>([
    [['--broker', 'mqtt://127.0.0.1:1', '--broker-ca', '/etc/hostname'], '--broker-ca: given, but no --broker URL is mqtts:// or wss://'],
    [['--broker', 'mqtts://127.0.0.1:1', '--broker-ca', '/nonexistent/ca.pem'], '--broker-ca: /nonexistent/ca.pem does not exist'],
    [['--broker', 'mqtts://127.0.0.1:1', '--broker-ca', os.tmpdir()], `--broker-ca: ${os.tmpdir()} is a folder`],
    [['--broker', 'wss://127.0.0.1:1', '--broker-ca', '/etc/hostname'], '--broker-ca: /etc/hostname is not a PEM certificate'],
  ])('refuses a bad CA before any socket opens: %j', async (flags, message) => {
    const run = await cli('fleet', '--vehicles', '1', '--homes', '1', '--duration', '1', ...flags);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(run.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
