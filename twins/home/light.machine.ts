// Twin of a Home Assistant `light` (Matter Dimmable / Color Temperature Light): on/off, brightness 0–255 and
// color_temp_kelvin. The "home mode" scene asks for lights "on, soft": the `soft` scene is a low, warm light.
// As in HA, turning on with brightness 0 turns the light off, and a plain turn_on restores the last level.
import { assign, setup } from 'xstate';

/** The 'soft' scene of the home-mode scene: about a quarter brightness, warm white. */
export const SOFT_SCENE = { brightness: 64, colorTempKelvin: 2700 } as const;

export interface LightContext {
  entityId: string;
  /** Last brightness (1–255); kept while off so turn_on restores it. */
  brightness: number;
  colorTempKelvin: number;
  minColorTempKelvin: number;
  maxColorTempKelvin: number;
}

export type LightInput = { entityId: string } & Partial<Omit<LightContext, 'entityId'>>;

export type LightEvent =
  | { type: 'LIGHT.TURN_ON'; brightness?: number; colorTempKelvin?: number; scene?: 'soft' }
  | { type: 'LIGHT.TURN_OFF' }
  | { type: 'LIGHT.TOGGLE' };

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.round(value)));

export const lightMachine = setup({
  types: { context: {} as LightContext, events: {} as LightEvent, input: {} as LightInput },
  actions: {
    applyTurnOn: assign(({ context, event }) => {
      if (event.type !== 'LIGHT.TURN_ON') return {};
      const scene = event.scene === 'soft' ? SOFT_SCENE : undefined;
      const brightness = event.brightness ?? scene?.brightness;
      const kelvin = event.colorTempKelvin ?? scene?.colorTempKelvin;
      return {
        brightness: brightness === undefined ? context.brightness : clamp(brightness, 1, 255),
        colorTempKelvin: kelvin === undefined
          ? context.colorTempKelvin : clamp(kelvin, context.minColorTempKelvin, context.maxColorTempKelvin),
      };
    }),
  },
  guards: {
    turnsOff: ({ event }) => event.type === 'LIGHT.TURN_ON' && event.brightness !== undefined && event.brightness <= 0,
  },
}).createMachine({
  id: 'light',
  context: ({ input }) => ({
    entityId: input.entityId,
    brightness: clamp(input.brightness ?? 255, 1, 255),
    colorTempKelvin: input.colorTempKelvin ?? 4000,
    minColorTempKelvin: input.minColorTempKelvin ?? 2000,
    maxColorTempKelvin: input.maxColorTempKelvin ?? 6500,
  }),
  initial: 'off',
  states: {
    off: {
      on: {
        'LIGHT.TURN_ON': [{ guard: 'turnsOff' }, { target: 'on', actions: 'applyTurnOn' }],
        'LIGHT.TOGGLE': 'on',
      },
    },
    on: {
      on: {
        'LIGHT.TURN_ON': [{ guard: 'turnsOff', target: 'off' }, { actions: 'applyTurnOn' }],
        'LIGHT.TURN_OFF': 'off',
        'LIGHT.TOGGLE': 'off',
      },
    },
  },
});
