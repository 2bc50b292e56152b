import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { coverMachine, coverPositionAt } from './cover.machine';

function start(position = 0) {
  const clock = new SimulatedClock();
  const actor = createActor(coverMachine, { clock, input: { entityId: 'cover.living_room_curtains', position, travelTimeMs: 20_000 } }).start();
  return { clock, actor };
}

describe('cover', () => {
  it('starts closed at position 0 and open otherwise', () => {
    expect(start(0).actor.getSnapshot().matches('closed')).toBe(true);
    expect(start(40).actor.getSnapshot().matches('open')).toBe(true);
  });

  it('opens over its travel time, with the position derived while moving', () => {
    const { clock, actor } = start(0);
    actor.send({ type: 'COVER.OPEN', at: 0 });
    expect(actor.getSnapshot().matches('opening')).toBe(true);
    clock.increment(5_000);
    expect(coverPositionAt(actor.getSnapshot().context, 5_000)).toBe(25);
    clock.increment(14_999);
    expect(actor.getSnapshot().matches('opening')).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().matches('open')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ position: 100, movedAt: 20_000, movingTowards: null });
  });

  it('stops mid-way as open at the position reached', () => {
    const { clock, actor } = start(100);
    actor.send({ type: 'COVER.CLOSE', at: 0 });
    expect(actor.getSnapshot().matches('closing')).toBe(true);
    clock.increment(8_000);
    actor.send({ type: 'COVER.STOP', at: 8_000 });
    expect(actor.getSnapshot().matches('open')).toBe(true);
    expect(actor.getSnapshot().context.position).toBe(60);
    clock.increment(60_000);
    expect(actor.getSnapshot().context.position).toBe(60);
  });

  it('moves to a set position and reverses direction when re-commanded', () => {
    const { clock, actor } = start(0);
    actor.send({ type: 'COVER.SET_POSITION', at: 0, position: 50 });
    clock.increment(4_000); // at 20
    actor.send({ type: 'COVER.CLOSE', at: 4_000 });
    expect(actor.getSnapshot().matches('closing')).toBe(true);
    clock.increment(3_999);
    expect(actor.getSnapshot().matches('closing')).toBe(true);
    clock.increment(1);
    expect(actor.getSnapshot().matches('closed')).toBe(true);
    expect(actor.getSnapshot().context.position).toBe(0);
  });
});
