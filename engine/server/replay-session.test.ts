// Runs played in the app are recorded, and a recorded run replays through the same events the live views use:
// scrubbing back and forth shows the door locked before the unlock and unlocked after it, the car where the live
// run had it, and two runs of one scene diff as equivalent while another seed does not.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvents, EventName, Snapshot } from '../../protocol';
import { EngineHost } from './engine-host';

let dir: string;
let engine: EngineHost;
let events: { event: EventName; payload: unknown }[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-replay-'));
  engine = new EngineHost({ recordingFile: path.join(dir, 'runs.db') });
  events = [];
  for (const name of ['snapshot', 'messages', 'verdict', 'runState', 'recordings'] as const) {
    engine.listen(name, (payload) => events.push({ event: name, payload }));
  }
});
afterEach(() => {
  engine.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor<E extends EventName>(event: E, match: (p: EngineEvents[E]) => boolean): Promise<EngineEvents[E]> {
  for (let i = 0; i < 2000; i++) {
    const found = events.find((e) => e.event === event && match(e.payload as EngineEvents[E]));
    if (found) return found.payload as EngineEvents[E];
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${event} event matched`);
}

/** Runs the doorbell scene to its verdict in the live session and returns the final snapshot. */
async function runDoorbell(seed?: number): Promise<Snapshot> {
  events = [];
  await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', handsOn: false, ...(seed !== undefined ? { seed } : {}) });
  await engine.invoke('play', { speed: 'max' });
  await waitFor('verdict', (v) => v.kind === 'final');
  return (await engine.invoke('getSnapshot', undefined))!;
}

const lockOf = (s: Snapshot | null): string | null | undefined => s?.homes.find((h) => h.id === 'h1')?.lock;

describe('recordings in the app', () => {
  it('records every live run with its verdict, and an abandoned one as interrupted', async () => {
    await runDoorbell();
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'direct', handsOn: false });
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'direct', handsOn: false });
    const { runs } = await engine.invoke('listRuns', undefined);
    expect(runs.map((r) => [r.id, r.status, r.architecture])).toEqual([[3, 'running', 'direct'], [2, 'interrupted', 'direct'], [1, 'passed', 'cloud-cloud']]);
    expect(runs[2]!.messages).toBeGreaterThan(0);
    expect(runs[2]!.events).toBeGreaterThan(runs[2]!.messages);
    expect(events.some((e) => e.event === 'recordings')).toBe(true);
  });

  it('replays a run: the scrubber moves the screens, the lock and the cars, forwards and back', async () => {
    const live = await runDoorbell();
    events = [];
    const info = await engine.invoke('openRun', { runId: 1 });
    expect(info.replay).toMatchObject({ runId: 1, status: 'passed', positions: 'rebuilt-world' });
    expect(info.endTime).toBe(120_000);
    const final = await waitFor('verdict', (v) => v.kind === 'final');
    if (final.kind !== 'final') throw new Error('unreachable');
    expect(final.result.passed).toBe(true);
    expect(final.result.expectations.map((e) => e.id)).toContain('unlocked-after-confirm');

    await engine.invoke('seek', { t: 12_000 });
    let snap = await engine.invoke('getSnapshot', undefined);
    expect(lockOf(snap)).toBe('locked');
    expect(snap!.screens.find((s) => s.address === 'vehicle/car1/screen')?.prompt?.question).toMatch(/Unlock/);
    expect(snap!.firedSteps.map((s) => s.id)).toEqual(['ring']);

    const status = await engine.invoke('seek', { t: 120_000 });
    expect(status).toMatchObject({ state: 'finished', t: 120_000, replayOf: 1 });
    snap = await engine.invoke('getSnapshot', undefined);
    expect(lockOf(snap)).toBe('unlocked');
    expect(snap!.vehicles).toEqual(live.vehicles);
    expect(snap!.messageCount).toBe(live.messageCount);

    await engine.invoke('seek', { t: 5_000 });
    snap = await engine.invoke('getSnapshot', undefined);
    expect(lockOf(snap)).toBe('locked');
    expect(snap!.firedSteps).toEqual([]);
    expect(snap!.messageCount).toBe(0);
    expect((await engine.invoke('getTwin', { address: 'home/h1/lock.front_door' })).state).toBe('locked');
    await expect(engine.invoke('sendTwinEvent', { twin: 'home/h1/lock.front_door', event: { type: 'LOCK.UNLOCK' } })).rejects.toThrow(/recorded run/);

    events = [];
    await engine.invoke('play', { speed: 'max' });
    await waitFor('runState', (s) => s.state === 'finished' && s.replayOf === 1 && s.t === 120_000);
    expect(lockOf(await engine.invoke('getSnapshot', undefined))).toBe('unlocked');
  });

  it('diffs two runs of one scene as equivalent and a run with another seed as different', async () => {
    await runDoorbell();
    await runDoorbell();
    await runDoorbell(7);
    const same = await engine.invoke('diffRuns', { a: 1, b: 2 });
    expect(same.equivalent).toBe(true);
    expect(same.report).toMatch(/^Equivalent/m);
    const other = await engine.invoke('diffRuns', { a: 1, b: 3 });
    expect(other.equivalent).toBe(false);
    expect(other.report).toMatch(/Not equivalent: \d+ difference/);
    const tolerant = await engine.invoke('diffRuns', { a: 1, b: 3, toleranceMs: 5 });
    expect(tolerant).toMatchObject({ toleranceMs: 5, warnings: [] });
    expect(tolerant.report).toContain('latency tolerance 5 ms');
  });

  it('refuses a diff tolerance that is negative or not a number', async () => {
    await expect(engine.invoke('diffRuns', { a: 1, b: 2, toleranceMs: -1 })).rejects.toThrow(/toleranceMs/);
    await expect(engine.invoke('diffRuns', { a: 1, b: 2, toleranceMs: 'lots' as unknown as number })).rejects.toThrow(/toleranceMs/);
  });

  it('says why a run cannot be scrubbed or opened', async () => {
    await expect(engine.invoke('seek', { t: 0 })).rejects.toThrow(/only a recorded run can be scrubbed/);
    await expect(engine.invoke('openRun', { runId: 9 })).rejects.toThrow(/no such recording file|run 9 not found/);
  });
});
