// Semantic diff: identical runs (even with other ids) are equivalent; each kind of regression is found, named
// and counted; latency shifts count only beyond the tolerance; unrelated flows may interleave differently.
import { describe, expect, it } from 'vitest';
import { diffRuns, formatDiffReport } from './diff';
import { beyondTolerance } from './diff-messages';
import type { DiffResult } from './diff-types';
import { Recorder, type RunMeta } from './recorder';
import { doorbellRun, type DoorbellVariant } from './test-support/doorbell-run';
import { recordRun, tempDirPerTest, type TempDir } from './test-support/recording-fixtures';
import { cloudHops, RunBuilder, type SyntheticRun } from './test-support/synthetic-run';
import type { ExpectationResult } from './run-recorder';

let dir: TempDir;
let file: string;
tempDirPerTest((d) => {
  dir = d;
  file = d.file('runs.db');
});

const PASSED: ExpectationResult[] = [
  { id: 'doorbell-shown-on-car-screen', passed: true },
  { id: 'unlock-only-after-confirmation', passed: true },
];

function record(run: SyntheticRun, expectations = PASSED, into = file, meta: Partial<RunMeta> = {}): number {
  const recorder = Recorder.open(into);
  const id = recordRun(recorder, run, { expectations, meta });
  recorder.close();
  return id;
}

function diffDoorbell(b: DoorbellVariant, options: { toleranceMs?: number; expectationsB?: ExpectationResult[] } = {}): DiffResult {
  const a = record(doorbellRun());
  const other = record(doorbellRun({ idPrefix: 'zz', ...b }), options.expectationsB);
  return diffRuns({ file, run: a }, { file, run: other }, options);
}

/** Kinds with a non-zero count, for compact assertions. */
function kinds(result: DiffResult): Record<string, number> {
  return Object.fromEntries(Object.entries(result.counts).filter(([, n]) => n > 0));
}

describe('diffRuns', () => {
  it('finds two runs that differ only in message, trace and span ids equivalent', () => {
    const result = diffDoorbell({});
    expect(result.equivalent).toBe(true);
    expect(result.total).toBe(0);
    expect(formatDiffReport(result)).toMatch(/Equivalent: same messages/);
  });

  it('detects a changed payload and says where in the payload', () => {
    const result = diffDoorbell({ targetTemperature: 25 });
    expect(result.equivalent).toBe(false);
    expect(kinds(result)).toEqual({ 'message-payload': 1 });
    expect(result.differences[0]).toMatchObject({
      kind: 'message-payload',
      subject: 'vehicle/car1 > home/h1/climate.living_room home/h1/climate/set (command)',
      detail: 'payload differs: target_temperature: 22 in A, 25 in B',
    });
  });

  it('detects a missing message without blaming the messages after it', () => {
    const result = diffDoorbell({ dropNotification: true });
    expect(kinds(result)).toEqual({ 'message-removed': 1 });
    expect(result.differences[0]!.subject).toContain('home/h1/doorbell/ring');
  });

  it('detects messages to one device arriving in the other order', () => {
    const result = diffDoorbell({ unlockBeforeQuery: true });
    expect(kinds(result)).toEqual({ 'message-order': 1 });
    expect(result.differences[0]!.detail).toMatch(/completes (after|before) home\/h1\/lock\/(get|unlock)/);
  });

  it('does not count independent flows interleaving differently as a difference', () => {
    const interleaved = (kitchenFirst: boolean, prefix: string): SyntheticRun => {
      const b = new RunBuilder(1, prefix);
      const kitchen = { source: 'vehicle/car1', destination: 'home/h1/light.kitchen', topic: 'home/h1/light/set', payload: { state: 'on' }, hops: cloudHops('vehicle/car1', 'home/h1/light.kitchen') };
      const hall = { ...kitchen, destination: 'home/h1/light.hall', hops: cloudHops('vehicle/car1', 'home/h1/light.hall') };
      const [x, y] = kitchenFirst ? [kitchen, hall] : [hall, kitchen];
      b.at(100).message(x).at(101).message(y);
      return b.build();
    };
    const a = record(interleaved(true, 'a'));
    const b = record(interleaved(false, 'b'));
    expect(diffRuns({ file, run: a }, { file, run: b }).equivalent).toBe(true);
  });

  it('detects a twin going through different states', () => {
    const result = diffDoorbell({ lockEndState: 'jammed' });
    expect(kinds(result)).toEqual({ 'twin-states': 1 });
    expect(result.differences[0]).toMatchObject({ subject: 'home/h1/lock.front_door', detail: expect.stringMatching(/state change 2 differs: 'unlocked' in A, 'jammed' in B/) });
  });

  it('detects an expectation that now fails', () => {
    const result = diffDoorbell({}, { expectationsB: [PASSED[0]!, { id: 'unlock-only-after-confirmation', passed: false, detail: 'unlocked before the prompt was answered' }] });
    expect(kinds(result)).toEqual({ expectation: 1 });
    expect(result.differences[0]!.detail).toBe('expectation unlock-only-after-confirmation: passed in A, failed (unlocked before the prompt was answered) in B');
  });

  it('reports latency shifts above the tolerance, per hop and end to end, and ignores those within it', () => {
    const shifted = { unlockLatency: [40, 25, 35] as [number, number, number] };
    const strict = diffDoorbell(shifted, { toleranceMs: 10 });
    expect(kinds(strict)).toEqual({ 'latency-hop': 1, 'latency-e2e': 1 });
    expect(strict.differences.map((d) => d.detail)).toEqual([
      'hop 3 cloud/home > home/h1/lock.front_door (home-broadband): 15 ms in A, 35 ms in B (+20 ms, tolerance 10 ms)',
      'end-to-end 80 ms in A, 100 ms in B (+20 ms, tolerance 10 ms)',
    ]);
    expect(diffDoorbell(shifted, { toleranceMs: 20 }).equivalent).toBe(true);
  });

  it('ignores floating-point noise below a microsecond, and a one-microsecond shift counts only beyond the tolerance', () => {
    expect(diffDoorbell({ unlockLatency: [40, 25, 15 + 4e-15] }).equivalent).toBe(true);
    expect(diffDoorbell({ unlockLatency: [40.0000004, 25, 15] }).equivalent).toBe(true);
    const micro = diffDoorbell({ unlockLatency: [40.001, 25, 15] });
    expect(kinds(micro)).toEqual({ 'latency-hop': 1, 'latency-e2e': 1 });
    expect(micro.differences[0]!.detail).toContain('40 ms in A, 40.001 ms in B (+0.001 ms, tolerance 0 ms)');
    expect(diffDoorbell({ unlockLatency: [40.001, 25, 15] }, { toleranceMs: 0.001 }).equivalent).toBe(true);
    expect(beyondTolerance(2.703, 2.7029999999999994, 0)).toBe(false);
    expect(beyondTolerance(2.703, 2.704, 0)).toBe(true);
    expect(beyondTolerance(2.703, 2.704, 0.001)).toBe(false);
  });

  it('warns when the two runs are of different scenarios or architectures, before the differences', () => {
    const a = record(doorbellRun());
    const b = record(doorbellRun({ idPrefix: 'q' }), PASSED, file, { scenario: 'commute', architecture: 'local' });
    const result = diffRuns({ file, run: a }, { file, run: b });
    expect(result.warnings).toEqual([
      'A and B are runs of different scenarios (doorbell-across-screens and commute): the differences below compare two different scenes, not a regression',
      'A and B ran under different architectures (cloud-cloud and local): paths and latencies are expected to differ',
    ]);
    expect(formatDiffReport(result).split('\n')[2]).toMatch(/^Warning: A and B are runs of different scenarios/);
    expect(diffDoorbell({}).warnings).toEqual([]);
  });

  it('compares runs kept in two files', () => {
    const other = dir.file('other.db');
    const a = record(doorbellRun());
    const b = record(doorbellRun({ idPrefix: 'q', targetTemperature: 19 }), PASSED, other);
    const result = diffRuns({ file, run: a }, { file: other, run: b });
    expect(kinds(result)).toEqual({ 'message-payload': 1 });
    expect(result.b.label).toBe(`${other} run ${b}`);
  });

  it('caps the readable report and keeps exact counts', () => {
    const many = (prefix: string, shift: number): SyntheticRun => {
      const b = new RunBuilder(1, prefix);
      for (let i = 0; i < 30; i++) b.at(1000 + i * 100).message({ source: 'vehicle/car1', destination: 'home/h1/fan.bedroom', topic: 'home/h1/fan/set', payload: { percentage: i }, hops: cloudHops('vehicle/car1', 'home/h1/fan.bedroom', [40 + shift, 25, 15]) });
      return b.build();
    };
    const a = record(many('a', 0));
    const b = record(many('b', 5));
    const result = diffRuns({ file, run: a }, { file, run: b }, { maxDifferences: 25 });
    expect(result.total).toBe(60);
    expect(result.differences.length).toBe(25);
    expect(result.truncated).toBe(true);
    const report = formatDiffReport(result, { limit: 20 });
    expect(report).toContain('Not equivalent: 60 differences (30 latency-e2e, 30 latency-hop); latency tolerance 0 ms.');
    expect(report).toContain('First 20:');
    expect(report).toContain('… and 40 more.');
    expect(report.match(/^\s+\d+\. \[/gm)).toHaveLength(20);
  });
});
