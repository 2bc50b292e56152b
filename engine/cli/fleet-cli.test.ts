// `twinbench fleet` and `twinbench merge` from the command line: hostile flags are refused with one line naming the
// flag before any socket opens; a run on Mosquitto writes a report; shard reports merge, and reports that do not
// belong together (another plan, the same shard twice, another kind, not JSON) are refused by file name.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, killAll, startMosquitto } from '../connectors/test-support/mosquitto';
import { cli } from './test-support/cli';

afterAll(killAll);
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-fleet-cli-'));
const fleet = (...flags: string[]): string[] => ['fleet', '--vehicles', '4', '--homes', '4', '--broker', 'mqtt://127.0.0.1:1', '--duration', '1', ...flags];
const without = (flag: string): string[] => {
  const argv = fleet();
  argv.splice(argv.indexOf(flag), 2);
  return argv;
};

describe('twinbench fleet: hostile flags', () => {
  it.each<[string[], string]>([
    [[...fleet(), '--vehicles', '5'], '--vehicles is given more than once'],
    [['fleet', '--vehicles', '1000001', '--homes', '1', '--broker', 'mqtt://h', '--duration', '1'], '--vehicles: needs a whole number from 0 to 1,000,000, got "1000001"'],
    [['fleet', '--vehicles', '-1', '--homes', '1', '--broker', 'mqtt://h', '--duration', '1'], '--vehicles'],
    [['fleet', '--vehicles', '1e3', '--homes', '0', '--broker', 'mqtt://h', '--duration', '1'], '--homes: needs a whole number from 1'],
    [['fleet', '--vehicles', '2.5', '--homes', '1', '--broker', 'mqtt://h', '--duration', '1'], '--vehicles'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'mqtt://h', '--duration', '25h'], '--duration: needs a time above 0 and at most 24h'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'mqtt://h', '--duration', '0'], '--duration'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'mqtt://h', '--duration', 'soon'], '--duration'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'http://h:80', '--duration', '1'], '--broker: "http://h:80" uses http; only mqtt, mqtts, ws, wss are MQTT brokers'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'mqtt://a,file:///etc/passwd', '--duration', '1'], '"file:///etc/passwd" uses file'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'not a url', '--duration', '1'], '--broker: "not a url" is not a URL'],
    [['fleet', '--vehicles', '1', '--homes', '1', '--broker', 'mqtt://a,', '--duration', '1'], '--broker: "" is not a URL'],
    [[...fleet(), '--shard', '3/2'], '--shard: needs k/n with 1 ≤ k ≤ n'],
    [[...fleet(), '--shard', '0/2'], '--shard'],
    [[...fleet(), '--shard', '1/0'], '--shard'],
    [[...fleet(), '--shard', '1'], '--shard'],
    [[...fleet(), '--mqtt-version', '3'], '--mqtt-version: needs 3.1.1 or 5, got "3"'],
    [[...fleet(), '--command-rate', '1e9'], '--command-rate: needs a number from 0 to 100,000'],
    [[...fleet(), '--command-rate', 'NaN'], '--command-rate'],
    [[...fleet(), '--command-timeout', '0'], '--command-timeout'],
    [[...fleet(), '--report', dir], `--report ${dir}: that is a folder`],
    [[...fleet(), '--run-id', 'a/b'], '--run-id: needs 1 to 64 letters, digits, - or _ (it becomes an MQTT topic level), got "a/b"'],
    [[...fleet(), '--run-id', '#'], '--run-id'],
    [[...fleet(), '--run-id', 'x'.repeat(65)], '--run-id'],
    [[...fleet(), '--barrier-timeout', '1e6'], '--barrier-timeout: needs a number from 0 to 86,400, got "1e6"'],
    [[...fleet(), '--barrier-timeout', '-1'], '--barrier-timeout'],
    [[...fleet(), '--barrier-timeout', 'soon'], '--barrier-timeout'],
    [without('--broker'), '--broker'],
    [[...fleet(), 'extra'], 'extra'],
  ])('%j → %s', async (argv, message) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toContain(message);
  });
});

describe('twinbench fleet and merge on Mosquitto', () => {
  it('runs two shards, writes their reports, and merges them into one that adds up', async () => {
    const broker = await startMosquitto();
    try {
      const shard = (k: number): string[] => ['fleet', '--vehicles', '4', '--homes', '4', '--broker', broker.url, '--duration', '1', '--command-rate', '10', '--shard', `${k}/2`, '--report', path.join(dir, `s${k}.json`)];
      const [a, b] = await Promise.all([cli(...shard(1)), cli(...shard(2))]);
      expect(a!.code, a!.err).toBe(0);
      expect(b!.code, b!.err).toBe(0);
      expect(a!.out).toContain('clients 4/4 connected');
      const merged = await cli('merge', path.join(dir, 's1.json'), path.join(dir, 's2.json'), '--report', path.join(dir, 'all.json'));
      expect(merged.code, merged.err).toBe(0);
      const [ra, rb, all] = ['s1', 's2', 'all'].map((n) => JSON.parse(readFileSync(path.join(dir, `${n}.json`), 'utf8')));
      expect(all.format).toBe('twinbench-fleet/v1');
      expect(all.clients.total).toBe(8);
      expect(all.commands.attempted).toBe(ra.commands.attempted + rb.commands.attempted);
      expect(all.failures.timeout).toBe(ra.failures.timeout + rb.failures.timeout);
      expect(all.latency.samples).toBe(ra.latency.samples + rb.latency.samples);
      expect(all.shards).toEqual([{ index: 1, total: 2 }, { index: 2, total: 2 }]);

      // The same shard twice, another plan, another kind of report, not JSON: refused by name.
      const twice = await cli('merge', path.join(dir, 's1.json'), path.join(dir, 's1.json'), '--report', path.join(dir, 'x.json'));
      expect(twice).toMatchObject({ code: 1 });
      expect(twice.err).toContain('shard 1/2 is in both');
      writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ ...ra, plan: { ...ra.plan, vehicles: 5 }, shards: [{ index: 2, total: 2 }] }));
      const other = await cli('merge', path.join(dir, 's1.json'), path.join(dir, 'other.json'), '--report', path.join(dir, 'x.json'));
      expect(other.err).toContain('other.json: its plan (5 cars');
      writeFileSync(path.join(dir, 'suite.json'), JSON.stringify({ format: 'twinbench-suite/v1', planned: 0, shards: [], runs: [] }));
      const mixed = await cli('merge', path.join(dir, 's1.json'), path.join(dir, 'suite.json'), '--report', path.join(dir, 'x.json'));
      expect(mixed.err).toContain('is a fleet report but');
      writeFileSync(path.join(dir, 'bad.json'), '{"format":"twinbench-fleet/v1", "clients": 3}');
      const bad = await cli('merge', path.join(dir, 'bad.json'), '--report', path.join(dir, 'x.json'));
      expect(bad.err).toContain('bad.json: not a fleet report');
      writeFileSync(path.join(dir, 'text.json'), 'hello');
      const text = await cli('merge', path.join(dir, 'text.json'), '--report', path.join(dir, 'x.json'));
      expect(text.err).toContain('text.json: not JSON');
      expect(text.err).not.toContain('    at ');
    } finally {
      await broker.stop();
    }
  });

  it('says clearly that no client could connect, and still writes the report (exit 1)', async () => {
    const port = await freePort();
    const report = path.join(dir, 'down.json');
    const { code, err } = await cli('fleet', '--vehicles', '2', '--homes', '2', '--broker', `mqtt://127.0.0.1:${port}`, '--duration', '0.2', '--report', report);
    expect(code).toBe(1);
    expect(err).toContain(`no client could connect to mqtt://127.0.0.1:${port} (unreachable`);
    expect(err).not.toContain('    at ');
    expect(JSON.parse(readFileSync(report, 'utf8')).clients).toMatchObject({ total: 4, everConnected: 0 });
  });
});
