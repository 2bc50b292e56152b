import { describe, expect, it } from 'vitest';
import { FleetMergeError, mergeFleetReports, parseFleetReport } from './fleet-merge';
import { connectSection, FLEET_REPORT_FORMAT, latencySection, type FleetReport } from './fleet-report';
import { LatencyHistogram } from './latency-histogram';

function shard(index: number, total: number, latencies: number[], over: Partial<FleetReport['commands']> = {}): FleetReport {
  const h = new LatencyHistogram();
  for (const ms of latencies) h.record(ms);
  return {
    format: FLEET_REPORT_FORMAT,
    plan: { vehicles: 4, homes: 4, durationS: 1, commandRate: 2, mqttVersion: '5', seed: 1 },
    shards: [{ index, total }],
    brokers: [`mqtt://n${index}`],
    interrupted: false,
    clients: { total: 4, connected: 4, everConnected: 4, connectMs: connectSection(new LatencyHistogram()), connectFailures: { refused: 1 } },
    commands: { attempted: latencies.length + 1, sent: latencies.length + 1, answered: latencies.length, crossShard: latencies.length, handled: 0, malformed: 0, ...over },
    latency: latencySection(h),
    failureRate: 1 / (latencies.length + 1),
    failures: { timeout: 1, 'not-connected': 0, 'publish-error': 0, refused: 0 },
    telemetry: { published: 10 },
  };
}

describe('mergeFleetReports', () => {
  it('adds counts, pools latencies, and recomputes the failure rate', () => {
    const { report, missing } = mergeFleetReports([
      { file: 'a.json', report: shard(1, 3, Array(99).fill(1)) },
      { file: 'b.json', report: shard(2, 3, [1000]) },
    ]);
    expect(missing).toEqual([3]);
    expect(report.clients).toMatchObject({ total: 8, connected: 8, connectFailures: { refused: 2 } });
    expect(report.commands.attempted).toBe(102);
    expect(report.failures.timeout).toBe(2);
    expect(report.failureRate).toBeCloseTo(2 / 102);
    expect(report.latency.samples).toBe(100);
    expect(report.latency.p50Ms).toBeLessThan(1.02);
    expect(report.latency.p99Ms).toBeLessThan(1.02); // the one slow sample is the 100th, beyond p99
    expect(report.brokers).toEqual(['mqtt://n1', 'mqtt://n2']);
  });

  it('refuses the same shard twice, another plan, and nothing at all', () => {
    expect(() => mergeFleetReports([{ file: 'a.json', report: shard(1, 2, [1]) }, { file: 'b.json', report: shard(1, 2, [1]) }])).toThrow('shard 1/2 is in both a.json and b.json');
    const other = shard(2, 2, [1]);
    other.plan = { ...other.plan, seed: 9 };
    expect(() => mergeFleetReports([{ file: 'a.json', report: shard(1, 2, [1]) }, { file: 'b.json', report: other }])).toThrow(/b\.json: its plan .*seed 9/);
    expect(() => mergeFleetReports([])).toThrow(FleetMergeError);
  });

  it('merges the start barrier: the fewest shards heard, the longest wait, and refuses two run ids', () => {
    const start = (runId: string, shardsReady: number, waitedMs: number, timedOut: boolean) => ({ runId, shardsReady, shardsTotal: 3, waitedMs, timedOut });
    const a = { ...shard(1, 3, [1]), start: start('r', 3, 100, false) };
    const b = { ...shard(2, 3, [1]), start: start('r', 2, 900, true) };
    expect(mergeFleetReports([{ file: 'a.json', report: a }, { file: 'b.json', report: b }]).report.start).toEqual(start('r', 2, 900, true));
    expect(mergeFleetReports([{ file: 'a.json', report: a }, { file: 'c.json', report: shard(3, 3, [1]) }]).report.start).toEqual(a.start);
    expect(mergeFleetReports([{ file: 'c.json', report: shard(3, 3, [1]) }]).report.start).toBeUndefined();
    const other = { ...shard(2, 3, [1]), start: start('q', 3, 1, false) };
    expect(() => mergeFleetReports([{ file: 'a.json', report: a }, { file: 'b.json', report: other }])).toThrow('b.json: started as run q, the others as r: not shards of one fleet run');
    expect(() => parseFleetReport('x.json', { ...a, start: { ...a.start, waitedMs: -1 } })).toThrow(/^x\.json: not a fleet report/);
  });

  it.each<[string, unknown]>([
    ['a suite report', { format: 'twinbench-suite/v1' }],
    ['negative counts', { ...shard(1, 1, [1]), commands: { ...shard(1, 1, [1]).commands, answered: -5 } }],
    ['a histogram that is not pairs', { ...shard(1, 1, [1]), latency: { histogram: [[1, 2, 3]] } }],
    ['null', null],
  ])('refuses %s by file name', (_, json) => {
    expect(() => parseFleetReport('x.json', json)).toThrow(/^x\.json: not a fleet report/);
  });
});
