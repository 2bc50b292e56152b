import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { screenMachine } from '../home';
import { carScreenMachine, vehicleMachines } from './index';

describe('vehicle twin surface', () => {
  it('uses the shared screen machine for the car screen', () => {
    expect(carScreenMachine).toBe(screenMachine);
    expect(vehicleMachines.screen).toBe(screenMachine);
  });

  it('starts every part from just a vehicle id', () => {
    for (const [part, machine] of Object.entries(vehicleMachines)) {
      if (part === 'screen') continue;
      const actor = createActor(machine as typeof vehicleMachines.sentry, { clock: new SimulatedClock(), input: { vehicleId: 'ev-1' } }).start();
      expect(actor.getSnapshot().status, part).toBe('active');
      expect((actor.getSnapshot().context as { vehicleId: string }).vehicleId).toBe('ev-1');
    }
  });
});
