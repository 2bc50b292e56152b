import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { bodyMachine, DOOR_POSITIONS, type BodyEmitted, type BodyInput } from './body.machine';

function start(input: Partial<BodyInput> = {}) {
  const actor = createActor(bodyMachine, { clock: new SimulatedClock(), input: { vehicleId: 'ev-1', ...input } });
  const emitted: BodyEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

describe('vehicle body', () => {
  it('starts locked by default with every door and the trunk locked', () => {
    const { actor } = start();
    const { context } = actor.getSnapshot();
    expect(actor.getSnapshot().matches('locked')).toBe(true);
    expect(DOOR_POSITIONS.every((d) => context.doors[d].isLocked)).toBe(true);
    expect(context.trunk.isLocked).toBe(true);
  });

  it('starts unlocked when asked to', () => {
    const { actor } = start({ locked: false });
    expect(actor.getSnapshot().matches('unlocked')).toBe(true);
    expect(actor.getSnapshot().context.doors['Row2.PassengerSide'].isLocked).toBe(false);
  });

  it('unlocks every door and the trunk, then locks them again', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'DOOR.UNLOCK' });
    expect(actor.getSnapshot().matches('unlocked')).toBe(true);
    expect(DOOR_POSITIONS.some((d) => actor.getSnapshot().context.doors[d].isLocked)).toBe(false);
    actor.send({ type: 'DOOR.LOCK' });
    expect(actor.getSnapshot().matches('locked')).toBe(true);
    expect(emitted).toEqual([
      { type: 'body.unlocked', vehicleId: 'ev-1', doors: [...DOOR_POSITIONS] },
      { type: 'body.locked', vehicleId: 'ev-1' },
    ]);
  });

  it('unlocks only the driver door when one door is named', () => {
    const { actor } = start();
    actor.send({ type: 'DOOR.UNLOCK', door: 'Row1.DriverSide' });
    const { context } = actor.getSnapshot();
    expect(context.doors['Row1.DriverSide'].isLocked).toBe(false);
    expect(context.doors['Row1.PassengerSide'].isLocked).toBe(true);
    expect(context.trunk.isLocked).toBe(true);
    actor.send({ type: 'DOOR.OPEN', door: 'Row1.PassengerSide' });
    expect(actor.getSnapshot().context.doors['Row1.PassengerSide'].isOpen).toBe(false);
  });

  it('refuses to open a door of a locked car', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'DOOR.OPEN', door: 'Row1.DriverSide' });
    expect(actor.getSnapshot().context.doors['Row1.DriverSide'].isOpen).toBe(false);
    expect(emitted).toEqual([{ type: 'command.rejected', twinId: 'ev-1', command: 'DOOR.OPEN', reason: 'door is locked' }]);
  });

  it('refuses to lock while a door or the trunk is open', () => {
    const { actor, emitted } = start({ locked: false });
    actor.send({ type: 'DOOR.OPEN', door: 'Row2.DriverSide' });
    actor.send({ type: 'DOOR.LOCK' });
    expect(actor.getSnapshot().matches('unlocked')).toBe(true);
    expect(emitted.at(-1)).toMatchObject({ type: 'command.rejected', reason: 'a door or the trunk is open' });
    actor.send({ type: 'DOOR.CLOSE', door: 'Row2.DriverSide' });
    actor.send({ type: 'TRUNK.OPEN' });
    actor.send({ type: 'DOOR.LOCK' });
    expect(actor.getSnapshot().matches('unlocked')).toBe(true);
    actor.send({ type: 'TRUNK.CLOSE' });
    actor.send({ type: 'DOOR.LOCK' });
    expect(actor.getSnapshot().matches('locked')).toBe(true);
  });

  it('sets window positions (clamped to 0–100) even while locked, and closes them all', () => {
    const { actor } = start({ windowPositions: { 'Row1.DriverSide': 30 } });
    expect(actor.getSnapshot().context.doors['Row1.DriverSide'].windowPosition).toBe(30);
    actor.send({ type: 'WINDOW.SET_POSITION', door: 'Row2.PassengerSide', position: 140 });
    expect(actor.getSnapshot().context.doors['Row2.PassengerSide'].windowPosition).toBe(100);
    actor.send({ type: 'WINDOW.CLOSE_ALL' });
    expect(DOOR_POSITIONS.map((d) => actor.getSnapshot().context.doors[d].windowPosition)).toEqual([0, 0, 0, 0]);
  });
});
