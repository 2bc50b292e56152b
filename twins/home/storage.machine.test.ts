import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { storageMachine, usedBytes, type StorageEmitted } from './storage.machine';

function start() {
  const actor = createActor(storageMachine, { clock: new SimulatedClock(), input: { entityId: 'storage.home_nas', capacityBytes: 1000 } });
  const emitted: StorageEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

const clip = (clipId: string, sizeBytes: number) => ({ clipId, source: 'ev-1', sizeBytes });

describe('NAS storage', () => {
  it('stores clips, lists them and counts used bytes', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 10, clip: clip('ev-1/sentry-0001', 600) });
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 20, clip: clip('ev-1/sentry-0002', 300) });
    const { context } = actor.getSnapshot();
    expect(context.clips.map((c) => [c.clipId, c.storedAt])).toEqual([['ev-1/sentry-0001', 10], ['ev-1/sentry-0002', 20]]);
    expect(usedBytes(context)).toBe(900);
    expect(emitted.at(-1)).toEqual({ type: 'storage.clip_saved', entityId: 'storage.home_nas', clipId: 'ev-1/sentry-0002', at: 20, usedBytes: 900 });
  });

  it('acknowledges a retransmitted clip without storing it twice', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 10, clip: clip('c1', 600) });
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 11, clip: clip('c1', 600) });
    expect(actor.getSnapshot().context.clips).toHaveLength(1);
    expect(emitted.map((e) => e.type)).toEqual(['storage.clip_saved', 'storage.clip_saved']);
  });

  it('refuses a clip that does not fit, and any write while offline', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 1, clip: clip('big', 1001) });
    actor.send({ type: 'STORAGE.WENT_OFFLINE' });
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 2, clip: clip('small', 1) });
    expect(actor.getSnapshot().context.clips).toEqual([]);
    expect(emitted.map((e) => (e.type === 'storage.write_failed' ? e.reason : e.type))).toEqual(['insufficient space', 'storage offline']);
    actor.send({ type: 'STORAGE.CAME_ONLINE' });
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 3, clip: clip('small', 1) });
    expect(actor.getSnapshot().context.clips).toHaveLength(1);
  });

  it('frees space when a clip is deleted', () => {
    const { actor } = start();
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 1, clip: clip('a', 700) });
    actor.send({ type: 'STORAGE.DELETE_CLIP', clipId: 'a' });
    actor.send({ type: 'STORAGE.SAVE_CLIP', at: 2, clip: clip('b', 700) });
    expect(actor.getSnapshot().context.clips.map((c) => c.clipId)).toEqual(['b']);
  });
});
