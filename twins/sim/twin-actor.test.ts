// A twin starts its XState actor on first use when starting it would do nothing; until then its state, context
// and view answer from the initial snapshot, and nothing in the event stream tells the two kinds of twin apart.
import { assign, emit, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import { lockMachine } from '../home/lock.machine';
import { TwinActor } from './twin-actor';

const kernel = () => createKernel({ seed: 1 });

/** A machine with an object in its context that one event leaves alone: the diff must not report it. */
const counter = setup({
  types: { context: {} as { count: number; doors: { front: boolean } }, input: {} as { count: number } },
}).createMachine({
  id: 'counter',
  context: ({ input }) => ({ count: input.count, doors: { front: false } }),
  initial: 'idle',
  states: {
    idle: { on: { BUMP: { target: 'bumped', actions: assign({ count: ({ context }) => context.count + 1 }) } } },
    bumped: { on: { BUMP: { actions: assign({ count: ({ context }) => context.count + 1 }) } } },
  },
});

function streamOf(build: (k: ReturnType<typeof kernel>) => void): string[] {
  const k = kernel();
  const lines: string[] = [];
  k.events.onEvent((_e, line) => lines.push(line));
  build(k);
  return lines;
}

describe('a twin made on first use', () => {
  it('has no actor until an event is sent, yet answers state, context and view as a started one', () => {
    const k = kernel();
    const lazy = new TwinActor('home/h1/lock.front_door', 'lock', lockMachine, { entityId: 'lock.front_door' }, k);
    const started = new TwinActor('home/h2/lock.front_door', 'lock', lockMachine, { entityId: 'lock.front_door' }, k);
    void started.actor;
    expect(lazy.isStarted).toBe(false);
    expect(started.isStarted).toBe(true);
    expect(lazy.state).toBe(started.state);
    expect(lazy.context).toEqual(started.context);
    expect(lazy.view()).toEqual(started.view());
    lazy.send({ type: 'DOOR.UNLOCK', by: 'test' });
    expect(lazy.isStarted).toBe(true);
    expect(lazy.state).toBe('unlocked');
  });

  it('writes the same event stream as a twin started at once, line for line', () => {
    const run = (eager: boolean) => streamOf((k) => {
      const twin = new TwinActor('home/h1/counter', 'counter', counter, { count: 2 }, k);
      k.clock.schedule(1_000, () => {
        if (eager) void twin.actor;
      });
      k.clock.schedule(5_000, () => twin.send({ type: 'BUMP' }));
      k.clock.schedule(6_000, () => twin.send({ type: 'BUMP' }));
      k.clock.runUntil(10_000);
    });
    const lazy = run(false);
    expect(lazy).toEqual(run(true));
    // Only the count changed: the untouched object is not reported again after the actor is made.
    expect(lazy[1]).toContain('"changes":{"count":3}');
    expect(lazy[1]).not.toContain('doors');
  });

  it('starts at once a machine whose start does something, so its entry effects happen when the twin is made', () => {
    const greeter = setup({ types: { emitted: {} as { type: 'hello' } } }).createMachine({ initial: 'on', states: { on: { entry: emit({ type: 'hello' as const }) } } });
    const lines = streamOf((k) => new TwinActor('home/h1/greeter', 'greeter', greeter, {}, k));
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['hello', 'twin.created']);
  });

  it('starts at once a machine waiting on a delay in its initial state, so the delay runs on the clock untouched', () => {
    const timer = setup({}).createMachine({ initial: 'waiting', states: { waiting: { after: { 2_000: 'done' } }, done: {} } });
    const k = kernel();
    const twin = new TwinActor('home/h1/timer', 'timer', timer, {}, k);
    expect(twin.isStarted).toBe(true);
    k.clock.runUntil(3_000);
    expect(twin.state).toBe('done');
  });
});
