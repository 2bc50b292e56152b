import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { lockMachine, type LockEmitted } from './lock.machine';

function start() {
  const actor = createActor(lockMachine, { clock: new SimulatedClock(), input: { entityId: 'lock.front_door' } });
  const emitted: LockEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

describe('smart lock', () => {
  it('starts locked and stays locked when the doorbell is pressed', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'DOORBELL.PRESSED', at: 100, visitor: 'courier' });
    expect(actor.getSnapshot().matches('locked')).toBe(true);
    expect(emitted).toEqual([{ type: 'doorbell.pressed', entityId: 'lock.front_door', at: 100, visitor: 'courier' }]);
  });

  it('unlocks only on an explicit command and reports who asked', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'DOOR.UNLOCK', at: 5, by: 'user:alice@car-screen' });
    expect(actor.getSnapshot().matches('unlocked')).toBe(true);
    actor.send({ type: 'DOOR.LOCK', at: 9 });
    expect(actor.getSnapshot().matches('locked')).toBe(true);
    expect(emitted).toEqual([
      { type: 'lock.unlocked', entityId: 'lock.front_door', at: 5, by: 'user:alice@car-screen' },
      { type: 'lock.locked', entityId: 'lock.front_door', at: 9 },
    ]);
  });

  it('refuses commands while jammed, still rings, and reports unlocked after the jam is cleared', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'LOCK.JAMMED', at: 1 });
    actor.send({ type: 'DOOR.UNLOCK', at: 2, by: 'user:alice' });
    actor.send({ type: 'DOORBELL.PRESSED', at: 3 });
    expect(actor.getSnapshot().matches('jammed')).toBe(true);
    expect(emitted.map((e) => e.type)).toEqual(['lock.jammed', 'command.rejected', 'doorbell.pressed']);
    actor.send({ type: 'LOCK.JAM_CLEARED', at: 4 });
    expect(actor.getSnapshot().matches('unlocked')).toBe(true);
  });
});
