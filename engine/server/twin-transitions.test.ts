// The state-chart view's log is pushed, not polled: every transition of a watched twin, in the stream's order,
// several within one batch included; a twin watched late gets its recent past; the log and the watch list are
// bounded. The live test compares what was pushed with the canonical stream itself.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TWIN_TRANSITIONS_KEPT, type TwinTransition, type Verdict } from '../../protocol';
import type { SimEvent } from '../../twins/kernel';
import { EngineHost } from './engine-host';
import { LiveSession } from './live-session';
import { PublishedEvents } from './test-support/recorder';
import { MAX_WATCHED, TwinTransitionLog } from './twin-transitions';

const TWIN = 'vehicle/car1/screen';
let seq = 0;
const change = (source: string, from: string, to: string, t = 0): SimEvent => ({ seq: ++seq, t, type: 'twin.state', source, data: { kind: 'x', state: to, from, changes: {} } });

describe('TwinTransitionLog', () => {
  it('pushes a watched twin\'s transitions in order, several at one virtual time, and nothing of others', () => {
    const log = new TwinTransitionLog();
    expect(log.watch('home/h1/lock')).toEqual({ address: 'home/h1/lock', transitions: [], reset: true, dropped: 0 });
    log.observe(change('home/h1/lock', 'locked', 'unlocking', 5));
    log.observe(change('home/h1/tv', 'off', 'on', 5));
    log.observe(change('home/h1/lock', 'unlocking', 'unlocked', 5));
    log.observe(change('home/h1/lock', 'unlocked', 'locked', 5));
    const [batch, ...rest] = log.flush();
    expect(rest).toEqual([]);
    expect(batch!.address).toBe('home/h1/lock');
    expect(batch!.reset).toBe(false);
    expect(batch!.transitions.map((x) => `${x.from}>${x.to}@${x.t}`)).toEqual(['locked>unlocking@5', 'unlocking>unlocked@5', 'unlocked>locked@5']);
    expect(isStrictlyIncreasing(batch!.transitions)).toBe(true);
    expect(log.flush()).toEqual([]); // each one is pushed once
  });

  it('ignores context-only changes and other events (no from: not a transition)', () => {
    const log = new TwinTransitionLog();
    log.watch('a');
    log.observe({ seq: ++seq, t: 0, type: 'twin.state', source: 'a', data: { kind: 'x', state: 'on', changes: { level: 3 } } });
    log.observe({ seq: ++seq, t: 0, type: 'lock.unlocked', source: 'a', data: { from: 'x' } });
    log.observe({ seq: ++seq, t: 0, type: 'twin.created', source: 'a', data: { kind: 'x', state: 'on', changes: {} } });
    expect(log.flush()).toEqual([]);
  });

  it('gives a twin watched late its newest kept transitions and says how many it no longer holds', () => {
    const log = new TwinTransitionLog(TWIN_TRANSITIONS_KEPT + 50);
    for (let i = 0; i < TWIN_TRANSITIONS_KEPT + 30; i++) log.observe(change('car', `s${i}`, `s${i + 1}`, i));
    for (let i = 0; i < 40; i++) log.observe(change('other', 'a', 'b', i));
    const backlog = log.watch('car');
    expect(backlog.reset).toBe(true);
    // The shared ring holds 250: the car's newest 210 of which the view's bound keeps 200.
    expect(backlog.transitions).toHaveLength(TWIN_TRANSITIONS_KEPT);
    expect(backlog.transitions.at(-1)).toMatchObject({ from: `s${TWIN_TRANSITIONS_KEPT + 29}`, to: `s${TWIN_TRANSITIONS_KEPT + 30}` });
    expect(backlog.dropped).toBe(30);
    expect(isStrictlyIncreasing(backlog.transitions)).toBe(true);
  });

  it('pushes at most the newest TWIN_TRANSITIONS_KEPT of one flush, counting the rest as dropped', () => {
    const log = new TwinTransitionLog();
    log.watch('car');
    for (let i = 0; i < TWIN_TRANSITIONS_KEPT + 7; i++) log.observe(change('car', `s${i}`, `s${i + 1}`));
    const [batch] = log.flush();
    expect(batch!.transitions).toHaveLength(TWIN_TRANSITIONS_KEPT);
    expect(batch!.transitions[0]!.from).toBe('s7');
    expect(batch!.dropped).toBe(7);
    log.observe(change('car', 'x', 'y'));
    expect(log.flush()[0]).toMatchObject({ dropped: 0, transitions: [{ from: 'x', to: 'y' }] });
  });

  it('watches the most recently asked-for twins only', () => {
    const log = new TwinTransitionLog();
    for (let i = 0; i <= MAX_WATCHED; i++) log.watch(`twin${i}`);
    expect(log.watching).toHaveLength(MAX_WATCHED);
    expect(log.watching).not.toContain('twin0');
    log.watch('twin1'); // asked again: the newest, so not the next to go
    expect(log.watching.at(-1)).toBe('twin1');
    log.unwatch('twin1');
    expect(log.watching).not.toContain('twin1');
  });
});

let session: LiveSession | undefined;
let host: EngineHost | undefined;
afterEach(() => {
  session?.dispose();
  host?.dispose();
  session = host = undefined;
});

describe('a live run pushes every transition of the watched twin', () => {
  it('matches the canonical stream transition for transition, across batches at max speed', async () => {
    const out = new PublishedEvents();
    session = new LiveSession(out.publish, { recordingFile: null, batchMs: 20 });
    session.load({ file: 'scenarios/doorbell.yaml', architecture: 'direct', handsOn: false });
    const watched = ['vehicle/car1/screen', 'home/h1/lock.front_door', 'home/h1/screen.central_panel'];
    const expected = new Map<string, TwinTransition[]>(watched.map((a) => [a, []]));
    session.run!.sim.kernel.events.onEvent((e) => {
      if (e.type === 'twin.state' && typeof e.data['from'] === 'string') expected.get(e.source)?.push({ seq: e.seq, t: e.t, from: e.data['from'], to: String(e.data['state']) });
    });
    for (const address of watched) expect(session.watchTwin(address).transitions).toEqual([]);
    session.play('max');
    await out.waitFor('verdict', (v: Verdict) => v.kind === 'final', 60_000);
    for (const address of watched) {
      const pushed = out.all('twinTransitions').filter((b) => b.address === address).flatMap((b) => b.transitions);
      expect(expected.get(address)!.length, address).toBeGreaterThan(0);
      expect(pushed, address).toEqual(expected.get(address));
    }
    // At max speed some batch carried several of one twin's transitions: what a 300 ms poll would have merged.
    expect(out.all('twinTransitions').some((b) => b.transitions.length > 1)).toBe(true);
  }, 90_000);

  it('refuses to watch a twin the world does not have, or a request that is not an address', async () => {
    host = new EngineHost({ recordingFile: null });
    await expect(host.invoke('watchTwin', { address: 'home/h1/lock.front_door' })).rejects.toThrow(/no scenario loaded/);
    await host.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'direct' });
    await expect(host.invoke('watchTwin', { address: 'home/h9/lock' })).rejects.toThrow(/^no twin at home\/h9\/lock/);
    await expect(host.invoke('watchTwin', { address: '' } as never)).rejects.toThrow(/watchTwin: address/);
    await expect(host.invoke('watchTwin', { address: 'x'.repeat(201) } as never)).rejects.toThrow(/watchTwin: address/);
    await expect(host.invoke('watchTwin', { address: 'home/h1/lock.front_door', extra: 1 } as never)).rejects.toThrow(/watchTwin/);
    await expect(host.invoke('watchTwin', null as never)).rejects.toThrow(/watchTwin/);
    expect((await host.invoke('watchTwin', { address: 'home/h1/lock.front_door' })).reset).toBe(true);
  });
});

function isStrictlyIncreasing(list: readonly TwinTransition[]): boolean {
  return list.every((x, i) => i === 0 || x.seq > list[i - 1]!.seq);
}

describe('a replay pushes the recorded transitions of the watched twin', () => {
  it('as the replay reaches them, and starts the log over when the replay goes back to the start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-transitions-'));
    try {
      const out = new PublishedEvents();
      host = new EngineHost({ recordingFile: path.join(dir, 'runs.db') });
      for (const name of ['verdict', 'twinTransitions', 'runState'] as const) host.listen(name, (p) => out.publish(name, p));
      await host.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'direct', handsOn: false });
      const live = (await host.invoke('watchTwin', { address: TWIN })).transitions;
      await host.invoke('play', { speed: 'max' });
      await out.waitFor('verdict', (v) => v.kind === 'final', 60_000);
      const expected = [...live, ...out.all('twinTransitions').filter((b) => b.address === TWIN).flatMap((b) => b.transitions)];
      expect(expected.length).toBeGreaterThan(1);

      const runId = (await host.invoke('listRuns', undefined)).runs[0]!.id;
      await host.invoke('openRun', { runId });
      out.events.length = 0;
      const backlog = await host.invoke('watchTwin', { address: TWIN });
      expect(backlog).toMatchObject({ reset: true, transitions: [] }); // nothing replayed yet at t = 0
      await host.invoke('play', { speed: 'max' });
      await out.waitFor('runState', (s) => s.state === 'finished', 60_000);
      const replayed = out.all('twinTransitions').filter((b) => b.address === TWIN).flatMap((b) => b.transitions);
      expect(replayed).toEqual(expected); // the same changes, seq for seq, as the live run pushed

      out.events.length = 0;
      await host.invoke('seek', { t: 0 }); // back in time: the page's log starts over
      expect(out.all('twinTransitions').filter((b) => b.address === TWIN)[0]).toMatchObject({ reset: true, transitions: [] });
      await expect(host.invoke('watchTwin', { address: 'home/h9/lock' })).rejects.toThrow(/no twin at home\/h9\/lock in this recording/);
    } finally {
      host?.dispose();
      host = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
