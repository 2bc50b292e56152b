// Twin of the tire pressure monitoring system (TPMS): pressure per wheel in kPa (VSS
// `Vehicle.Chassis.Axle.RowN.Wheel.Left|Right.Tire.Pressure`), and a warning while any tire is more than 25 %
// below the placard pressure — the threshold FMVSS 138 uses, and the answer the smart speaker gives in the
// "status query" scene.
import { assign, emit, setup } from 'xstate';

export const WHEEL_POSITIONS = ['Row1.Left', 'Row1.Right', 'Row2.Left', 'Row2.Right'] as const;
export type WheelPosition = (typeof WHEEL_POSITIONS)[number];

export interface TiresContext {
  vehicleId: string;
  pressuresKpa: Record<WheelPosition, number>;
  /** Placard (recommended cold) pressure. */
  recommendedKpa: number;
  /** Warn below this fraction of the placard pressure. */
  warningRatio: number;
}

export type TiresInput = { vehicleId: string; pressuresKpa?: Partial<Record<WheelPosition, number>> } & Partial<
  Pick<TiresContext, 'recommendedKpa' | 'warningRatio'>
>;

export type TiresEvent = { type: 'TIRE.PRESSURE_MEASURED'; at: number; wheel: WheelPosition; pressureKpa: number };

/** Emitted outputs the simulation forwards as messages. */
export type TiresEmitted =
  | { type: 'tire.pressure_low'; vehicleId: string; at: number; wheels: WheelPosition[] }
  | { type: 'tire.pressure_restored'; vehicleId: string; at: number };

/** Wheels below the warning threshold, in VSS order. */
export function lowPressureWheels(context: TiresContext): WheelPosition[] {
  const threshold = context.recommendedKpa * context.warningRatio;
  return WHEEL_POSITIONS.filter((wheel) => context.pressuresKpa[wheel] < threshold);
}

// Eventless checks also run at start (event `xstate.init`, no `at`).
const timeOf = (event: { type: string }): number => ('at' in event && typeof event.at === 'number' ? event.at : 0);

export const tiresMachine = setup({
  types: { context: {} as TiresContext, events: {} as TiresEvent, input: {} as TiresInput, emitted: {} as TiresEmitted },
  actions: {
    recordPressure: assign(({ context, event }) => ({ pressuresKpa: { ...context.pressuresKpa, [event.wheel]: event.pressureKpa } })),
    emitLow: emit(({ context, event }) => ({
      type: 'tire.pressure_low' as const, vehicleId: context.vehicleId, at: timeOf(event), wheels: lowPressureWheels(context),
    })),
    emitRestored: emit(({ context, event }) => ({
      type: 'tire.pressure_restored' as const, vehicleId: context.vehicleId, at: timeOf(event),
    })),
  },
  guards: {
    someTireLow: ({ context }) => lowPressureWheels(context).length > 0,
    allTiresOk: ({ context }) => lowPressureWheels(context).length === 0,
    measuredWheelGoesLow: ({ context, event }) => {
      const threshold = context.recommendedKpa * context.warningRatio;
      return event.pressureKpa < threshold && context.pressuresKpa[event.wheel] >= threshold;
    },
  },
}).createMachine({
  id: 'tires',
  context: ({ input }) => {
    const recommendedKpa = input.recommendedKpa ?? 250;
    const pressuresKpa = Object.fromEntries(
      WHEEL_POSITIONS.map((wheel) => [wheel, input.pressuresKpa?.[wheel] ?? recommendedKpa]),
    ) as Record<WheelPosition, number>;
    return {
      vehicleId: input.vehicleId,
      pressuresKpa,
      recommendedKpa,
      warningRatio: input.warningRatio ?? 0.75,
    };
  },
  initial: 'normal',
  on: { 'TIRE.PRESSURE_MEASURED': { actions: 'recordPressure' } },
  states: {
    normal: {
      // A new measurement is folded first (parent handler), then the eventless check decides.
      always: { guard: 'someTireLow', target: 'warning', actions: 'emitLow' },
    },
    warning: {
      on: {
        // Another wheel going low while the warning is on is reported too.
        'TIRE.PRESSURE_MEASURED': [
          { guard: 'measuredWheelGoesLow', actions: ['recordPressure', 'emitLow'] },
          { actions: 'recordPressure' },
        ],
      },
      always: { guard: 'allTiresOk', target: 'normal', actions: 'emitRestored' },
    },
  },
});
