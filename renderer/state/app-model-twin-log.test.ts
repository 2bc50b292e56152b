// The model's side of the pushed twin log: it asks the engine to watch the twin, shows the backlog, then every
// pushed batch of that twin (none of another's), and a twin the session lacks leaves the log empty, not a banner.
import { describe, expect, it } from 'vitest';
import type { CommandName, EngineEvents, EventName, Transport, TwinTransitions } from '../../protocol';
import { createEngineClient } from '../transport/engine-client';
import { AppModel } from './app-model';

class PushingEngine implements Transport {
  readonly watched: unknown[] = [];
  private readonly listeners = new Map<EventName, ((p: unknown) => void)[]>();
  constructor(private readonly backlog: (address: string) => TwinTransitions) {}
  async invoke(command: CommandName, request: unknown): Promise<never> {
    if (command !== 'watchTwin') throw new Error(`${command} is not supported here`);
    this.watched.push(request);
    return this.backlog((request as { address: string }).address) as never;
  }
  listen<E extends EventName>(event: E, listener: (p: EngineEvents[E]) => void): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (p: unknown) => void]);
    return () => undefined;
  }
  push<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}

const tr = (seq: number, from: string, to: string) => ({ seq, t: 0, from, to });

describe('AppModel twin log', () => {
  it('shows the backlog, then each pushed change of the watched twin, in order', async () => {
    const engine = new PushingEngine((address) => ({ address, transitions: [tr(1, 'idle', 'ringing')], reset: true, dropped: 0 }));
    const model = new AppModel(createEngineClient(engine));
    await model.watchTwin('home/h1/lock');
    expect(engine.watched).toEqual([{ address: 'home/h1/lock' }]);
    engine.push('twinTransitions', { address: 'home/h1/lock', transitions: [tr(4, 'ringing', 'answered'), tr(5, 'answered', 'idle')], reset: false, dropped: 0 });
    engine.push('twinTransitions', { address: 'home/h1/tv', transitions: [tr(6, 'off', 'on')], reset: false, dropped: 0 });
    expect(model.twinTransitions.list().map((x) => x.to)).toEqual(['ringing', 'answered', 'idle']);
  });

  it('leaves the log empty for a twin the session lacks, and clears it when no twin is watched', async () => {
    const engine = new PushingEngine((address) => {
      throw new Error(`no twin at ${address}`);
    });
    const model = new AppModel(createEngineClient(engine));
    await model.watchTwin('home/h9/lock');
    expect(model.twinTransitions.list()).toEqual([]);
    expect(model.store.get().error).toBeNull();
    await model.watchTwin(null);
    expect(model.twinTransitions.address).toBeNull();
  });
});
