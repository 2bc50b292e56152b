// Twin of the car body: central locking of the four doors and the trunk, door open/closed, and window
// positions (VSS: 0 = fully closed, 100 = fully opened). Remote lock/unlock act on every door; an unlock may
// name one door ("driver door only"), which leaves the car `unlocked`. Locking is refused while a door or the
// trunk stands open, as real cars do, and the refusal is emitted so the sender sees a failed command.
import { assign, emit, setup } from 'xstate';

export const DOOR_POSITIONS = ['Row1.DriverSide', 'Row1.PassengerSide', 'Row2.DriverSide', 'Row2.PassengerSide'] as const;
export type DoorPosition = (typeof DOOR_POSITIONS)[number];

export interface DoorState {
  isLocked: boolean;
  isOpen: boolean;
  /** Window position in percent, 0 = fully closed. */
  windowPosition: number;
}

export interface BodyContext {
  vehicleId: string;
  doors: Record<DoorPosition, DoorState>;
  trunk: { isOpen: boolean; isLocked: boolean };
}

export interface BodyInput {
  vehicleId: string;
  locked?: boolean;
  windowPositions?: Partial<Record<DoorPosition, number>>;
}

export type BodyEvent =
  | { type: 'DOOR.LOCK' }
  | { type: 'DOOR.UNLOCK'; door?: DoorPosition }
  | { type: 'DOOR.OPEN'; door: DoorPosition }
  | { type: 'DOOR.CLOSE'; door: DoorPosition }
  | { type: 'WINDOW.SET_POSITION'; door: DoorPosition; position: number }
  | { type: 'WINDOW.CLOSE_ALL' }
  | { type: 'TRUNK.OPEN' }
  | { type: 'TRUNK.CLOSE' };

/** Emitted outputs the simulation forwards as messages. */
export type BodyEmitted =
  | { type: 'body.locked'; vehicleId: string }
  | { type: 'body.unlocked'; vehicleId: string; doors: DoorPosition[] }
  | { type: 'command.rejected'; twinId: string; command: string; reason: string };

const clampPercent = (value: number): number => Math.min(100, Math.max(0, Math.round(value)));

function mapDoors(doors: BodyContext['doors'], change: (door: DoorPosition, state: DoorState) => DoorState): BodyContext['doors'] {
  const next = { ...doors };
  for (const door of DOOR_POSITIONS) next[door] = change(door, doors[door]);
  return next;
}

const unlockedDoors = (event: BodyEvent): DoorPosition[] =>
  event.type === 'DOOR.UNLOCK' && event.door !== undefined ? [event.door] : [...DOOR_POSITIONS];

export const bodyMachine = setup({
  types: { context: {} as BodyContext, events: {} as BodyEvent, input: {} as BodyInput, emitted: {} as BodyEmitted },
  actions: {
    lockAll: assign(({ context }) => ({
      doors: mapDoors(context.doors, (_door, state) => ({ ...state, isLocked: true })),
      trunk: { ...context.trunk, isLocked: true },
    })),
    unlock: assign(({ context, event }) => {
      const doors = unlockedDoors(event);
      return {
        doors: mapDoors(context.doors, (door, state) => (doors.includes(door) ? { ...state, isLocked: false } : state)),
        // The trunk follows central locking, not a single-door unlock.
        trunk: doors.length === DOOR_POSITIONS.length ? { ...context.trunk, isLocked: false } : context.trunk,
      };
    }),
    setDoorOpen: assign(({ context, event }) => {
      if (event.type !== 'DOOR.OPEN' && event.type !== 'DOOR.CLOSE') return {};
      const isOpen = event.type === 'DOOR.OPEN';
      return { doors: mapDoors(context.doors, (door, state) => (door === event.door ? { ...state, isOpen } : state)) };
    }),
    setWindow: assign(({ context, event }) => {
      if (event.type === 'WINDOW.CLOSE_ALL') return { doors: mapDoors(context.doors, (_d, s) => ({ ...s, windowPosition: 0 })) };
      if (event.type !== 'WINDOW.SET_POSITION') return {};
      const position = clampPercent(event.position);
      return { doors: mapDoors(context.doors, (door, s) => (door === event.door ? { ...s, windowPosition: position } : s)) };
    }),
    setTrunkOpen: assign(({ context, event }) => ({ trunk: { ...context.trunk, isOpen: event.type === 'TRUNK.OPEN' } })),
    emitLocked: emit(({ context }) => ({ type: 'body.locked' as const, vehicleId: context.vehicleId })),
    emitUnlocked: emit(({ context, event }) => ({
      type: 'body.unlocked' as const, vehicleId: context.vehicleId, doors: unlockedDoors(event),
    })),
    reject: emit(({ context, event }, reason: string) => ({
      type: 'command.rejected' as const, twinId: context.vehicleId, command: event.type, reason,
    })),
  },
  guards: {
    everythingClosed: ({ context }) => !context.trunk.isOpen && DOOR_POSITIONS.every((d) => !context.doors[d].isOpen),
    initiallyLocked: ({ context }) => context.trunk.isLocked,
    trunkIsUnlocked: ({ context }) => !context.trunk.isLocked,
    doorIsUnlocked: ({ context, event }) => event.type === 'DOOR.OPEN' && !context.doors[event.door].isLocked,
  },
}).createMachine({
  id: 'body',
  context: ({ input }) => {
    const locked = input.locked ?? true;
    const door = (position: DoorPosition): DoorState => ({
      isLocked: locked, isOpen: false, windowPosition: clampPercent(input.windowPositions?.[position] ?? 0),
    });
    const doors = Object.fromEntries(DOOR_POSITIONS.map((p) => [p, door(p)])) as Record<DoorPosition, DoorState>;
    return { vehicleId: input.vehicleId, doors, trunk: { isOpen: false, isLocked: locked } };
  },
  // XState has no conditional initial state; this transient one settles on `locked` or `unlocked` at start.
  initial: 'checkingInitialLocks',
  on: {
    'WINDOW.SET_POSITION': { actions: 'setWindow' },
    'WINDOW.CLOSE_ALL': { actions: 'setWindow' },
    'DOOR.CLOSE': { actions: 'setDoorOpen' },
    'TRUNK.CLOSE': { actions: 'setTrunkOpen' },
  },
  states: {
    checkingInitialLocks: {
      always: [{ guard: 'initiallyLocked', target: 'locked' }, { target: 'unlocked' }],
    },
    locked: {
      on: {
        'DOOR.UNLOCK': { target: 'unlocked', actions: ['unlock', 'emitUnlocked'] },
        'DOOR.OPEN': { actions: { type: 'reject', params: 'door is locked' } },
        'TRUNK.OPEN': { actions: { type: 'reject', params: 'trunk is locked' } },
      },
    },
    unlocked: {
      on: {
        'DOOR.LOCK': [
          { guard: 'everythingClosed', target: 'locked', actions: ['lockAll', 'emitLocked'] },
          { actions: { type: 'reject', params: 'a door or the trunk is open' } },
        ],
        'DOOR.UNLOCK': { actions: ['unlock', 'emitUnlocked'] },
        'DOOR.OPEN': [
          { guard: 'doorIsUnlocked', actions: 'setDoorOpen' },
          { actions: { type: 'reject', params: 'door is locked' } },
        ],
        'TRUNK.OPEN': [
          { guard: 'trunkIsUnlocked', actions: 'setTrunkOpen' },
          { actions: { type: 'reject', params: 'trunk is locked' } },
        ],
      },
    },
  },
});
