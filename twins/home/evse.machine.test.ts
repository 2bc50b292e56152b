import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { deliveredPowerKw, evseMachine, sessionEnergyAt, type EvseEmitted } from './evse.machine';

const HOUR = 3_600_000;

function start() {
  const actor = createActor(evseMachine, { clock: new SimulatedClock(), input: { entityId: 'evse.garage' } });
  const emitted: EvseEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

describe('EVSE / wallbox', () => {
  it('refuses to start without a car', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'EVSE.START_CHARGING', at: 0 });
    expect(actor.getSnapshot().matches('available')).toBe(true);
    expect(emitted).toEqual([{ type: 'command.rejected', twinId: 'evse.garage', command: 'EVSE.START_CHARGING', reason: 'no vehicle connected' }]);
  });

  it('charges at 7.2 kW max and folds session energy lazily', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'EVSE.PLUG_IN', at: 0 });
    expect(actor.getSnapshot().matches('connected')).toBe(true);
    actor.send({ type: 'EVSE.START_CHARGING', at: 0 });
    expect(actor.getSnapshot().matches('charging')).toBe(true);
    expect(deliveredPowerKw(actor.getSnapshot().context)).toBe(7.2);
    expect(sessionEnergyAt(actor.getSnapshot().context, HOUR)).toBeCloseTo(7.2, 9);
    actor.send({ type: 'EVSE.STOP_CHARGING', at: 2 * HOUR });
    expect(actor.getSnapshot().matches('connected')).toBe(true);
    expect(emitted).toEqual([
      { type: 'evse.session_started', entityId: 'evse.garage', sessionId: 'evse.garage/session-0001', at: 0 },
      { type: 'evse.power_changed', entityId: 'evse.garage', at: 0, deliveredPowerKw: 7.2 },
      { type: 'evse.session_ended', entityId: 'evse.garage', sessionId: 'evse.garage/session-0001', at: 2 * HOUR, energyKwh: 14.4 },
      { type: 'evse.power_changed', entityId: 'evse.garage', at: 2 * HOUR, deliveredPowerKw: 0 },
    ]);
  });

  it('follows the charging-profile limit, suspending at 0 kW, with energy folded at each change', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'EVSE.PLUG_IN', at: 0 });
    actor.send({ type: 'EVSE.START_CHARGING', at: 0 });
    actor.send({ type: 'EVSE.SET_POWER_LIMIT', at: HOUR, powerLimitKw: 3.6 });
    actor.send({ type: 'EVSE.SET_POWER_LIMIT', at: 2 * HOUR, powerLimitKw: 0 });
    expect(actor.getSnapshot().matches('suspended')).toBe(true);
    expect(sessionEnergyAt(actor.getSnapshot().context, 5 * HOUR)).toBeCloseTo(10.8, 9);
    actor.send({ type: 'EVSE.SET_POWER_LIMIT', at: 5 * HOUR, powerLimitKw: 22 });
    expect(actor.getSnapshot().matches('charging')).toBe(true);
    expect(deliveredPowerKw(actor.getSnapshot().context)).toBe(7.2); // never above the wallbox maximum
    const powers = emitted.filter((e) => e.type === 'evse.power_changed').map((e) => e.deliveredPowerKw);
    expect(powers).toEqual([7.2, 3.6, 0, 7.2]);
  });

  it('suspends when the EV stops drawing (full) and ends the session on unplug', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'EVSE.PLUG_IN', at: 0 });
    actor.send({ type: 'EVSE.EV_POWER_REQUEST', at: 0, kw: 6.6 });
    actor.send({ type: 'EVSE.START_CHARGING', at: 0 });
    expect(deliveredPowerKw(actor.getSnapshot().context)).toBe(6.6);
    actor.send({ type: 'EVSE.EV_POWER_REQUEST', at: HOUR, kw: 0 });
    expect(actor.getSnapshot().matches('suspended')).toBe(true);
    actor.send({ type: 'EVSE.UNPLUG', at: 3 * HOUR });
    expect(actor.getSnapshot().matches('available')).toBe(true);
    expect(emitted.find((e) => e.type === 'evse.session_ended')).toMatchObject({ energyKwh: 6.6, at: 3 * HOUR });
  });
});
