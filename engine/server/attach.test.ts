// Issue 18: a page that reloads re-attaches to the session the engine kept — its state, snapshot, messages and
// verdicts — instead of showing EMPTY; a Load that fails names the file by its handle (file:line:column) and leaves
// the session that was loaded, live or replayed, as it was; a seed that is not a whole number is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachedSession, Verdict } from '../../protocol';
import { EngineHost } from './engine-host';
import { forRenderer } from './location-view';

let dir: string;
let engine: EngineHost;
const verdicts: Verdict[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-attach-'));
  engine = new EngineHost({ recordingFile: path.join(dir, 'runs.db'), batchMs: 5 });
  verdicts.length = 0;
  engine.listen('verdict', (v) => verdicts.push(v));
});
afterEach(() => {
  engine.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const attach = (): Promise<AttachedSession> => engine.invoke('attach', undefined);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 4000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error('timed out');
}

describe('attach', () => {
  it('answers an empty session before anything is loaded', async () => {
    expect(await attach()).toEqual({ session: null, status: { state: 'empty', speed: 1, t: 0, endTime: 0 }, snapshot: null, messages: { envelopes: [], total: 0, reset: true }, verdicts: [] });
  });

  it('gives a reloaded page the live run as it stands: state, snapshot, every message, every verdict', async () => {
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', handsOn: false });
    await engine.invoke('play', { speed: 'max' });
    await until(() => verdicts.some((v) => v.kind === 'final'));
    const a = await attach();
    expect(a.session?.scenario).toBe('doorbell');
    expect(a.status.state).toBe('finished');
    expect(a.snapshot?.t).toBe(a.status.t);
    expect(a.messages.reset).toBe(true);
    expect(a.messages.envelopes.length).toBe(a.messages.total);
    expect(a.messages.total).toBeGreaterThan(10);
    expect(a.verdicts).toEqual(verdicts); // the same verdicts, in the order they were published
    expect(a.verdicts.at(-1)?.kind).toBe('final');
  });

  it('masks the message locations it gives back, as it does the live batches', async () => {
    await engine.invoke('loadScenario', { file: 'scenarios/commute.yaml', architecture: 'cloud-cloud', handsOn: false });
    await engine.invoke('play', { speed: 'max' });
    await until(() => verdicts.some((v) => v.kind === 'final'));
    const coarse = (await attach()).messages;
    await engine.invoke('setPreciseLocations', { precise: true });
    const precise = (await attach()).messages;
    expect(JSON.stringify(coarse)).not.toBe(JSON.stringify(precise)); // the run's messages do carry locations
    expect(coarse).toEqual(forRenderer(precise, false)); // and the reloaded page gets them coarsened
  });

  it('gives a reloaded page an open replay with its final verdict and the messages so far', async () => {
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', handsOn: false });
    await engine.invoke('play', { speed: 'max' });
    await until(() => verdicts.some((v) => v.kind === 'final'));
    const runId = engine.recordings.list().runs[0]!.id;
    await engine.invoke('openRun', { runId });
    await engine.invoke('seek', { t: 60_000 });
    const a = await attach();
    expect(a.session?.replay?.runId).toBe(runId);
    expect(a.status).toMatchObject({ state: 'paused', t: 60_000, replayOf: runId });
    expect(a.verdicts.map((v) => v.kind)).toEqual(['final']);
    expect(a.messages.envelopes.length).toBeGreaterThan(0);
    expect(a.messages.envelopes.every((m) => m.createdAt <= 60_000)).toBe(true);
  });
});

describe('a Load that fails', () => {
  it('names the file by its handle, with line and column, and keeps the loaded session', async () => {
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud' });
    const load = engine.invoke('loadScenario', { file: 'scenarios/charging-peak-shaving.yaml', architecture: 'cloud-cloud', set: { homes: '-5' } });
    await expect(load).rejects.toThrow(/^scenarios\/charging-peak-shaving\.yaml:\d+:\d+: --set homes=-5: parameter "homes" must be at least 1/);
    await expect(load).rejects.not.toThrow(dir);
    await expect(load).rejects.not.toThrow(/\/scenarios\/charging/); // no absolute path
    const a = await attach();
    expect(a.session?.scenario).toBe('doorbell');
    expect(a.status.state).toBe('ready');
  });

  it('leaves an open replay open', async () => {
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', handsOn: false });
    await engine.invoke('play', { speed: 'max' });
    await until(() => verdicts.some((v) => v.kind === 'final'));
    const runId = engine.recordings.list().runs[0]!.id;
    await engine.invoke('openRun', { runId });
    await expect(engine.invoke('loadScenario', { file: 'scenarios/charging-peak-shaving.yaml', architecture: 'cloud-cloud', set: { homes: '-5' } })).rejects.toThrow(/homes/);
    expect((await attach()).session?.replay?.runId).toBe(runId);
  });

  it('refuses a seed that is not a whole number of 0 or more, naming the field', async () => {
    for (const seed of ['abc', -1, 1.5, 'NaN', null]) {
      await expect(engine.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', seed } as never)).rejects.toThrow(/^loadScenario: seed: /);
    }
    expect((await attach()).session).toBeNull();
  });
});
