// A machine's initial snapshot may be put together without XState only when entering its initial states runs
// nothing: each way a start can do something must answer false, and for every shipped machine that answers true the
// shortcut must give exactly XState's value and context.
import { createActor, fromCallback, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { deviceMachines } from '../home/devices';
import { vehicleMachines } from '../vehicle';
import { hasInertStart, initialContextOf } from './inert-start';

const counter = setup({ types: { context: {} as { count: number }, input: {} as { count: number } } }).createMachine({
  context: ({ input }) => ({ count: input.count }),
  initial: 'idle',
  states: { idle: { on: { GO: 'busy' } }, busy: { initial: 'a', states: { a: {}, b: {} } } },
});
const noted = setup({ actions: { note: () => undefined } });

describe('hasInertStart', () => {
  it('is true when entering the initial states runs nothing', () => {
    expect(hasInertStart(counter)).toBe(true);
    const parallel = setup({}).createMachine({ type: 'parallel', states: { a: { initial: 'x', states: { x: {} } }, b: {} } });
    expect(hasInertStart(parallel)).toBe(true);
    // An entry action on a state the machine does not start in changes nothing at its start.
    expect(hasInertStart(noted.createMachine({ initial: 'idle', states: { idle: {}, busy: { entry: 'note' } } }))).toBe(true);
  });

  it('is false for each way a start does something', () => {
    const starts = {
      'an entry action on the machine': noted.createMachine({ entry: 'note' }),
      'an entry action on a nested initial state': noted.createMachine({ initial: 'a', states: { a: { initial: 'b', states: { b: { entry: 'note' } } } } }),
      'an entry action in one region of a parallel state': noted.createMachine({ type: 'parallel', states: { a: {}, b: { entry: 'note' } } }),
      'a delayed transition': setup({}).createMachine({ initial: 'a', states: { a: { after: { 1000: 'b' } }, b: {} } }),
      'an eventless transition': setup({}).createMachine({ initial: 'a', states: { a: { always: 'b' }, b: {} } }),
      'an invoked child': setup({ actors: { ticker: fromCallback(() => undefined) } }).createMachine({ invoke: { src: 'ticker' } }),
      'an initial final state': setup({}).createMachine({ initial: 'done', states: { done: { type: 'final' } } }),
      'an action on the initial transition': noted.createMachine({ initial: { target: 'a', actions: 'note' }, states: { a: {} } }),
    };
    for (const [why, machine] of Object.entries(starts)) expect([why, hasInertStart(machine)]).toEqual([why, false]);
  });
});

describe('initialContextOf', () => {
  it('is the factory\'s context for the input, a new object each time, as XState makes it', () => {
    const one = initialContextOf(counter, { count: 3 });
    expect(one).toEqual(createActor(counter, { input: { count: 3 } }).getSnapshot().context);
    expect(one).not.toBe(initialContextOf(counter, { count: 3 }));
  });

  it('is the machine\'s own context object when it has no factory, and {} when it has none', () => {
    const fixed = { mode: 'off' };
    expect(initialContextOf(setup({ types: { context: {} as { mode: string } } }).createMachine({ context: fixed }), undefined)).toBe(fixed);
    expect(initialContextOf(setup({}).createMachine({}), undefined)).toEqual({});
  });

  it('is undefined when the factory throws, spawns or reads self: XState must compute those', () => {
    const throwing = setup({ types: { context: {} as { n: number }, input: {} as { n?: number } } }).createMachine({
      context: ({ input }) => ({ n: input.n!.valueOf() }),
    });
    expect(initialContextOf(throwing, {})).toBeUndefined();
    const spawning = setup({ types: { context: {} as { child: unknown } }, actors: { ticker: fromCallback(() => undefined) } }).createMachine({
      context: ({ spawn }) => ({ child: spawn('ticker') }),
    });
    expect(initialContextOf(spawning, undefined)).toBeUndefined();
    const selfish = setup({ types: { context: {} as { me: string } } }).createMachine({ context: ({ self }) => ({ me: self.id }) });
    expect(initialContextOf(selfish, undefined)).toBeUndefined();
  });
});

describe('the shipped machines', () => {
  const inputs = [
    { entityId: 'x.y', vehicleId: 'car1', capacityKwh: 60, socPercent: 50, latitude: 1, longitude: 2 },
    { entityId: 'screen.central_panel', deviceClass: 'moisture', vehicleId: 'ev7', capacityKwh: 75, socPercent: 12.5, latitude: 31.2, longitude: 121.5, maxDischargeKw: 5 },
  ];
  it.each(Object.entries({ ...deviceMachines, ...vehicleMachines }))('%s: an inert start gives what XState gives', (_name, machine) => {
    if (!hasInertStart(machine)) return;
    for (const input of inputs) {
      const snapshot = createActor(machine, { input }).getSnapshot();
      expect(JSON.stringify(initialContextOf(machine, input))).toBe(JSON.stringify(snapshot.context));
      expect(snapshot.value).toEqual(createActor(machine, { input: inputs[0] }).getSnapshot().value);
    }
  });

  it('most parts of a car start inertly: a feeder\'s hundreds of cars need few throwaway actors', () => {
    // The body settles on locked or unlocked, and the tires on a warning, through an eventless transition at start.
    const inertParts = Object.entries(vehicleMachines).filter(([, machine]) => hasInertStart(machine)).map(([part]) => part);
    expect(inertParts).toEqual(['battery', 'hvac', 'drive', 'sentry', 'screen']);
  });
});
