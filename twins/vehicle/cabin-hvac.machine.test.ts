import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { cabinTemperatureAt, msUntilWithin } from './cabin-thermal';
import { cabinHvacMachine, type CabinHvacEmitted, type CabinHvacInput } from './cabin-hvac.machine';

const MINUTE = 60_000;

function start(input: Partial<CabinHvacInput> = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(cabinHvacMachine, {
    clock,
    input: { vehicleId: 'ev-1', ambientTemperature: 32, cabinTemperature: 32, targetTemperature: 22, activeTimeConstantMs: 5 * MINUTE, ...input },
  });
  const emitted: CabinHvacEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { clock, actor, emitted };
}

describe('cabin thermal model', () => {
  const base = {
    cabinTemperature: 32, updatedAt: 0, targetTemperature: 22, ambientTemperature: 32, hvacActive: true,
    activeTimeConstantMs: 5 * MINUTE, passiveTimeConstantMs: 45 * MINUTE,
  };

  it('approaches the setpoint exponentially: one time constant closes 63 % of the gap', () => {
    expect(cabinTemperatureAt(base, 0)).toBe(32);
    expect(cabinTemperatureAt(base, 5 * MINUTE)).toBeCloseTo(22 + 10 * Math.exp(-1), 9);
    expect(cabinTemperatureAt(base, 10 * 60 * MINUTE)).toBeCloseTo(22, 6);
  });

  it('drifts to the outside air when climate is off', () => {
    const off = { ...base, hvacActive: false, cabinTemperature: 22 };
    expect(cabinTemperatureAt(off, 45 * MINUTE)).toBeCloseTo(32 - 10 * Math.exp(-1), 9);
  });

  it('knows when the cabin enters the comfort band', () => {
    // 10 °C gap to 1 °C: τ·ln(10).
    expect(msUntilWithin(base, 1)).toBe(Math.ceil(5 * MINUTE * Math.log(10)));
    expect(msUntilWithin({ ...base, cabinTemperature: 22.5 }, 1)).toBe(0);
  });
});

describe('cabin HVAC', () => {
  it('turns on and off, folding the temperature reached while on', () => {
    const { clock, actor } = start();
    actor.send({ type: 'HVAC.TURN_ON', at: 0 });
    expect(actor.getSnapshot().matches({ on: 'manual' })).toBe(true);
    expect(actor.getSnapshot().context.hvacActive).toBe(true);
    clock.increment(5 * MINUTE);
    actor.send({ type: 'HVAC.TURN_OFF', at: 5 * MINUTE });
    const { context } = actor.getSnapshot();
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(context.hvacActive).toBe(false);
    expect(context.cabinTemperature).toBeCloseTo(22 + 10 * Math.exp(-1), 9);
    expect(context.updatedAt).toBe(5 * MINUTE);
  });

  it('preconditions to the requested temperature and reports the cabin ready', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'HVAC.PRECONDITION', at: 0, temperature: 21 });
    expect(actor.getSnapshot().matches({ on: { preconditioning: 'approaching' } })).toBe(true);
    expect(actor.getSnapshot().context.targetTemperature).toBe(21);
    const readyAt = Math.ceil(5 * MINUTE * Math.log(11));
    clock.increment(readyAt - 1);
    expect(emitted).toEqual([]);
    clock.increment(1);
    expect(actor.getSnapshot().matches({ on: { preconditioning: 'ready' } })).toBe(true);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ type: 'hvac.cabin_ready', vehicleId: 'ev-1', at: readyAt });
    expect((emitted[0] as { temperature: number }).temperature).toBeCloseTo(22, 4);
  });

  it('stops preconditioning by itself after the time limit', () => {
    const { clock, actor, emitted } = start({ preconditioningMaxMs: 20 * MINUTE });
    actor.send({ type: 'HVAC.PRECONDITION', at: 0 });
    clock.increment(20 * MINUTE);
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(emitted.map((e) => e.type)).toEqual(['hvac.cabin_ready', 'hvac.preconditioning_expired']);
    expect(emitted[1]).toEqual({ type: 'hvac.preconditioning_expired', vehicleId: 'ev-1', at: 20 * MINUTE });
    // Folded at the limit, not later.
    expect(actor.getSnapshot().context.updatedAt).toBe(20 * MINUTE);
    expect(actor.getSnapshot().context.cabinTemperature).toBeCloseTo(22 + 10 * Math.exp(-4), 9);
  });

  it('keeps running without a limit once the driver turns climate on', () => {
    const { clock, actor, emitted } = start({ preconditioningMaxMs: 20 * MINUTE });
    actor.send({ type: 'HVAC.PRECONDITION', at: 0 });
    actor.send({ type: 'HVAC.TURN_ON', at: 60_000 });
    clock.increment(60 * MINUTE);
    expect(actor.getSnapshot().matches({ on: 'manual' })).toBe(true);
    expect(emitted.map((e) => e.type)).not.toContain('hvac.preconditioning_expired');
  });

  it('replans the ready moment on a new setpoint without restarting the time limit', () => {
    const { clock, actor, emitted } = start({ preconditioningMaxMs: 20 * MINUTE });
    actor.send({ type: 'HVAC.PRECONDITION', at: 0 });
    clock.increment(10 * MINUTE);
    actor.send({ type: 'HVAC.SET_TARGET', at: 10 * MINUTE, temperature: 18 });
    expect(actor.getSnapshot().matches({ on: { preconditioning: 'approaching' } })).toBe(true);
    clock.increment(10 * MINUTE);
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(emitted.at(-1)).toMatchObject({ type: 'hvac.preconditioning_expired', at: 20 * MINUTE });
  });

  it('folds the passive curve before the outside temperature changes', () => {
    const { actor } = start({ cabinTemperature: 22, ambientTemperature: 32, passiveTimeConstantMs: 45 * MINUTE });
    actor.send({ type: 'AMBIENT.TEMPERATURE_CHANGED', at: 45 * MINUTE, temperature: 10 });
    const { context } = actor.getSnapshot();
    expect(context.cabinTemperature).toBeCloseTo(32 - 10 * Math.exp(-1), 9);
    expect(cabinTemperatureAt(context, 90 * MINUTE)).toBeLessThan(context.cabinTemperature);
  });
});
