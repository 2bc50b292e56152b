// Twin of a Home Assistant `fan` — the air purifier (and aroma diffuser) of the "home mode" scene; Matter Fan
// Control / Air Purifier: on/off, percentage 0–100 and a preset_mode from the device's preset_modes. As in HA,
// percentage 0 turns the fan off, and choosing a preset the device does not offer is refused.
import { assign, emit, setup } from 'xstate';

export interface FanContext {
  entityId: string;
  /** Last speed (1–100); kept while off so turn_on restores it. */
  percentage: number;
  presetMode: string | null;
  presetModes: string[];
}

export type FanInput = { entityId: string } & Partial<Omit<FanContext, 'entityId'>>;

export type FanEvent =
  | { type: 'FAN.TURN_ON'; percentage?: number; presetMode?: string }
  | { type: 'FAN.TURN_OFF' }
  | { type: 'FAN.SET_PERCENTAGE'; percentage: number }
  | { type: 'FAN.SET_PRESET_MODE'; presetMode: string };

/** Emitted outputs the simulation forwards as messages. */
export type FanEmitted = { type: 'command.rejected'; twinId: string; command: string; reason: string };

const requestedPreset = (event: FanEvent): string | undefined =>
  event.type === 'FAN.SET_PRESET_MODE' || event.type === 'FAN.TURN_ON' ? event.presetMode : undefined;

export const fanMachine = setup({
  types: { context: {} as FanContext, events: {} as FanEvent, input: {} as FanInput, emitted: {} as FanEmitted },
  actions: {
    apply: assign(({ context, event }) => {
      const requested = 'percentage' in event ? event.percentage : undefined;
      const percentage = requested === undefined ? undefined : Math.min(100, Math.max(1, Math.round(requested)));
      const preset = requestedPreset(event);
      return {
        percentage: percentage ?? context.percentage,
        // A manual speed leaves preset mode; a preset replaces the manual speed's meaning.
        presetMode: preset ?? (percentage !== undefined ? null : context.presetMode),
      };
    }),
    rejectPreset: emit(({ context, event }) => ({
      type: 'command.rejected' as const, twinId: context.entityId, command: event.type,
      reason: `preset_mode "${requestedPreset(event)}" is not one of ${context.presetModes.join(', ')}`,
    })),
  },
  guards: {
    unknownPreset: ({ context, event }) => {
      const preset = requestedPreset(event);
      return preset !== undefined && !context.presetModes.includes(preset);
    },
    turnsOff: ({ event }) => 'percentage' in event && event.percentage !== undefined && event.percentage <= 0,
  },
}).createMachine({
  id: 'fan',
  context: ({ input }) => ({
    entityId: input.entityId,
    percentage: input.percentage ?? 50,
    presetMode: input.presetMode ?? null,
    presetModes: input.presetModes ?? ['auto', 'sleep', 'turbo'],
  }),
  initial: 'off',
  on: { 'FAN.SET_PRESET_MODE': [{ guard: 'unknownPreset', actions: 'rejectPreset' }, { target: '.on', actions: 'apply' }] },
  states: {
    off: {
      on: {
        'FAN.TURN_ON': [{ guard: 'unknownPreset', actions: 'rejectPreset' }, { guard: 'turnsOff' }, { target: 'on', actions: 'apply' }],
        'FAN.SET_PERCENTAGE': [{ guard: 'turnsOff' }, { target: 'on', actions: 'apply' }],
      },
    },
    on: {
      on: {
        'FAN.TURN_ON': [{ guard: 'unknownPreset', actions: 'rejectPreset' }, { guard: 'turnsOff', target: 'off' }, { actions: 'apply' }],
        'FAN.SET_PERCENTAGE': [{ guard: 'turnsOff', target: 'off' }, { actions: 'apply' }],
        'FAN.TURN_OFF': 'off',
      },
    },
  },
});
