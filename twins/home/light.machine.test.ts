import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { lightMachine, SOFT_SCENE } from './light.machine';

const start = () => createActor(lightMachine, { clock: new SimulatedClock(), input: { entityId: 'light.living_room', brightness: 200, colorTempKelvin: 4000 } }).start();

describe('light', () => {
  it('turns on soft: low brightness, warm white', () => {
    const actor = start();
    expect(actor.getSnapshot().matches('off')).toBe(true);
    actor.send({ type: 'LIGHT.TURN_ON', scene: 'soft' });
    expect(actor.getSnapshot().matches('on')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ brightness: SOFT_SCENE.brightness, colorTempKelvin: 2700 });
  });

  it('restores the last brightness on a plain turn_on', () => {
    const actor = start();
    actor.send({ type: 'LIGHT.TURN_ON', brightness: 120 });
    actor.send({ type: 'LIGHT.TURN_OFF' });
    actor.send({ type: 'LIGHT.TURN_ON' });
    expect(actor.getSnapshot().context.brightness).toBe(120);
  });

  it('clamps brightness and colour temperature to the device range', () => {
    const actor = start();
    actor.send({ type: 'LIGHT.TURN_ON', brightness: 999, colorTempKelvin: 1000 });
    expect(actor.getSnapshot().context).toMatchObject({ brightness: 255, colorTempKelvin: 2000 });
  });

  it('turns off when asked for brightness 0, and stays off if it was off', () => {
    const actor = start();
    actor.send({ type: 'LIGHT.TURN_ON', brightness: 0 });
    expect(actor.getSnapshot().matches('off')).toBe(true);
    actor.send({ type: 'LIGHT.TURN_ON' });
    actor.send({ type: 'LIGHT.TURN_ON', brightness: 0 });
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(actor.getSnapshot().context.brightness).toBe(200);
  });

  it('toggles', () => {
    const actor = start();
    actor.send({ type: 'LIGHT.TOGGLE' });
    expect(actor.getSnapshot().matches('on')).toBe(true);
    actor.send({ type: 'LIGHT.TOGGLE' });
    expect(actor.getSnapshot().matches('off')).toBe(true);
  });
});
