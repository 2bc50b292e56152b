import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { climateMachine, type ClimateInput } from './climate.machine';
import { currentTemperatureAt } from './room-thermal';

const MINUTE = 60_000;

function start(input: Partial<ClimateInput> = {}) {
  return createActor(climateMachine, {
    clock: new SimulatedClock(),
    input: { entityId: 'climate.living_room', outdoorTemperature: 32, currentTemperature: 30, targetTemperature: 24, activeTimeConstantMs: 10 * MINUTE, passiveTimeConstantMs: 240 * MINUTE, ...input },
  }).start();
}

describe('climate', () => {
  it('starts off and mirrors hvac_mode in its state', () => {
    const actor = start();
    expect(actor.getSnapshot().matches('off')).toBe(true);
    actor.send({ type: 'CLIMATE.SET_HVAC_MODE', at: 0, hvacMode: 'cool' });
    expect(actor.getSnapshot().matches('cool')).toBe(true);
    actor.send({ type: 'CLIMATE.SET_HVAC_MODE', at: 0, hvacMode: 'fan_only' });
    expect(actor.getSnapshot().matches('fan_only')).toBe(true);
  });

  it('cools the room exponentially towards target_temperature', () => {
    const actor = start();
    actor.send({ type: 'CLIMATE.SET_TEMPERATURE', at: 0, targetTemperature: 22, hvacMode: 'cool' });
    const { context } = actor.getSnapshot();
    expect(currentTemperatureAt(context, 10 * MINUTE)).toBeCloseTo(22 + 8 * Math.exp(-1), 9);
    expect(currentTemperatureAt(context, 24 * 60 * MINUTE)).toBeCloseTo(22, 6);
  });

  it('folds the temperature reached when switched off, then drifts back with the weather', () => {
    const actor = start({ hvacMode: 'cool', targetTemperature: 22 });
    actor.send({ type: 'CLIMATE.TURN_OFF', at: 10 * MINUTE });
    const { context } = actor.getSnapshot();
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(context.currentTemperature).toBeCloseTo(22 + 8 * Math.exp(-1), 9);
    expect(currentTemperatureAt(context, 10 * MINUTE + 240 * MINUTE)).toBeCloseTo(32 - (32 - context.currentTemperature) * Math.exp(-1), 9);
  });

  it('turn_on restores the last active mode', () => {
    const actor = start({ hvacMode: 'heat' });
    actor.send({ type: 'CLIMATE.TURN_OFF', at: 0 });
    actor.send({ type: 'CLIMATE.TURN_ON', at: 1 });
    expect(actor.getSnapshot().matches('heat')).toBe(true);
  });

  it('a heat-only mode cannot cool a room that is warmer outside', () => {
    const actor = start({ hvacMode: 'heat', targetTemperature: 20, currentTemperature: 30, outdoorTemperature: 32 });
    expect(currentTemperatureAt(actor.getSnapshot().context, 60 * MINUTE)).toBeGreaterThan(30);
  });

  it('clamps the setpoint to the unit range', () => {
    const actor = start({ minTemp: 16, maxTemp: 30 });
    actor.send({ type: 'CLIMATE.SET_TEMPERATURE', at: 0, targetTemperature: 5 });
    expect(actor.getSnapshot().context.targetTemperature).toBe(16);
  });
});
