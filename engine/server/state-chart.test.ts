// The inspector's state chart is read from the running machine: the lock's states, its transitions (per state and
// machine-wide) and the active state as the door is unlocked; delayed, eventless and parallel nodes are named too.
import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { lockMachine } from '../../twins/home/lock.machine';
import { stateChartOf } from './state-chart';

describe('stateChartOf', () => {
  it('walks the lock machine and follows its active state', () => {
    const actor = createActor(lockMachine, { input: { entityId: 'lock.front_door' } }).start();
    const chart = stateChartOf(actor);
    expect(chart.root).toMatchObject({ id: 'lock', type: 'compound', initial: 'locked' });
    expect(chart.root.children.map((c) => c.key)).toEqual(['locked', 'unlocked', 'jammed']);
    const locked = chart.root.children[0]!;
    expect(locked.transitions).toEqual([{ event: 'DOOR.UNLOCK', targets: ['lock.unlocked'], guarded: false }]);
    // Machine-wide transitions sit on the root; one that only runs actions has no target.
    expect(chart.root.transitions).toContainEqual({ event: 'LOCK.JAMMED', targets: ['lock.jammed'], guarded: false });
    expect(chart.root.transitions).toContainEqual({ event: 'DOORBELL.PRESSED', targets: [], guarded: false });
    expect(chart.root.children[2]!.transitions).toContainEqual({ event: 'LOCK.JAM_CLEARED', targets: ['lock.unlocked'], guarded: false });
    expect(chart.active).toEqual(['lock', 'lock.locked']);

    actor.send({ type: 'DOOR.UNLOCK', at: 1, by: 'alice' });
    expect(stateChartOf(actor).active).toEqual(['lock', 'lock.unlocked']);
  });

  it('names delayed and eventless transitions and marks every region of a parallel state', () => {
    const machine = setup({ guards: { ready: () => true } }).createMachine({
      id: 'm',
      type: 'parallel',
      states: {
        door: { initial: 'closing', states: { closing: { after: { 5000: 'closed' } }, closed: {} } },
        light: { initial: 'off', states: { off: { always: { guard: 'ready', target: 'on' } }, on: { type: 'final' } } },
      },
    });
    const chart = stateChartOf(createActor(machine).start());
    const [door, light] = chart.root.children;
    expect(door!.children[0]!.transitions).toEqual([{ event: 'after 5000 ms', targets: ['m.door.closed'], guarded: false }]);
    expect(light!.children[0]!.transitions).toEqual([{ event: 'always', targets: ['m.light.on'], guarded: true }]);
    expect(light!.children[1]!.type).toBe('final');
    expect(chart.active).toEqual(['m', 'm.door', 'm.door.closing', 'm.light', 'm.light.on']);
  });
});
