// Twin of a Home Assistant `climate` entity (thermostat / air conditioner, Matter Thermostat): hvac_mode
// off/cool/heat/auto/fan_only as states, target_temperature, and current_temperature folded lazily at each
// event's `at` (see room-thermal.ts). TURN_ON restores the last active mode, as HA's climate.turn_on does.
import { assign, setup } from 'xstate';
import { currentTemperatureAt, type HvacMode, type RoomThermalState } from './room-thermal';

export interface ClimateContext extends RoomThermalState {
  entityId: string;
  /** Mode TURN_ON returns to. */
  lastActiveMode: Exclude<HvacMode, 'off'>;
  minTemp: number;
  maxTemp: number;
}

export type ClimateInput = { entityId: string } & Partial<Omit<ClimateContext, 'entityId' | 'lastActiveMode'>>;

export type ClimateEvent =
  | { type: 'CLIMATE.SET_HVAC_MODE'; at: number; hvacMode: HvacMode }
  | { type: 'CLIMATE.SET_TEMPERATURE'; at: number; targetTemperature: number; hvacMode?: HvacMode }
  | { type: 'CLIMATE.TURN_ON'; at: number }
  | { type: 'CLIMATE.TURN_OFF'; at: number }
  | { type: 'OUTDOOR.TEMPERATURE_CHANGED'; at: number; temperature: number };

function requestedMode(context: ClimateContext, event: ClimateEvent): HvacMode {
  switch (event.type) {
    case 'CLIMATE.SET_HVAC_MODE': return event.hvacMode;
    case 'CLIMATE.SET_TEMPERATURE': return event.hvacMode ?? context.hvacMode;
    case 'CLIMATE.TURN_ON': return context.hvacMode === 'off' ? context.lastActiveMode : context.hvacMode;
    case 'CLIMATE.TURN_OFF': return 'off';
    default: return context.hvacMode;
  }
}

export const climateMachine = setup({
  types: { context: {} as ClimateContext, events: {} as ClimateEvent, input: {} as ClimateInput },
  actions: {
    // Fold the curve so far before anything that changes its goal.
    foldTemperature: assign(({ context, event }) => ({
      currentTemperature: currentTemperatureAt(context, event.at), updatedAt: Math.max(context.updatedAt, event.at),
    })),
    setMode: assign(({ context, event }) => {
      const hvacMode = requestedMode(context, event);
      return { hvacMode, lastActiveMode: hvacMode === 'off' ? context.lastActiveMode : hvacMode };
    }),
    setTarget: assign(({ context, event }) => ({
      targetTemperature: event.type === 'CLIMATE.SET_TEMPERATURE'
        ? Math.min(context.maxTemp, Math.max(context.minTemp, event.targetTemperature)) : context.targetTemperature,
    })),
    setOutdoor: assign(({ context, event }) => ({
      outdoorTemperature: event.type === 'OUTDOOR.TEMPERATURE_CHANGED' ? event.temperature : context.outdoorTemperature,
    })),
  },
  guards: { modeIs: ({ context }, mode: HvacMode) => context.hvacMode === mode },
}).createMachine({
  id: 'climate',
  context: ({ input }) => {
    const hvacMode = input.hvacMode ?? 'off';
    return {
      entityId: input.entityId,
      hvacMode,
      lastActiveMode: hvacMode === 'off' ? 'cool' : hvacMode,
      targetTemperature: input.targetTemperature ?? 24,
      outdoorTemperature: input.outdoorTemperature ?? 30,
      currentTemperature: input.currentTemperature ?? input.outdoorTemperature ?? 30,
      updatedAt: input.updatedAt ?? 0,
      activeTimeConstantMs: input.activeTimeConstantMs ?? 10 * 60_000,
      passiveTimeConstantMs: input.passiveTimeConstantMs ?? 4 * 3_600_000,
      minTemp: input.minTemp ?? 16,
      maxTemp: input.maxTemp ?? 30,
    };
  },
  // The hvac_mode lives in context (the physics needs it); the state value mirrors it for `matches`.
  initial: 'routing',
  on: {
    'CLIMATE.SET_HVAC_MODE': { target: '.routing', actions: ['foldTemperature', 'setMode'] },
    'CLIMATE.SET_TEMPERATURE': { target: '.routing', actions: ['foldTemperature', 'setTarget', 'setMode'] },
    'CLIMATE.TURN_ON': { target: '.routing', actions: ['foldTemperature', 'setMode'] },
    'CLIMATE.TURN_OFF': { target: '.routing', actions: ['foldTemperature', 'setMode'] },
    'OUTDOOR.TEMPERATURE_CHANGED': { actions: ['foldTemperature', 'setOutdoor'] },
  },
  states: {
    routing: {
      always: [
        { guard: { type: 'modeIs', params: 'cool' }, target: 'cool' },
        { guard: { type: 'modeIs', params: 'heat' }, target: 'heat' },
        { guard: { type: 'modeIs', params: 'auto' }, target: 'auto' },
        { guard: { type: 'modeIs', params: 'fan_only' }, target: 'fan_only' },
        { target: 'off' },
      ],
    },
    off: {},
    cool: {},
    heat: {},
    auto: {},
    fan_only: {},
  },
});
