// The batcher sends a message whole the first time and as updates after: a page that merges every batch must hold
// each message exactly as the bus has it at each flush, whatever was cut or completed in between.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol';
import type { Hop } from '../../twins/bus/envelope';
import type { MessageBus } from '../../twins/bus';
import type { EnvelopeListener } from '../../twins/bus/bus-types';
import { MAX_ENVELOPES_ON_ATTACH, MAX_ENVELOPES_PER_BATCH, MessageBatcher, envelopeAsOf, hopsAsOf } from './message-batcher';
import { messageStates } from './test-support/recorder';
import { SeededRandom } from '../../twins/kernel/random';

/** A bus that only tells listeners what the test does to its envelopes (mutated in place, as the real bus does). */
class FakeBus {
  private readonly listeners: EnvelopeListener[] = [];
  readonly asBus = this as unknown as MessageBus;
  onEnvelope(listener: EnvelopeListener): () => void {
    this.listeners.push(listener);
    return () => undefined;
  }
  send(id: number, hopCount: number): Envelope {
    const env: Envelope = {
      id: `m-${id}`, traceId: `t${id}`, spanId: 's', source: 'vehicle/car1', destination: 'home/h1/lock', topic: 'lock/unlock', kind: 'command',
      payload: { target: 'lock', blob: 'x'.repeat(400) }, architecture: 'cloud-cloud', createdAt: id, path: Array.from({ length: hopCount + 1 }, (_, i) => `n${i}`), hops: [], status: 'in-flight',
    };
    this.startHop(env);
    this.tell('sent', env);
    return env;
  }
  /** The hop under way arrives; the next one starts, or the message is delivered. */
  advance(env: Envelope): void {
    const hop = env.hops.at(-1)!;
    hop.status = 'delivered';
    hop.deliveredAt = env.createdAt + env.hops.length * 10;
    if (env.hops.length === env.path.length - 1) {
      env.status = 'delivered';
      env.completedAt = hop.deliveredAt;
      this.tell('delivered', env);
    } else {
      this.startHop(env);
      this.tell('hop', env);
    }
  }
  fail(env: Envelope): void {
    env.hops.at(-1)!.status = 'lost';
    env.status = 'failed';
    env.completedAt = env.createdAt + 999;
    env.error = 'lost on the cellular link';
    env.failure = 'lost';
    this.tell('failed', env);
  }
  private startHop(env: Envelope): void {
    const i = env.hops.length;
    const hop: Hop = { index: i, from: env.path[i]!, to: env.path[i + 1]!, link: 'internet', spanId: `h${i}`, parentSpanId: 's', sentAt: env.createdAt + i * 10, attempts: 1, status: 'in-flight', payload: { translated: 'y'.repeat(200), at: i } };
    env.hops.push(hop);
  }
  private tell(phase: 'sent' | 'hop' | 'delivered' | 'failed', env: Envelope): void {
    for (const l of this.listeners) l(phase, env, env.hops.at(-1));
  }
}

/** A seeded generator from the kernel, so a failure is reproducible. */
function random(seed: number): () => number {
  const stream = new SeededRandom(seed).stream('test');
  return () => stream.next();
}

describe('message batcher', () => {
  it('sends a message whole once, then only its outcome and the hops from the one under way', () => {
    const bus = new FakeBus();
    const batcher = new MessageBatcher(bus.asBus);
    const env = bus.send(1, 4);
    const first = batcher.flush()!;
    expect(first.envelopes.map((e) => e.id)).toEqual(['m-1']);
    expect(first.updates).toBeUndefined();
    bus.advance(env);
    bus.advance(env);
    const second = batcher.flush()!;
    expect(second.envelopes).toEqual([]);
    // Hop 0 was under way when sent: what changed in it goes out, then the two hops since whole; nothing before it.
    expect(second.updates).toMatchObject([{ id: 'm-1', status: 'in-flight', hopsFrom: 1, changedHop: { status: 'delivered', deliveredAt: 11 } }]);
    expect(Object.keys(second.updates![0]!.changedHop!).sort()).toEqual(['deliveredAt', 'status']);
    expect(second.updates![0]!.hops.map((h) => [h.index, h.status])).toEqual([[1, 'delivered'], [2, 'in-flight']]);
    bus.advance(env);
    bus.advance(env);
    const third = batcher.flush()!;
    expect(third.updates).toMatchObject([{ id: 'm-1', status: 'delivered', completedAt: 41, hopsFrom: 3, changedHop: { status: 'delivered' } }]);
    expect(messageStates([first, second, third]).at(-1)).toEqual(env);
    // The update is what changed, not the message again: far smaller than sending it whole.
    expect(JSON.stringify(third.updates).length).toBeLessThan(JSON.stringify(env).length / 2);
  });

  it('a merge that appended the update\'s hops instead of replacing from hopsFrom would hold a stale hop: the bases are exact', () => {
    const bus = new FakeBus();
    const batcher = new MessageBatcher(bus.asBus);
    const env = bus.send(1, 3);
    const first = batcher.flush()!;
    bus.advance(env);
    const second = batcher.flush()!;
    const update = second.updates![0]!;
    const appended = [...first.envelopes[0]!.hops, ...update.hops];
    expect(appended.map((h) => h.status)).toEqual(['in-flight', 'in-flight']); // wrong: hop 0 left under way
    expect(messageStates([first, second]).at(-1)!.hops.map((h) => h.status)).toEqual(['delivered', 'in-flight']);
    expect(messageStates([first, second]).at(-1)).toEqual(env);
  });

  it('sends a hop under way whole again when a field of it was removed (a set of changes cannot say so)', () => {
    const bus = new FakeBus();
    const batcher = new MessageBatcher(bus.asBus);
    const env = bus.send(1, 3);
    const first = batcher.flush()!;
    delete env.hops[0]!.payload;
    bus.advance(env);
    const second = batcher.flush()!;
    expect(second.updates).toMatchObject([{ hopsFrom: 0 }]);
    expect(second.updates![0]!.changedHop).toBeUndefined();
    expect(messageStates([first, second]).at(-1)).toEqual(env);
  });

  it('a page merging every batch holds each message as the bus has it, through cut batches, failures and a random run', () => {
    const next = random(3);
    const bus = new FakeBus();
    const batcher = new MessageBatcher(bus.asBus);
    const live: Envelope[] = [];
    const batches = [];
    let id = 0;
    for (let round = 0; round < 40; round++) {
      // Now and then more changes than one batch carries, so older changes are cut.
      const arrivals = round % 13 === 5 ? MAX_ENVELOPES_PER_BATCH + 300 : Math.floor(next() * 60);
      for (let k = 0; k < arrivals; k++) live.push(bus.send(++id, 1 + Math.floor(next() * 5)));
      for (const env of live) {
        if (env.status !== 'in-flight') continue;
        const roll = next();
        if (roll < 0.05) bus.fail(env);
        else if (roll < 0.6) bus.advance(env);
      }
      const batch = batcher.flush();
      if (batch !== undefined) batches.push(batch);
      const held = new Map(messageStates(batches).map((e) => [e.id, e]));
      // Every message the last batch carried is held exactly as it is now.
      for (const e of [...(batch?.envelopes ?? []), ...(batch?.updates ?? [])]) expect(held.get(e.id)).toEqual(live[Number(e.id.slice(2)) - 1]);
    }
    expect(batches.some((b) => (b.updates?.length ?? 0) > 0 && b.envelopes.length > 0)).toBe(true);
  });

  it('gives a page that attaches the newest messages whole, oldest first, as they are now', () => {
    const bus = new FakeBus();
    const batcher = new MessageBatcher(bus.asBus);
    const sent = Array.from({ length: MAX_ENVELOPES_ON_ATTACH + 5 }, (_, i) => bus.send(i + 1, 2));
    bus.advance(sent.at(-1)!); // a change is not a new message: it neither adds nor moves one
    const attached = batcher.attached();
    expect(attached).toMatchObject({ total: MAX_ENVELOPES_ON_ATTACH + 5, reset: true });
    expect(attached.envelopes.map((e) => e.id)).toEqual(sent.slice(5).map((e) => e.id));
    expect(attached.envelopes.at(-1)).toEqual(sent.at(-1));
    expect(attached.envelopes.at(-1)).not.toBe(sent.at(-1)); // a copy: the bus goes on changing its own
  });

  it('a batch holds each message as it was at the flush while the bus goes on changing it in place', () => {
    const bus = new FakeBus();
    const batcher = new MessageBatcher(bus.asBus);
    const env = bus.send(1, 4);
    const first = batcher.flush()!;
    const asSent = JSON.parse(JSON.stringify(first)) as unknown;
    bus.advance(env);
    const second = batcher.flush()!;
    const asUpdated = JSON.parse(JSON.stringify(second)) as unknown;
    bus.advance(env); // hop 1 delivered (a field of a hop the update carries), hop 2 pushed
    bus.fail(env); // the envelope's own fields
    expect(first).toEqual(asSent);
    expect(second).toEqual(asUpdated);
    expect(batcher.attached().envelopes[0]).toEqual(JSON.parse(JSON.stringify(env)));
  });

  it('copies what the bus changes in place and shares the payloads it never changes', () => {
    const bus = new FakeBus();
    const env = bus.send(1, 3);
    const copy = envelopeAsOf(env);
    expect(copy).toEqual(env);
    expect(copy.hops).not.toBe(env.hops);
    expect(copy.hops[0]).not.toBe(env.hops[0]);
    expect(copy.payload).toBe(env.payload);
    expect(copy.hops[0]!.payload).toBe(env.hops[0]!.payload);
    // A copy that kept the bus's own hop objects would change with them: the must-fail case of this copy.
    const shared = { ...env, hops: [...env.hops] };
    bus.advance(env);
    expect(shared.hops[0]!.status).toBe('delivered');
    expect(copy.hops[0]!.status).toBe('in-flight');
    expect(copy.hops).toHaveLength(1);
    expect(hopsAsOf(env.hops).map((h) => h.status)).toEqual(['delivered', 'in-flight']);
  });
});
