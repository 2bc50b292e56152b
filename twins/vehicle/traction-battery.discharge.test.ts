// V2H: the pack feeds the home, never below its floor (tomorrow's first trip plus a reserve), then charges again.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { MS_PER_HOUR, msUntilDischargeFloor, stateOfChargeAt } from './battery-physics';
import { tractionBatteryMachine, type TractionBatteryEmitted } from './traction-battery.machine';

function plugged(socPercent = 70) {
  const clock = new SimulatedClock();
  const actor = createActor(tractionBatteryMachine, { clock, input: { vehicleId: 'ev-1', capacityKwh: 75, socPercent, targetSocPercent: 80 } });
  const emitted: TractionBatteryEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  actor.send({ type: 'CHARGING.PLUG_IN', at: 0, chargerPowerLimitKw: 0 });
  actor.send({ type: 'CHARGING.START', at: 0 });
  return { clock, actor, emitted };
}

describe('traction battery feeding the home (V2H)', () => {
  it('loses 3 kW worth of SoC per hour and stops at its floor, however long the peak lasts', () => {
    const { clock, actor, emitted } = plugged(70);
    actor.send({ type: 'DISCHARGE.START', at: 0, powerKw: 3, floorSocPercent: 60 });
    expect(actor.getSnapshot().matches({ plugged: { discharging: 'active' } })).toBe(true);
    expect(stateOfChargeAt(actor.getSnapshot().context, MS_PER_HOUR)).toBeCloseTo(66, 9);
    // 7.5 kWh above the floor at 3 kW: 2.5 h.
    expect(msUntilDischargeFloor(actor.getSnapshot().context)).toBe(2.5 * MS_PER_HOUR);
    clock.increment(2.5 * MS_PER_HOUR);
    expect(actor.getSnapshot().matches({ plugged: { discharging: 'atReserve' } })).toBe(true);
    expect(actor.getSnapshot().context.socPercent).toBeCloseTo(60, 9);
    expect(stateOfChargeAt(actor.getSnapshot().context, 10 * MS_PER_HOUR)).toBeCloseTo(60, 9);
    expect(emitted.map((e) => e.type)).toEqual(['charging.started', 'discharging.started', 'discharging.reserve_reached']);
  });

  it('never discharges a pack already at or below its floor', () => {
    const { actor, emitted } = plugged(30);
    actor.send({ type: 'DISCHARGE.START', at: 0, powerKw: 7, floorSocPercent: 40 });
    expect(actor.getSnapshot().matches({ plugged: { discharging: 'atReserve' } })).toBe(true);
    expect(stateOfChargeAt(actor.getSnapshot().context, 3 * MS_PER_HOUR)).toBe(30);
    expect(emitted.at(-1)?.type).toBe('discharging.reserve_reached');
  });

  it('follows a new power, and charges again once the discharge is stopped', () => {
    const { clock, actor } = plugged(70);
    actor.send({ type: 'DISCHARGE.START', at: 0, powerKw: 3, floorSocPercent: 20 });
    clock.increment(MS_PER_HOUR);
    actor.send({ type: 'DISCHARGE.START', at: MS_PER_HOUR, powerKw: 7.5, floorSocPercent: 20 });
    expect(stateOfChargeAt(actor.getSnapshot().context, 2 * MS_PER_HOUR)).toBeCloseTo(56, 9); // 70 − 4 − 10
    clock.increment(MS_PER_HOUR);
    actor.send({ type: 'DISCHARGE.STOP', at: 2 * MS_PER_HOUR });
    actor.send({ type: 'CHARGING.SET_POWER_LIMIT', at: 2 * MS_PER_HOUR, chargerPowerLimitKw: 7.5 });
    expect(actor.getSnapshot().matches({ plugged: { charging: 'active' } })).toBe(true);
    expect(stateOfChargeAt(actor.getSnapshot().context, 3 * MS_PER_HOUR)).toBeCloseTo(66, 9);
  });

  it('energy used while discharging keeps the discharge going at the power asked for', () => {
    const { actor } = plugged(70);
    actor.send({ type: 'DISCHARGE.START', at: 0, powerKw: 3, floorSocPercent: 20 });
    actor.send({ type: 'BATTERY.ENERGY_USED', at: MS_PER_HOUR, energyKwh: 7.5 });
    expect(actor.getSnapshot().context.chargingPowerKw).toBe(-3);
    expect(actor.getSnapshot().context.socPercent).toBeCloseTo(56, 9); // 70 − 4 (an hour at 3 kW) − 10
  });
});
