import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { binarySensorMachine, type BinarySensorEmitted } from './binary-sensor.machine';

describe('safety binary_sensor', () => {
  it('raises one alarm per detection episode and clears it', () => {
    const actor = createActor(binarySensorMachine, { clock: new SimulatedClock(), input: { entityId: 'binary_sensor.kitchen_leak', deviceClass: 'moisture' } });
    const emitted: BinarySensorEmitted[] = [];
    actor.on('*', (e) => emitted.push(e));
    actor.start();
    expect(actor.getSnapshot().matches('off')).toBe(true);
    actor.send({ type: 'SENSOR.CLEARED', at: 1 });
    actor.send({ type: 'SENSOR.DETECTED', at: 10 });
    actor.send({ type: 'SENSOR.DETECTED', at: 11 });
    expect(actor.getSnapshot().matches('on')).toBe(true);
    actor.send({ type: 'SENSOR.CLEARED', at: 20 });
    expect(actor.getSnapshot().matches('off')).toBe(true);
    expect(emitted).toEqual([
      { type: 'alarm.raised', entityId: 'binary_sensor.kitchen_leak', deviceClass: 'moisture', at: 10 },
      { type: 'alarm.cleared', entityId: 'binary_sensor.kitchen_leak', deviceClass: 'moisture', at: 20 },
    ]);
  });
});
