// Twin of a safety `binary_sensor` (Home Assistant device_class moisture | smoke | gas; Matter Water Leak
// Detector / Smoke CO Alarm): `off` = clear, `on` = detected, as HA reports them. Raising and clearing the
// alarm are emitted: the "safety alerts" scene sends them home cloud ⇒ phone and car screen at once.
import { emit, setup } from 'xstate';

export type SafetyDeviceClass = 'moisture' | 'smoke' | 'gas';

export interface BinarySensorContext {
  entityId: string;
  deviceClass: SafetyDeviceClass;
}

export type BinarySensorInput = BinarySensorContext;

export type BinarySensorEvent =
  | { type: 'SENSOR.DETECTED'; at: number }
  | { type: 'SENSOR.CLEARED'; at: number };

/** Emitted outputs the simulation forwards as messages. */
export type BinarySensorEmitted =
  | { type: 'alarm.raised'; entityId: string; deviceClass: SafetyDeviceClass; at: number }
  | { type: 'alarm.cleared'; entityId: string; deviceClass: SafetyDeviceClass; at: number };

const alarmReport = (context: BinarySensorContext, at: number) => ({ entityId: context.entityId, deviceClass: context.deviceClass, at });

export const binarySensorMachine = setup({
  types: {
    context: {} as BinarySensorContext,
    events: {} as BinarySensorEvent,
    input: {} as BinarySensorInput,
    emitted: {} as BinarySensorEmitted,
  },
  actions: {
    emitRaised: emit(({ context, event }) => ({ type: 'alarm.raised' as const, ...alarmReport(context, event.at) })),
    emitCleared: emit(({ context, event }) => ({ type: 'alarm.cleared' as const, ...alarmReport(context, event.at) })),
  },
}).createMachine({
  id: 'binarySensor',
  context: ({ input }) => ({ entityId: input.entityId, deviceClass: input.deviceClass }),
  initial: 'off',
  states: {
    // Repeated detections while on are not re-raised: one alarm until it clears.
    off: { on: { 'SENSOR.DETECTED': { target: 'on', actions: 'emitRaised' } } },
    on: { on: { 'SENSOR.CLEARED': { target: 'off', actions: 'emitCleared' } } },
  },
});
