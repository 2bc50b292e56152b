// The shards' start barrier on a real Mosquitto: shards started apart all begin once the last one is connected;
// a shard that never comes makes the wait end at its timeout, reported; stray or malformed announcements on the
// barrier topic do not count as shards. And shards as separate `twinbench fleet` processes started seconds apart
// answer every command — without the barrier, the first shard's commands to the late shard were lost.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, mosquittoPublish, startMosquitto } from '../connectors/test-support/mosquitto';
import type { FleetOptions } from './fleet-plan';
import { FLEET_TOPIC_ROOT } from './fleet-topics';
import { StartBarrier, fleetRunId } from './start-barrier';

afterAll(killAll);

const plan = (broker: string, index: number, total: number): FleetOptions => ({
  vehicles: 2, homes: 2, brokers: [broker], durationS: 1, commandRate: 1, shard: { index, total }, mqttVersion: 5, seed: 1,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fleetRunId', () => {
  it('is the same in every shard of one plan and differs for another plan', () => {
    const a = plan('mqtt://a', 1, 2);
    expect(fleetRunId(a)).toBe(fleetRunId({ ...plan('mqtt://b', 2, 2) }));
    expect(fleetRunId(a)).not.toBe(fleetRunId({ ...a, seed: 2 }));
    expect(fleetRunId(a)).not.toBe(fleetRunId({ ...a, shard: { index: 1, total: 3 } }));
    expect(fleetRunId(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the start barrier', () => {
  it('lets every shard go once the last has announced itself', async () => {
    const broker = await startMosquitto();
    try {
      const first = new StartBarrier(plan(broker.url, 1, 2), 'r1', FLEET_TOPIC_ROOT);
      const waiting = first.wait(20_000);
      await sleep(1500);
      const second = new StartBarrier(plan(broker.url, 2, 2), 'r1', FLEET_TOPIC_ROOT);
      const [a, b] = await Promise.all([waiting, second.wait(20_000)]);
      expect(a).toMatchObject({ ready: 2, total: 2, timedOut: false });
      expect(b).toMatchObject({ ready: 2, total: 2, timedOut: false });
      expect(a.waitedMs).toBeGreaterThanOrEqual(1400);
      await Promise.all([first.close(), second.close()]);
    } finally {
      await broker.stop();
    }
  });

  it('ends the wait at the timeout when a shard never comes, and ignores what is not a shard of this run', async () => {
    const broker = await startMosquitto();
    try {
      const only = new StartBarrier(plan(broker.url, 1, 3), 'r2', FLEET_TOPIC_ROOT);
      await sleep(500);
      const topic = (k: string) => `${FLEET_TOPIC_ROOT}/barrier/r2/${k}`;
      mosquittoPublish(broker.port, topic('9'), JSON.stringify({ shard: 9, of: 3 }));
      mosquittoPublish(broker.port, topic('2'), 'not json');
      mosquittoPublish(broker.port, topic('2'), JSON.stringify({ shard: 2, of: 4 }));
      mosquittoPublish(broker.port, topic('3'), JSON.stringify({ shard: 2, of: 3 }));
      mosquittoPublish(broker.port, `${FLEET_TOPIC_ROOT}/barrier/other-run/2`, JSON.stringify({ shard: 2, of: 3 }));
      const outcome = await only.wait(1500);
      expect(outcome).toMatchObject({ ready: 1, total: 3, timedOut: true });
      mosquittoPublish(broker.port, topic('2'), JSON.stringify({ shard: 2, of: 3 }));
      expect(await only.wait(5000)).toMatchObject({ ready: 2, timedOut: true });
      await only.close();
    } finally {
      await broker.stop();
    }
  });
});

describe('shards as separate processes', () => {
  it('started 3 s apart, they start traffic together and every command is answered', async () => {
    const broker = await startMosquitto();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-barrier-'));
    const bin = path.resolve(__dirname, '../../bin/twinbench.mjs');
    const shard = (k: number) => new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'fleet', '--vehicles', '6', '--homes', '6', '--broker', broker.url, '--duration', '1.5',
        '--command-rate', '20', '--shard', `${k}/2`, '--report', path.join(dir, `s${k}.json`)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => resolve({ code, err }));
    });
    try {
      const first = shard(1);
      await sleep(3000);
      const results = await Promise.all([first, shard(2)]);
      for (const [i, r] of results.entries()) {
        expect(r.code, r.err).toBe(0);
        const report = JSON.parse(readFileSync(path.join(dir, `s${i + 1}.json`), 'utf8'));
        expect(report.start).toMatchObject({ shardsReady: 2, shardsTotal: 2, timedOut: false });
        expect(report.commands.attempted).toBeGreaterThan(10);
        expect(report.commands.answered, JSON.stringify(report.failures)).toBe(report.commands.attempted);
        expect(report.commands.crossShard).toBe(report.commands.attempted);
      }
      expect(results[0]!.err).toMatch(/waiting for the other shards[\s\S]*all 2 shards ready after/);
    } finally {
      await broker.stop();
    }
  }, 60_000);
});
