import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { fanMachine, type FanEmitted } from './fan.machine';

function start() {
  const actor = createActor(fanMachine, { clock: new SimulatedClock(), input: { entityId: 'fan.bedroom_purifier', percentage: 40 } });
  const emitted: FanEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

describe('fan / air purifier', () => {
  it('turns on at the last speed and off again', () => {
    const { actor } = start();
    actor.send({ type: 'FAN.TURN_ON' });
    expect(actor.getSnapshot().matches('on')).toBe(true);
    expect(actor.getSnapshot().context.percentage).toBe(40);
    actor.send({ type: 'FAN.TURN_OFF' });
    expect(actor.getSnapshot().matches('off')).toBe(true);
  });

  it('a preset turns it on; a manual speed leaves the preset', () => {
    const { actor } = start();
    actor.send({ type: 'FAN.SET_PRESET_MODE', presetMode: 'sleep' });
    expect(actor.getSnapshot().matches('on')).toBe(true);
    expect(actor.getSnapshot().context.presetMode).toBe('sleep');
    actor.send({ type: 'FAN.SET_PERCENTAGE', percentage: 80 });
    expect(actor.getSnapshot().context).toMatchObject({ percentage: 80, presetMode: null });
  });

  it('percentage 0 turns it off', () => {
    const { actor } = start();
    actor.send({ type: 'FAN.TURN_ON', percentage: 60 });
    actor.send({ type: 'FAN.SET_PERCENTAGE', percentage: 0 });
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(actor.getSnapshot().context.percentage).toBe(60);
  });

  it('refuses a preset the device does not offer', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'FAN.TURN_ON', presetMode: 'disco' });
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(emitted).toEqual([
      { type: 'command.rejected', twinId: 'fan.bedroom_purifier', command: 'FAN.TURN_ON', reason: 'preset_mode "disco" is not one of auto, sleep, turbo' },
    ]);
  });
});
