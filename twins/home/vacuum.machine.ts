// Twin of a Home Assistant `vacuum` (Matter Robotic Vacuum Cleaner): the robot that "扫地" (sweeps the floor) when
// told from the car or the speaker. HA's activity states: docked, cleaning, paused, idle (stopped where it is) and
// returning. A cleaning run lasts `cleaningMs`, after which it returns to its dock by itself, as real robots do;
// the way back takes `returnMs`. Starting a robot that is cleaning already, or stopping one that is docked, is a
// no-op rather than an error (HA services are idempotent); pausing one that is not cleaning is refused.
import { assign, emit, setup } from 'xstate';

export interface VacuumContext {
  entityId: string;
  cleaningMs: number;
  returnMs: number;
  /** Cleaning runs started (a figure a scene can check). */
  runs: number;
}

export type VacuumInput = { entityId: string } & Partial<Omit<VacuumContext, 'entityId' | 'runs'>>;

export type VacuumEvent =
  | { type: 'VACUUM.START' }
  | { type: 'VACUUM.STOP' }
  | { type: 'VACUUM.PAUSE' }
  | { type: 'VACUUM.RETURN_TO_BASE' };

/** Emitted outputs the simulation forwards as messages. */
export type VacuumEmitted = { type: 'command.rejected'; twinId: string; command: string; reason: string };

export const vacuumMachine = setup({
  types: { context: {} as VacuumContext, events: {} as VacuumEvent, input: {} as VacuumInput, emitted: {} as VacuumEmitted },
  actions: {
    countRun: assign({ runs: ({ context }) => context.runs + 1 }),
    rejectPause: emit(({ context, event }) => ({
      type: 'command.rejected' as const, twinId: context.entityId, command: event.type, reason: 'the vacuum is not cleaning, so there is nothing to pause',
    })),
  },
  delays: {
    cleaningRun: ({ context }) => context.cleaningMs,
    wayBack: ({ context }) => context.returnMs,
  },
}).createMachine({
  id: 'vacuum',
  context: ({ input }) => ({ entityId: input.entityId, cleaningMs: input.cleaningMs ?? 45 * 60_000, returnMs: input.returnMs ?? 60_000, runs: 0 }),
  initial: 'docked',
  on: { 'VACUUM.PAUSE': { actions: 'rejectPause' } },
  states: {
    docked: {
      on: { 'VACUUM.START': { target: 'cleaning', actions: 'countRun' } },
    },
    cleaning: {
      after: { cleaningRun: 'returning' },
      on: { 'VACUUM.STOP': 'idle', 'VACUUM.PAUSE': 'paused', 'VACUUM.RETURN_TO_BASE': 'returning' },
    },
    paused: {
      on: { 'VACUUM.START': 'cleaning', 'VACUUM.STOP': 'idle', 'VACUUM.RETURN_TO_BASE': 'returning', 'VACUUM.PAUSE': {} },
    },
    idle: {
      on: { 'VACUUM.START': { target: 'cleaning', actions: 'countRun' }, 'VACUUM.RETURN_TO_BASE': 'returning' },
    },
    returning: {
      after: { wayBack: 'docked' },
      on: { 'VACUUM.START': { target: 'cleaning', actions: 'countRun' }, 'VACUUM.STOP': 'idle' },
    },
  },
});
