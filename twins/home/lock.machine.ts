// Twin of the front-door smart lock (Home Assistant `lock`, Matter Door Lock) with its doorbell button:
// locked / unlocked / jammed. A doorbell press is emitted in every state — it starts the "doorbell across
// screens" scene. Unlocking happens only on an explicit DOOR.UNLOCK naming who asked for it; the security
// layer sits in front of this machine (twins/sim/command-guard.ts: signature, freshness, replay, grant and the
// occupant's confirmation are checked at the home gateway and home cloud), which therefore never unlocks by itself.
import { emit, setup } from 'xstate';

export interface LockContext {
  entityId: string;
}

export type LockInput = { entityId: string };

export type LockEvent =
  | { type: 'DOOR.LOCK'; at: number }
  | { type: 'DOOR.UNLOCK'; at: number; by: string }
  | { type: 'DOORBELL.PRESSED'; at: number; visitor?: string }
  | { type: 'LOCK.JAMMED'; at: number }
  | { type: 'LOCK.JAM_CLEARED'; at: number };

/** Emitted outputs the simulation forwards as messages. */
export type LockEmitted =
  | { type: 'doorbell.pressed'; entityId: string; at: number; visitor: string | null }
  | { type: 'lock.locked'; entityId: string; at: number }
  | { type: 'lock.unlocked'; entityId: string; at: number; by: string }
  | { type: 'lock.jammed'; entityId: string; at: number }
  | { type: 'command.rejected'; twinId: string; command: string; reason: string };

export const lockMachine = setup({
  types: { context: {} as LockContext, events: {} as LockEvent, input: {} as LockInput, emitted: {} as LockEmitted },
  actions: {
    emitDoorbell: emit(({ context, event }) => ({
      type: 'doorbell.pressed' as const,
      entityId: context.entityId,
      at: event.at,
      visitor: event.type === 'DOORBELL.PRESSED' ? (event.visitor ?? null) : null,
    })),
    emitLocked: emit(({ context, event }) => ({ type: 'lock.locked' as const, entityId: context.entityId, at: event.at })),
    emitUnlocked: emit(({ context, event }) => ({
      type: 'lock.unlocked' as const, entityId: context.entityId, at: event.at, by: event.type === 'DOOR.UNLOCK' ? event.by : '',
    })),
    emitJammed: emit(({ context, event }) => ({ type: 'lock.jammed' as const, entityId: context.entityId, at: event.at })),
    rejectJammed: emit(({ context, event }) => ({
      type: 'command.rejected' as const, twinId: context.entityId, command: event.type, reason: 'lock is jammed: clear the jam first',
    })),
  },
}).createMachine({
  id: 'lock',
  context: ({ input }) => ({ entityId: input.entityId }),
  initial: 'locked',
  on: {
    'DOORBELL.PRESSED': { actions: 'emitDoorbell' },
    'LOCK.JAMMED': { target: '.jammed', actions: 'emitJammed' },
  },
  states: {
    locked: { on: { 'DOOR.UNLOCK': { target: 'unlocked', actions: 'emitUnlocked' } } },
    unlocked: { on: { 'DOOR.LOCK': { target: 'locked', actions: 'emitLocked' } } },
    jammed: {
      on: {
        'DOOR.LOCK': { actions: 'rejectJammed' },
        'DOOR.UNLOCK': { actions: 'rejectJammed' },
        // Where the bolt ended up after a jam is unknown; report unlocked so someone locks it again.
        'LOCK.JAM_CLEARED': 'unlocked',
      },
    },
  },
});
