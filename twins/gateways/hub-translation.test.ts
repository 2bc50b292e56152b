import { describe, expect, it } from 'vitest';
import type { Envelope, MessageKind } from '../bus/envelope';
import { detectFormat, HOME_CLOUD_FORMAT, OPAQUE_FORMAT, VEHICLE_CLOUD_FORMAT } from '../bus/formats';
import type { TranslationResult } from '../bus/nodes';
import type { Json } from '../kernel/types';
import { createHubTranslator } from './hub-translation';

const CAR = 'vehicle/v1';
const AC = 'home/h1/climate.living_room';
const SPEAKER = 'home/h1/media_player.kitchen';
const hub = createHubTranslator({ vinOf: (id) => `LSVAU2180N2${id.toUpperCase()}00001` });
const VIN = 'LSVAU2180N2V100001';

function envelope(source: string, destination: string, kind: MessageKind, extra: Partial<Envelope> = {}): Envelope {
  return {
    id: 'm-7', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), source, destination, topic: 't', kind, payload: null,
    architecture: 'cloud-cloud', createdAt: 0, path: [], hops: [], status: 'in-flight', ...extra,
  };
}

/** Translate as the hub does on the way to `to`. */
function viaHub(payload: Json, env: Envelope, to: 'home-cloud' | 'vehicle-cloud'): TranslationResult {
  const from = to === 'home-cloud' ? 'vehicle-cloud' : 'home-cloud';
  return hub.translate(payload, detectFormat(payload), { envelope: env, from, to, now: 1234 });
}

const ok = (r: TranslationResult) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('hub translation: car → home', () => {
  it('turns a vehicle-cloud command into a home-cloud command for the addressed device', () => {
    const cmd = { vin: VIN, service: 'home.climate', action: 'setTemperature', params: { celsius: 22 }, ts: 1000 };
    expect(detectFormat(cmd)).toBe(VEHICLE_CLOUD_FORMAT);
    expect(ok(viaHub(cmd, envelope(CAR, AC, 'command'), 'home-cloud'))).toEqual({
      ok: true,
      format: HOME_CLOUD_FORMAT,
      payload: { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', attributes: { temperature: 22 }, requestId: 'm-7' },
    });
  });

  it('turns a query into a get_state command and keeps auth untouched', () => {
    const query = { vin: VIN, service: 'home.lock', action: 'getState', target: 'lock.front_door', ts: 1, auth: { signature: 'c2ln' } };
    expect(ok(viaHub(query, envelope(CAR, 'home/h1/lock.front_door', 'query'), 'home-cloud')).payload).toEqual({
      deviceId: 'lock.front_door', capability: 'lock', command: 'get_state', attributes: {}, requestId: 'm-7', auth: { signature: 'c2ln' },
    });
  });

  it('answers a home status query with VSS signals turned into home attributes (units converted)', () => {
    const response = {
      vin: VIN, service: 'vehicle.status', result: 'ok', ts: 5,
      params: { 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 81, 'Vehicle.Powertrain.Range': 312_000 },
    };
    const env = envelope(CAR, SPEAKER, 'response', { correlationId: 'm-3' });
    expect(ok(viaHub(response, env, 'home-cloud')).payload).toEqual({
      deviceId: 'vehicle.v1', capability: 'vehicle', requestId: 'm-3', success: true, attributes: { battery_level: 81, range_km: 312 },
    });
  });

  it('turns a sentry alert into a home event', () => {
    const alert = { vin: VIN, service: 'vehicle.status', action: 'stateChanged', params: { sentryEvent: 'collision' }, ts: 9 };
    expect(ok(viaHub(alert, envelope(CAR, 'home/h1/media_player.living_room_tv', 'event'), 'home-cloud')).payload).toMatchObject({
      deviceId: 'vehicle.v1', capability: 'vehicle', event: 'state_changed', attributes: { sentry_event: 'collision' },
    });
  });
});

describe('hub translation: home → car', () => {
  it('turns a leak alarm into a vehicle-cloud event for the car', () => {
    const alarm = { deviceId: 'binary_sensor.kitchen_leak', capability: 'binary_sensor', event: 'state_changed', attributes: { device_class: 'moisture', state: 'on' } };
    expect(detectFormat(alarm)).toBe(HOME_CLOUD_FORMAT);
    expect(ok(viaHub(alarm, envelope('home/h1/binary_sensor.kitchen_leak', CAR, 'event'), 'vehicle-cloud'))).toEqual({
      ok: true,
      format: VEHICLE_CLOUD_FORMAT,
      payload: { vin: VIN, service: 'home.binarySensor', target: 'binary_sensor.kitchen_leak', action: 'stateChanged', params: { deviceClass: 'moisture', state: 'on' }, ts: 1234 },
    });
  });

  it('turns the speaker’s status query into a VSS query for the car', () => {
    const query = { deviceId: 'vehicle.v1', capability: 'vehicle', command: 'get_state', attributes: {}, requestId: 'm-1' };
    expect(ok(viaHub(query, envelope(SPEAKER, CAR, 'query'), 'vehicle-cloud')).payload).toEqual({
      vin: VIN, service: 'vehicle.status', action: 'getState', params: {}, ts: 1234,
    });
  });

  it('turns a cabin preconditioning command into its VSS target temperature', () => {
    const cmd = { deviceId: 'vehicle.v1', capability: 'vehicle_climate', command: 'set_temperature', attributes: { temperature: 21 }, requestId: 'm-1' };
    expect(ok(viaHub(cmd, envelope(SPEAKER, CAR, 'command'), 'vehicle-cloud')).payload).toMatchObject({
      service: 'vehicle.hvac', action: 'setTemperature', params: { 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature': 21 },
    });
  });

  it('turns a device response back into a vehicle-cloud response, failure reason included', () => {
    const response = { deviceId: 'lock.front_door', capability: 'lock', requestId: 'm-7', success: false, error: 'jammed', command: 'unlock' };
    expect(ok(viaHub(response, envelope('home/h1/lock.front_door', CAR, 'response'), 'vehicle-cloud')).payload).toEqual({
      vin: VIN, service: 'home.lock', target: 'lock.front_door', result: 'error', reason: 'jammed', action: 'unlock', ts: 1234,
    });
  });

  it('round-trips: vehicle → home → vehicle gives back the same service, action and params', () => {
    const cmd = { vin: VIN, service: 'home.media', action: 'setVolume', params: { volumePercent: 35 }, target: 'media_player.kitchen', ts: 1234 };
    const home = ok(viaHub(cmd, envelope(CAR, SPEAKER, 'command'), 'home-cloud')).payload;
    expect(home).toMatchObject({ command: 'volume_set', attributes: { volume_level: 0.35 } });
    expect(ok(viaHub(home, envelope(SPEAKER, CAR, 'command'), 'vehicle-cloud')).payload).toEqual(cmd);
  });
});

describe('hub translation: untranslatable messages', () => {
  const car = envelope(CAR, AC, 'command');
  it.each([
    ['an opaque payload', { on: true }, `expected a ${VEHICLE_CLOUD_FORMAT} message from vehicle-cloud, got ${OPAQUE_FORMAT}`],
    ['an unknown service', { vin: VIN, service: 'home.toaster', action: 'toast', ts: 0 }, "unknown vehicle-cloud service 'home.toaster'"],
    ['an unknown action', { vin: VIN, service: 'home.climate', action: 'explode', ts: 0 }, "action of home.climate 'explode' has no counterpart on the other side"],
    ['an unknown param', { vin: VIN, service: 'home.climate', action: 'setTemperature', params: { fahrenheit: 72 }, ts: 0 }, "param of home.climate 'fahrenheit' has no home-cloud equivalent"],
    ['a home-format message on the vehicle side', { deviceId: 'climate.x', capability: 'climate', command: 'turn_on' }, `expected a ${VEHICLE_CLOUD_FORMAT} message from vehicle-cloud, got ${HOME_CLOUD_FORMAT}`],
  ])('refuses %s', (_what, payload, error) => {
    expect(viaHub(payload as Json, car, 'home-cloud')).toEqual({ ok: false, error });
  });

  it('refuses an unknown home capability and a non-numeric scaled value', () => {
    expect(viaHub({ deviceId: 'water_heater.x', capability: 'water_heater', command: 'turn_on' }, envelope('home/h1/water_heater.x', CAR, 'event'), 'vehicle-cloud')).toEqual({
      ok: false, error: "unknown home-cloud capability 'water_heater'",
    });
    const bad = { vin: VIN, service: 'home.media', action: 'setVolume', params: { volumePercent: 'loud' }, target: 'media_player.kitchen', ts: 0 };
    expect(viaHub(bad, car, 'home-cloud')).toEqual({ ok: false, error: "param of home.media 'volumePercent' must be a number, got \"loud\"" });
  });

  it('refuses everything while the hub reports itself blocked', () => {
    const blocked = createHubTranslator({ blockedReason: () => 'schema drift' });
    const cmd = { vin: VIN, service: 'home.light', action: 'turnOn', ts: 0 };
    expect(blocked.translate(cmd, VEHICLE_CLOUD_FORMAT, { envelope: car, from: 'vehicle-cloud', to: 'home-cloud', now: 0 })).toEqual({ ok: false, error: 'schema drift' });
  });
});
