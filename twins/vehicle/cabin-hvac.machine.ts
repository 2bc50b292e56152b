// Twin of the cabin climate: off / on (manual or remote preconditioning), setpoint, and cabin temperature
// folded lazily (see cabin-thermal.ts). Preconditioning is what the "leaving home" and "predict arrival"
// scenes trigger remotely: it emits `hvac.cabin_ready` when the cabin is within the comfort band, and stops
// by itself after a time limit, as carmakers do to protect a parked car's battery.
import { assign, emit, setup } from 'xstate';
import { cabinTemperatureAt, msUntilWithin, type CabinThermalState } from './cabin-thermal';

export interface CabinHvacContext extends CabinThermalState {
  vehicleId: string;
  /** Preconditioning stops by itself after this long. */
  preconditioningMaxMs: number;
  preconditioningEndsAt: number | null;
  /** "Ready" means within this many °C of the setpoint. */
  comfortBandC: number;
  cabinReadyAt: number | null;
}

export type CabinHvacInput = { vehicleId: string } & Partial<
  Omit<CabinHvacContext, 'vehicleId' | 'hvacActive' | 'preconditioningEndsAt' | 'cabinReadyAt'>
>;

export type CabinHvacEvent =
  | { type: 'HVAC.TURN_ON'; at: number }
  | { type: 'HVAC.TURN_OFF'; at: number }
  | { type: 'HVAC.SET_TARGET'; at: number; temperature: number }
  | { type: 'HVAC.PRECONDITION'; at: number; temperature?: number }
  | { type: 'AMBIENT.TEMPERATURE_CHANGED'; at: number; temperature: number };

/** Emitted outputs the simulation forwards as messages. */
export type CabinHvacEmitted =
  | { type: 'hvac.cabin_ready'; vehicleId: string; at: number; temperature: number }
  | { type: 'hvac.preconditioning_expired'; vehicleId: string; at: number };

// The only after-transition that changes the curve is the preconditioning limit, so an event without `at`
// means "the limit was reached".
const timeOf = (context: CabinHvacContext, event: { type: string }): number =>
  'at' in event && typeof event.at === 'number' ? event.at : (context.preconditioningEndsAt ?? context.updatedAt);

// A new setpoint or outside temperature moves the "ready" moment: re-enter `approaching` only, so the
// preconditioning time limit keeps running.
const replan = { target: '#cabinHvac.on.preconditioning.approaching', reenter: true } as const;
const replanCabinReady = {
  'HVAC.SET_TARGET': { ...replan, actions: ['foldTemperature', 'setTarget'] },
  'AMBIENT.TEMPERATURE_CHANGED': { ...replan, actions: ['foldTemperature', 'setAmbient'] },
} as const;

export const cabinHvacMachine = setup({
  types: { context: {} as CabinHvacContext, events: {} as CabinHvacEvent, input: {} as CabinHvacInput, emitted: {} as CabinHvacEmitted },
  actions: {
    foldTemperature: assign(({ context, event }) => {
      const t = timeOf(context, event);
      return { cabinTemperature: cabinTemperatureAt(context, t), updatedAt: Math.max(context.updatedAt, t) };
    }),
    setActive: assign((_, active: boolean) => ({ hvacActive: active })),
    setTarget: assign(({ context, event }) => ({
      targetTemperature: (event.type === 'HVAC.SET_TARGET' || event.type === 'HVAC.PRECONDITION' ? event.temperature : undefined)
        ?? context.targetTemperature,
    })),
    setAmbient: assign(({ context, event }) => ({
      ambientTemperature: event.type === 'AMBIENT.TEMPERATURE_CHANGED' ? event.temperature : context.ambientTemperature,
    })),
    startPreconditioningClock: assign(({ context }) => ({ preconditioningEndsAt: context.updatedAt + context.preconditioningMaxMs })),
    clearPreconditioningClock: assign({ preconditioningEndsAt: null, cabinReadyAt: null }),
    planCabinReady: assign(({ context }) => ({ cabinReadyAt: context.updatedAt + msUntilWithin(context, context.comfortBandC) })),
    emitCabinReady: emit(({ context }) => {
      const at = context.cabinReadyAt ?? context.updatedAt;
      return { type: 'hvac.cabin_ready' as const, vehicleId: context.vehicleId, at, temperature: cabinTemperatureAt(context, at) };
    }),
    emitExpired: emit(({ context }) => ({
      type: 'hvac.preconditioning_expired' as const, vehicleId: context.vehicleId, at: context.preconditioningEndsAt ?? context.updatedAt,
    })),
  },
  delays: {
    untilCabinReady: ({ context }) => Math.max(0, (context.cabinReadyAt ?? context.updatedAt) - context.updatedAt),
    preconditioningLimit: ({ context }) => context.preconditioningMaxMs,
  },
}).createMachine({
  id: 'cabinHvac',
  context: ({ input }) => ({
    vehicleId: input.vehicleId,
    ambientTemperature: input.ambientTemperature ?? 30,
    cabinTemperature: input.cabinTemperature ?? input.ambientTemperature ?? 30,
    updatedAt: input.updatedAt ?? 0,
    targetTemperature: input.targetTemperature ?? 22,
    hvacActive: false,
    activeTimeConstantMs: input.activeTimeConstantMs ?? 6 * 60_000,
    passiveTimeConstantMs: input.passiveTimeConstantMs ?? 45 * 60_000,
    preconditioningMaxMs: input.preconditioningMaxMs ?? 30 * 60_000,
    preconditioningEndsAt: null,
    comfortBandC: input.comfortBandC ?? 1,
    cabinReadyAt: null,
  }),
  initial: 'off',
  // Every change of goal first folds the curve so far, then the new curve starts from the folded value.
  on: {
    'HVAC.SET_TARGET': { actions: ['foldTemperature', 'setTarget'] },
    'AMBIENT.TEMPERATURE_CHANGED': { actions: ['foldTemperature', 'setAmbient'] },
  },
  states: {
    off: {
      on: {
        'HVAC.TURN_ON': { target: 'on.manual', actions: ['foldTemperature', { type: 'setActive', params: true }] },
        'HVAC.PRECONDITION': {
          target: 'on.preconditioning', actions: ['foldTemperature', 'setTarget', { type: 'setActive', params: true }],
        },
      },
    },
    on: {
      initial: 'manual',
      exit: ['foldTemperature', { type: 'setActive', params: false }, 'clearPreconditioningClock'],
      on: { 'HVAC.TURN_OFF': { target: 'off' } },
      states: {
        manual: { on: { 'HVAC.PRECONDITION': { target: 'preconditioning', actions: ['foldTemperature', 'setTarget'] } } },
        preconditioning: {
          entry: 'startPreconditioningClock',
          initial: 'approaching',
          after: { preconditioningLimit: { target: '#cabinHvac.off', actions: 'emitExpired' } },
          on: {
            // The driver took over: climate keeps running without the time limit.
            'HVAC.TURN_ON': { target: 'manual', actions: 'clearPreconditioningClock' },
            'HVAC.PRECONDITION': { target: 'preconditioning', reenter: true, actions: ['foldTemperature', 'setTarget'] },
          },
          states: {
            approaching: {
              entry: 'planCabinReady',
              after: { untilCabinReady: { target: 'ready', actions: 'emitCabinReady' } },
              on: replanCabinReady,
            },
            ready: { on: replanCabinReady },
          },
        },
      },
    },
  },
});
