// The robot vacuum: start, pause, stop and return to base as HA's vacuum services do, and the cleaning run that
// ends on its own with the way back to the dock.
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { vacuumMachine } from './vacuum.machine';

function robot() {
  const clock = new SimulatedClock();
  const actor = createActor(vacuumMachine, { input: { entityId: 'vacuum.robot', cleaningMs: 600_000, returnMs: 60_000 }, clock }).start();
  const rejected: string[] = [];
  actor.on('command.rejected', (e) => rejected.push(e.reason));
  return { actor, clock, rejected };
}

describe('vacuum', () => {
  it('starts from the dock, cleans for its run, returns and docks by itself', () => {
    const { actor, clock } = robot();
    expect(actor.getSnapshot().value).toBe('docked');
    actor.send({ type: 'VACUUM.START' });
    expect(actor.getSnapshot().value).toBe('cleaning');
    clock.increment(599_999);
    expect(actor.getSnapshot().value).toBe('cleaning');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('returning');
    clock.increment(60_000);
    expect(actor.getSnapshot().value).toBe('docked');
    expect(actor.getSnapshot().context.runs).toBe(1);
  });

  it('stops where it is (idle), and a pause resumes the same run', () => {
    const { actor } = robot();
    actor.send({ type: 'VACUUM.START' });
    actor.send({ type: 'VACUUM.PAUSE' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'VACUUM.START' });
    expect(actor.getSnapshot().value).toBe('cleaning');
    expect(actor.getSnapshot().context.runs).toBe(1);
    actor.send({ type: 'VACUUM.STOP' });
    expect(actor.getSnapshot().value).toBe('idle');
    actor.send({ type: 'VACUUM.RETURN_TO_BASE' });
    expect(actor.getSnapshot().value).toBe('returning');
  });

  it('stopping a docked robot does nothing; pausing one that is not cleaning is refused with the reason', () => {
    const { actor, rejected } = robot();
    actor.send({ type: 'VACUUM.STOP' });
    expect(actor.getSnapshot().value).toBe('docked');
    actor.send({ type: 'VACUUM.PAUSE' });
    expect(actor.getSnapshot().value).toBe('docked');
    expect(rejected).toEqual(['the vacuum is not cleaning, so there is nothing to pause']);
  });
});
