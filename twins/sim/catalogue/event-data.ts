// The data fields each twin event accepts (what a scenario's `setState: { data }` may carry), written once per
// machine and held to the machine's own event type by the compiler: `DataSpec<EventFromLogic<machine>>` demands a
// spec for every event the machine declares and every field of it — a field added, removed, renamed, made optional
// or retyped in a machine fails the type check here until this table follows. `at` is absent on purpose: the twin
// stamps it with the virtual time (TwinActor.send), and a scenario must not override the clock.
import type { EventFromLogic } from 'xstate';
import type { DeviceType, deviceMachines } from '../../home/devices';
import { HVAC_MODES } from '../../home/room-thermal';
import { DOOR_POSITIONS } from '../../vehicle/body.machine';
import { WHEEL_POSITIONS } from '../../vehicle/tires.machine';
import type { VehiclePart, vehicleMachines } from '../../vehicle';

/** A field's JSON type; nested objects are checked no deeper (their shape is the machine's business). */
export type FieldType = 'number' | 'string' | 'boolean' | 'object' | readonly string[];
export type FieldSpec = FieldType | { optional: FieldType };

type TypeOf<V> = [V] extends [number] ? 'number'
  : [V] extends [boolean] ? 'boolean'
  : [V] extends [string] ? (string extends V ? 'string' : readonly V[])
  : 'object';
type Field<E, F extends keyof E> = Partial<Pick<E, F>> extends Pick<E, F> ? { optional: TypeOf<NonNullable<E[F]>> } : TypeOf<E[F]>;
type FieldsOf<E> = { [F in Exclude<keyof E, 'type' | 'at'>]-?: Field<E, F> };
/** Per event type of a machine, the spec of each of its fields. */
export type DataSpec<E extends { type: string }> = { [K in E['type']]: FieldsOf<Extract<E, { type: K }>> };

type DeviceSpecs = { [T in DeviceType]: DataSpec<EventFromLogic<(typeof deviceMachines)[T]>> };
type VehicleSpecs = { [P in VehiclePart]: DataSpec<EventFromLogic<(typeof vehicleMachines)[P]>> };

const none = {} as const;
const by = { by: 'string' } as const;
const byOptional = { by: { optional: 'string' } } as const;
const trip = { tripId: 'string', distanceKm: 'number', energyKwh: 'number', latitude: 'number', longitude: 'number' } as const;

const screen = {
  'NOTIFICATION.POST': { notification: 'object' },
  'NOTIFICATION.ACKNOWLEDGE': { id: 'string' },
  'PROMPT.SHOW': { prompt: 'object' },
  'PROMPT.CONFIRM': { promptId: { optional: 'string' }, option: { optional: 'string' } },
  'PROMPT.DECLINE': { promptId: { optional: 'string' } },
  'PROMPT.WITHDRAW': { promptId: 'string' },
  'PIP.SHOW': { pip: 'object' },
  'PIP.CLOSE': none,
} as const;

const DEVICE_EVENT_DATA = {
  climate: {
    'CLIMATE.SET_HVAC_MODE': { hvacMode: HVAC_MODES },
    'CLIMATE.SET_TEMPERATURE': { targetTemperature: 'number', hvacMode: { optional: HVAC_MODES } },
    'CLIMATE.TURN_ON': none,
    'CLIMATE.TURN_OFF': none,
    'OUTDOOR.TEMPERATURE_CHANGED': { temperature: 'number' },
  },
  light: {
    'LIGHT.TURN_ON': { brightness: { optional: 'number' }, colorTempKelvin: { optional: 'number' }, scene: { optional: ['soft'] } },
    'LIGHT.TURN_OFF': none,
    'LIGHT.TOGGLE': none,
  },
  cover: { 'COVER.OPEN': none, 'COVER.CLOSE': none, 'COVER.STOP': none, 'COVER.SET_POSITION': { position: 'number' } },
  fan: {
    'FAN.TURN_ON': { percentage: { optional: 'number' }, presetMode: { optional: 'string' } },
    'FAN.TURN_OFF': none,
    'FAN.SET_PERCENTAGE': { percentage: 'number' },
    'FAN.SET_PRESET_MODE': { presetMode: 'string' },
  },
  lock: {
    'DOOR.LOCK': none,
    'DOOR.UNLOCK': by,
    'DOORBELL.PRESSED': { visitor: { optional: 'string' } },
    'LOCK.JAMMED': none,
    'LOCK.JAM_CLEARED': none,
  },
  binary_sensor: { 'SENSOR.DETECTED': none, 'SENSOR.CLEARED': none },
  camera: {
    'CAMERA.START_STREAM': { viewer: 'string' },
    'CAMERA.STOP_STREAM': { viewer: 'string' },
    'CAMERA.RECORD': { durationMs: { optional: 'number' } },
    'CAMERA.STOP_RECORDING': none,
  },
  media_player: {
    'MEDIA.PLAY_PLAYLIST': { playlist: 'object', trackIndex: { optional: 'number' } },
    'MEDIA.PLAY': none,
    'MEDIA.PAUSE': none,
    'MEDIA.STOP': none,
    'MEDIA.NEXT_TRACK': none,
    'MEDIA.PREVIOUS_TRACK': none,
    'MEDIA.SET_VOLUME': { volumeLevel: 'number' },
    'SPEAKER.ANNOUNCE': { text: 'string' },
  },
  storage: {
    'STORAGE.SAVE_CLIP': { clip: 'object' },
    'STORAGE.DELETE_CLIP': { clipId: 'string' },
    'STORAGE.OPEN_MEDIA': { mediaId: 'string' },
    'STORAGE.WENT_OFFLINE': none,
    'STORAGE.CAME_ONLINE': none,
  },
  evse: {
    'EVSE.PLUG_IN': none,
    'EVSE.UNPLUG': none,
    'EVSE.START_CHARGING': none,
    'EVSE.STOP_CHARGING': none,
    'EVSE.SET_POWER_LIMIT': { powerLimitKw: 'number' },
    'EVSE.EV_POWER_REQUEST': { kw: 'number' },
  },
  screen,
  alarm_control_panel: {
    'ALARM.ARM_HOME': byOptional,
    'ALARM.ARM_AWAY': byOptional,
    'ALARM.DISARM': by,
    'ALARM.TRIGGER': { zone: { optional: 'string' } },
  },
} as const satisfies DeviceSpecs;

const VEHICLE_EVENT_DATA = {
  battery: {
    'CHARGING.PLUG_IN': { chargerPowerLimitKw: 'number' },
    'CHARGING.UNPLUG': none,
    'CHARGING.START': none,
    'CHARGING.STOP': none,
    'CHARGING.SET_POWER_LIMIT': { chargerPowerLimitKw: 'number' },
    'CHARGING.SET_TARGET': { targetSocPercent: 'number' },
    'BATTERY.ENERGY_USED': { energyKwh: 'number' },
  },
  body: {
    'DOOR.LOCK': none,
    'DOOR.UNLOCK': { door: { optional: DOOR_POSITIONS } },
    'DOOR.OPEN': { door: DOOR_POSITIONS },
    'DOOR.CLOSE': { door: DOOR_POSITIONS },
    'WINDOW.SET_POSITION': { door: DOOR_POSITIONS, position: 'number' },
    'WINDOW.CLOSE_ALL': none,
    'TRUNK.OPEN': none,
    'TRUNK.CLOSE': none,
  },
  hvac: {
    'HVAC.TURN_ON': none,
    'HVAC.TURN_OFF': none,
    'HVAC.SET_TARGET': { temperature: 'number' },
    'HVAC.PRECONDITION': { temperature: { optional: 'number' } },
    'AMBIENT.TEMPERATURE_CHANGED': { temperature: 'number' },
  },
  drive: {
    'TRIP.START': { tripId: 'string' },
    'TRIP.PROGRESS': { speedKmh: 'number', ...trip },
    'TRIP.END': trip,
    'POSITION.SET': { latitude: 'number', longitude: 'number' },
  },
  sentry: {
    'SENTRY.ARM': none,
    'SENTRY.DISARM': none,
    'SENTRY.IMPACT_DETECTED': { zone: { optional: 'string' } },
    'SENTRY.SCRAPE_DETECTED': { zone: { optional: 'string' } },
  },
  tires: { 'TIRE.PRESSURE_MEASURED': { wheel: WHEEL_POSITIONS, pressureKpa: 'number' } },
  screen,
} as const satisfies VehicleSpecs;

type Fields = Readonly<Record<string, FieldSpec>>;

/** The fields of `eventType` on a twin of `kind` (a device type, a vehicle part, or `phone`), if the event is known. */
export function eventDataFields(kind: string, eventType: string): Fields | undefined {
  const table = (Object.hasOwn(DEVICE_EVENT_DATA, kind) ? DEVICE_EVENT_DATA[kind as DeviceType]
    : Object.hasOwn(VEHICLE_EVENT_DATA, kind) ? VEHICLE_EVENT_DATA[kind as VehiclePart]
    : kind === 'phone' ? screen : undefined) as Readonly<Record<string, Fields>> | undefined;
  return table !== undefined && Object.hasOwn(table, eventType) ? table[eventType] : undefined;
}

/** Every (kind, event) pair the tables describe, for the drift test against the machines' runtime event lists. */
export function describedEvents(): { kind: string; events: string[] }[] {
  return [
    ...Object.entries(DEVICE_EVENT_DATA).map(([kind, table]) => ({ kind, events: Object.keys(table) })),
    ...Object.entries(VEHICLE_EVENT_DATA).map(([kind, table]) => ({ kind: `vehicle:${kind}`, events: Object.keys(table) })),
  ];
}
