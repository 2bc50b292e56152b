// A bidirectional wallbox draws from the car at min(its maximum, the manager's limit, the car's offer); a
// charge-only one refuses a discharge limit and its state carries no discharge field at all.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { deliveredPowerKw, dischargedEnergyAt, dischargedPowerKw, evseMachine, type EvseEmitted } from './evse.machine';

const HOUR = 3_600_000;

function start(maxDischargeKw?: number) {
  const actor = createActor(evseMachine, { clock: new SimulatedClock(), input: { entityId: 'evse.wallbox', ...(maxDischargeKw !== undefined ? { maxDischargeKw } : {}) } });
  const emitted: EvseEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  actor.send({ type: 'EVSE.PLUG_IN', at: 0 });
  actor.send({ type: 'EVSE.START_CHARGING', at: 0 });
  return { actor, emitted };
}

describe('bidirectional wallbox (V2H)', () => {
  it('discharges within its limits, and delivers nothing while it does', () => {
    const { actor, emitted } = start(6);
    actor.send({ type: 'EVSE.SET_DISCHARGE_LIMIT', at: 0, dischargeLimitKw: 9 });
    expect(dischargedPowerKw(actor.getSnapshot().context)).toBe(6);
    expect(deliveredPowerKw(actor.getSnapshot().context)).toBe(0);
    actor.send({ type: 'EVSE.SET_DISCHARGE_LIMIT', at: HOUR, dischargeLimitKw: 2.5 });
    expect(dischargedEnergyAt(actor.getSnapshot().context, 2 * HOUR)).toBeCloseTo(8.5, 9);
    actor.send({ type: 'EVSE.EV_DISCHARGE_OFFER', at: 2 * HOUR, kw: 0 }); // the car is at its reserve
    expect(dischargedPowerKw(actor.getSnapshot().context)).toBe(0);
    expect(deliveredPowerKw(actor.getSnapshot().context)).toBe(7.2);
    expect(emitted.filter((e) => e.type === 'evse.discharge_changed').map((e) => e.type === 'evse.discharge_changed' && e.dischargedPowerKw)).toEqual([6, 2.5, 0]);
  });

  it('stops discharging when the car is unplugged', () => {
    const { actor, emitted } = start(6);
    actor.send({ type: 'EVSE.SET_DISCHARGE_LIMIT', at: 0, dischargeLimitKw: 3 });
    actor.send({ type: 'EVSE.UNPLUG', at: HOUR });
    expect(dischargedPowerKw(actor.getSnapshot().context)).toBe(0);
    expect(emitted.filter((e) => e.type === 'evse.discharge_changed').at(-1)).toMatchObject({ dischargedPowerKw: 0, at: HOUR });
  });

  it('a negative or absurd limit is no discharge or the maximum, never a charge', () => {
    const { actor } = start(6);
    actor.send({ type: 'EVSE.SET_DISCHARGE_LIMIT', at: 0, dischargeLimitKw: -50 });
    expect(dischargedPowerKw(actor.getSnapshot().context)).toBe(0);
    actor.send({ type: 'EVSE.SET_DISCHARGE_LIMIT', at: 0, dischargeLimitKw: 1e9 });
    expect(dischargedPowerKw(actor.getSnapshot().context)).toBe(6);
  });

  it('a charge-only wallbox refuses a discharge limit and keeps charging', () => {
    const { actor, emitted } = start();
    expect(Object.keys(actor.getSnapshot().context)).not.toContain('maxDischargeKw');
    actor.send({ type: 'EVSE.SET_DISCHARGE_LIMIT', at: 0, dischargeLimitKw: 3 });
    expect(emitted.at(-1)).toEqual({ type: 'command.rejected', twinId: 'evse.wallbox', command: 'EVSE.SET_DISCHARGE_LIMIT', reason: 'the wallbox charges only: it is not bidirectional' });
    expect(deliveredPowerKw(actor.getSnapshot().context)).toBe(7.2);
    expect(dischargedPowerKw(actor.getSnapshot().context)).toBe(0);
  });
});
