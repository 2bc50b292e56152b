// A twin may start its actor late only when starting does nothing, and may share an initial snapshot with another
// twin only when their inputs are the same plain JSON and the machine's initial context depends on its input alone.
import { createActor, fromCallback, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { deviceMachines } from '../home/devices';
import { screenMachine } from '../home/screen.machine';
import { vehicleMachines } from '../vehicle';
import { MAX_REMEMBERED_INPUTS, plainJsonKey, planStart, startsQuietly } from './quiet-start';

const options = { id: 'test', clock: undefined };
const counter = setup({ types: { context: {} as { count: number }, input: {} as { count: number } } }).createMachine({
  context: ({ input }) => ({ count: input.count }),
});

describe('startsQuietly', () => {
  it('is true only for an active snapshot with no deferred entry action and no child', () => {
    expect(startsQuietly(createActor(counter, { input: { count: 0 } }))).toBe(true);
    const withEntry = setup({ actions: { note: () => undefined } }).createMachine({ entry: 'note' });
    expect(startsQuietly(createActor(withEntry))).toBe(false);
    const withChild = setup({ actors: { ticker: fromCallback(() => undefined) } }).createMachine({ invoke: { src: 'ticker' } });
    expect(startsQuietly(createActor(withChild))).toBe(false);
    const broken = setup({ types: { context: {} as { x: number } } }).createMachine({
      context: () => {
        throw new Error('no context');
      },
    });
    expect(startsQuietly(createActor(broken))).toBe(false);
  });
});

describe('planStart', () => {
  it('computes the initial snapshot once per distinct input and shares it', () => {
    const machine = counter.provide({});
    const a = planStart(machine, { count: 1 }, options);
    const b = planStart(machine, { count: 1 }, options);
    const c = planStart(machine, { count: 2 }, options);
    expect('quiet' in a && 'quiet' in b && a.quiet === b.quiet).toBe(true);
    expect('quiet' in c && c.quiet.context).toEqual({ count: 2 });
  });

  it('keeps the MAX_REMEMBERED_INPUTS most recently used inputs: per-twin inputs do not accumulate', () => {
    const machine = counter.provide({});
    const quiet = (count: number) => (planStart(machine, { count }, options) as { quiet: unknown }).quiet;
    const first = quiet(0);
    for (let i = 1; i < MAX_REMEMBERED_INPUTS; i++) quiet(i);
    expect(quiet(0)).toBe(first); // a hit makes 0 the most recently used: 1 is now the oldest
    quiet(-1);
    expect(quiet(0)).toBe(first);
    const evicted = quiet(1);
    expect(quiet(1)).toBe(evicted);
    expect(quiet(2)).toEqual({ value: {}, context: { count: 2 } });
  });

  it('still shares the snapshot of a repeated input after many per-twin ones (home screens after car screens)', () => {
    const machine = counter.provide({});
    const home = (planStart(machine, { count: 0 }, options) as { quiet: unknown }).quiet;
    for (let car = 1; car <= 3 * MAX_REMEMBERED_INPUTS; car++) planStart(machine, { count: car }, options);
    const again = (planStart(machine, { count: 0 }, options) as { quiet: unknown }).quiet;
    expect(again).toEqual(home);
    expect((planStart(machine, { count: 0 }, options) as { quiet: unknown }).quiet).toBe(again);
  });

  it('puts together the snapshot of an inert machine from its input, as XState would, once XState confirmed the first', () => {
    const machine = setup({ types: { context: {} as { id: string; n: number }, input: {} as { id: string } } }).createMachine({
      context: ({ input }) => ({ id: input.id, n: 1 }),
      initial: 'idle',
      states: { idle: {} },
    });
    for (const id of ['car1', 'car2', 'car3']) {
      const plan = planStart(machine, { id }, options);
      expect('quiet' in plan && plan.quiet).toEqual({ value: createActor(machine, { input: { id } }).getSnapshot().value, context: { id, n: 1 } });
    }
  });

  it('leaves to XState a machine whose input decides its initial state (an eventless transition at start)', () => {
    const machine = setup({ types: { context: {} as { low: boolean }, input: {} as { low: boolean } }, guards: { low: ({ context }) => context.low } }).createMachine({
      context: ({ input }) => ({ low: input.low }),
      initial: 'normal',
      states: { normal: { always: { guard: 'low', target: 'warning' } }, warning: {} },
    });
    expect((planStart(machine, { low: false }, options) as { quiet: { value: unknown } }).quiet.value).toBe('normal');
    expect((planStart(machine, { low: true }, options) as { quiet: { value: unknown } }).quiet.value).toBe('warning');
  });

  it('hands back the actor, unstarted, when its start does something', () => {
    const greeter = setup({ actions: { greet: () => undefined } }).createMachine({ entry: 'greet' });
    const plan = planStart(greeter, {}, options);
    expect('actor' in plan && plan.actor.getSnapshot().status).toBe('active');
  });
});

describe('plainJsonKey', () => {
  it('keys plain JSON, and refuses what JSON would silently change', () => {
    expect(plainJsonKey({ entityId: 'lock.front_door', n: [1, null, true] })).toBe('{"entityId":"lock.front_door","n":[1,null,true]}');
    for (const hostile of [undefined, { a: undefined }, { f: () => 1 }, { n: Number.NaN }, { n: Infinity }, new Map(), { d: new Date(0) }, [new (class Point {})()], Symbol('s')]) {
      expect(plainJsonKey(hostile)).toBeUndefined();
    }
  });
});

describe('the shipped machines', () => {
  const inputs = { entityId: 'x.y', vehicleId: 'car1', capacityKwh: 60, socPercent: 50, latitude: 1, longitude: 2 };
  it.each(Object.entries({ ...deviceMachines, ...vehicleMachines, screen: screenMachine }))('%s starts quietly, from a snapshot its input alone decides', (_name, machine) => {
    const one = createActor(machine, { input: inputs, id: 'home/h1/one' });
    const other = createActor(machine, { input: inputs, id: 'vehicle/car9/other' });
    expect(startsQuietly(one)).toBe(true);
    expect(JSON.stringify(one.getSnapshot().value)).toBe(JSON.stringify(other.getSnapshot().value));
    expect(JSON.stringify(one.getSnapshot().context)).toBe(JSON.stringify(other.getSnapshot().context));
  });
});
