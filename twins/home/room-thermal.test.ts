// The precool planner's question to the room model: how long to bring the room within a tolerance of a setpoint.
import { describe, expect, it } from 'vitest';
import { currentTemperatureAt, timeToReachMs, type RoomThermalState } from './room-thermal';

const hotRoom: RoomThermalState = {
  hvacMode: 'off', targetTemperature: 24, currentTemperature: 34, updatedAt: 0, outdoorTemperature: 38,
  activeTimeConstantMs: 600_000, passiveTimeConstantMs: 4 * 3_600_000,
};

describe('timeToReachMs', () => {
  it('is τ·ln(gap / tolerance) on the cooling curve, and the room is then within the tolerance', () => {
    const need = timeToReachMs(hotRoom, 0, 'cool', 22, 0.5);
    expect(need).toBeCloseTo(600_000 * Math.log(12 / 0.5), 6);
    const cooling = { ...hotRoom, hvacMode: 'cool' as const, targetTemperature: 22 };
    expect(currentTemperatureAt(cooling, need)).toBeCloseTo(22.5, 9);
  });

  it('counts the warming while the unit is still off', () => {
    expect(timeToReachMs(hotRoom, 3_600_000, 'cool', 22)).toBeGreaterThan(timeToReachMs(hotRoom, 0, 'cool', 22));
  });

  it('is 0 within the tolerance, and Infinity for a mode that cannot get there', () => {
    expect(timeToReachMs({ ...hotRoom, currentTemperature: 22.3 }, 0, 'cool', 22)).toBe(0);
    expect(timeToReachMs(hotRoom, 0, 'heat', 22)).toBe(Infinity);
    expect(timeToReachMs(hotRoom, 0, 'off', 22)).toBe(Infinity);
  });
});
