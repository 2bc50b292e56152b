// Twin of a Home Assistant `cover` (motorised curtains; Matter Window Covering): open / closed / opening /
// closing, with current_position 0 (closed) – 100 (open). Motion takes real travel time: the position is
// derived lazily while moving (`coverPositionAt`), and arrival is an XState `after` delay.
import { assign, setup } from 'xstate';

export interface CoverContext {
  entityId: string;
  /** current_position as of `movedAt`. */
  position: number;
  movedAt: number;
  /** Where the motor is heading; null when stationary. */
  movingTowards: number | null;
  /** Time for a full 0 → 100 travel. */
  travelTimeMs: number;
}

export type CoverInput = { entityId: string } & Partial<Pick<CoverContext, 'position' | 'travelTimeMs'>>;

export type CoverEvent =
  | { type: 'COVER.OPEN'; at: number }
  | { type: 'COVER.CLOSE'; at: number }
  | { type: 'COVER.STOP'; at: number }
  | { type: 'COVER.SET_POSITION'; at: number; position: number };

/** current_position (0–100) at virtual time `t`. */
export function coverPositionAt(cover: CoverContext, t: number): number {
  if (cover.movingTowards === null) return cover.position;
  const travelled = (Math.max(0, t - cover.movedAt) / cover.travelTimeMs) * 100;
  const remaining = cover.movingTowards - cover.position;
  return Math.abs(remaining) <= travelled ? cover.movingTowards : cover.position + Math.sign(remaining) * travelled;
}

const msToArrive = (cover: CoverContext): number =>
  cover.movingTowards === null ? 0 : Math.ceil((Math.abs(cover.movingTowards - cover.position) / 100) * cover.travelTimeMs);

export const coverMachine = setup({
  types: { context: {} as CoverContext, events: {} as CoverEvent, input: {} as CoverInput },
  actions: {
    foldPosition: assign(({ context, event }) => ({
      position: coverPositionAt(context, event.at), movedAt: Math.max(context.movedAt, event.at),
    })),
    headFor: assign(({ event }) => ({
      movingTowards: event.type === 'COVER.OPEN' ? 100 : event.type === 'COVER.CLOSE' ? 0
        : event.type === 'COVER.SET_POSITION' ? Math.min(100, Math.max(0, Math.round(event.position))) : null,
    })),
    // Arrival is exact: the timer was computed from the same speed as coverPositionAt.
    arrive: assign(({ context }) => ({
      position: context.movingTowards ?? context.position, movedAt: context.movedAt + msToArrive(context), movingTowards: null,
    })),
  },
  guards: {
    headingUp: ({ context }) => context.movingTowards !== null && context.movingTowards > context.position,
    headingDown: ({ context }) => context.movingTowards !== null && context.movingTowards < context.position,
    fullyClosed: ({ context }) => context.position <= 0,
  },
  delays: { untilArrived: ({ context }) => msToArrive(context) },
}).createMachine({
  id: 'cover',
  context: ({ input }) => ({
    entityId: input.entityId, position: input.position ?? 0, movedAt: 0, movingTowards: null, travelTimeMs: input.travelTimeMs ?? 20_000,
  }),
  initial: 'deciding',
  on: {
    'COVER.OPEN': { target: '.deciding', actions: ['foldPosition', 'headFor'] },
    'COVER.CLOSE': { target: '.deciding', actions: ['foldPosition', 'headFor'] },
    'COVER.SET_POSITION': { target: '.deciding', actions: ['foldPosition', 'headFor'] },
    'COVER.STOP': { target: '.deciding', actions: ['foldPosition', 'headFor'] },
  },
  states: {
    // Transient: picks the HA state from where the cover is and where it is heading.
    deciding: {
      always: [
        { guard: 'headingUp', target: 'opening' },
        { guard: 'headingDown', target: 'closing' },
        { guard: 'fullyClosed', target: 'closed', actions: 'arrive' },
        { target: 'open', actions: 'arrive' },
      ],
    },
    opening: { after: { untilArrived: { target: 'deciding', actions: 'arrive' } } },
    closing: { after: { untilArrived: { target: 'deciding', actions: 'arrive' } } },
    open: {},
    closed: {},
  },
});
