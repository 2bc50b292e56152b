// Events the engine's runner adds to the canonical stream (besides the twins' own, twins/sim/catalogue), with the
// keys of their data. The test that runs every shipped scenario (engine/runner/emitted-names.test.ts) fails when
// the runner emits a type or key not listed here.
import type { EventCatalogue } from '../../twins/sim/catalogue';

/** The weather a scenario can make (schema-actions `weather.kind`); each is a `weather.<kind>` event. */
export const WEATHER_KINDS = ['rainstorm', 'heatwave'] as const;

export const ENGINE_EVENTS: EventCatalogue = {
  // engine/runner/scenario-run.ts
  'step.fired': ['step'],
  'step.error': ['step', 'error'],
  // engine/runner/actions.ts
  'prompt.ignored': ['prompt'],
  'fault.broker_restart': ['durationMs'],
  ...Object.fromEntries(WEATHER_KINDS.map((kind) => [`weather.${kind}`, ['intensity', 'temperature']])),
  // engine/server/live-session.ts: a person acted at a device from the app (the inspector, a screen's buttons).
  'twin.physical_action': ['twin', 'event', 'by'],
  // engine/server/device-command.ts: a person pressed a device card's control in the app.
  'ui.device_command': ['device', 'command', 'attributes'],
};
