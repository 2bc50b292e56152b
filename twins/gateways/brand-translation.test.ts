import { describe, expect, it } from 'vitest';
import type { Envelope, MessageKind } from '../bus/envelope';
import { HOME_CLOUD_FORMAT, VEHICLE_CLOUD_FORMAT } from '../bus/formats';
import type { PayloadTranslator, TranslationResult } from '../bus/nodes';
import type { Json } from '../kernel/types';
import { createBrandCloudTranslator, createBrandHub, createBrandReader, type HubAdapterConfig } from './brand-translation';
import { createHubTranslator } from './hub-translation';
import { THERMIA, VOLTA } from './test-brands';

const CAR = 'vehicle/car1';
const AC = 'home/h1/climate.living_room';
const VC = 'vehicle-cloud/volta';
const HC = 'home-cloud/thermia';

function envelope(source: string, destination: string, kind: MessageKind, extra: Partial<Envelope> = {}): Envelope {
  return {
    id: 'm-7', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), source, destination, topic: 't', kind, payload: null,
    architecture: 'cloud-cloud', createdAt: 0, path: [], hops: [], status: 'in-flight', ...extra,
  };
}

const ok = (r: TranslationResult): { payload: Json; format: string } => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

/** Car → its brand cloud → hub → home brand cloud → gateway, as the bus applies the translators hop by hop. */
function carToHome(hub: PayloadTranslator, payload: Json, env: Envelope): TranslationResult[] {
  const vc = createBrandCloudTranslator(VOLTA);
  const hc = createBrandCloudTranslator(THERMIA);
  const atVc = vc.translate(payload, VEHICLE_CLOUD_FORMAT, { envelope: env, from: CAR, to: 'hub', now: 1 });
  if (!atVc.ok) return [atVc];
  const atHub = hub.translate(atVc.payload, atVc.format, { envelope: env, from: VC, to: HC, now: 1 });
  if (!atHub.ok) return [atVc, atHub];
  const atHc = hc.translate(atHub.payload, atHub.format, { envelope: env, from: 'hub', to: 'home/h1/gateway', now: 1 });
  return [atVc, atHub, atHc];
}

const hubWith = (config: HubAdapterConfig = {}) => createBrandHub(createHubTranslator(), [VOLTA, THERMIA], config);
const setTemperature = { vin: 'VIN1', service: 'home.climate', action: 'setTemperature', target: 'climate.living_room', params: { celsius: 22 }, ts: 1 };

describe('many brands: a volta car sets a thermia thermostat', () => {
  it("crosses volta's schema, the hub's two adapters and thermia's °F schema, and arrives canonical", () => {
    const [atVc, atHub, atHc] = carToHome(hubWith(), setTemperature, envelope(CAR, AC, 'command'));
    expect(ok(atVc!)).toMatchObject({ format: 'brand:volta', payload: { domain: 'HVAC_HOME', op: 'SET_TEMP', body: { data: { tempC: 22 } } } });
    expect(ok(atHub!)).toMatchObject({ format: 'brand:thermia', payload: { type: 'climate', cmd: 'setpoint', props: { setpointF: 71.6 } } });
    expect(ok(atHc!)).toEqual({
      ok: true, format: HOME_CLOUD_FORMAT,
      payload: { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', attributes: { temperature: 22 }, requestId: 'm-7' },
    });
  });

  it('fails at the hub, naming the brand, when the hub has no adapter for it', () => {
    const noThermia = carToHome(hubWith({ missing: ['thermia'] }), setTemperature, envelope(CAR, AC, 'command'));
    expect(noThermia[1]).toEqual({ ok: false, error: "the hub has no adapter for brand 'thermia' (it knows volta)" });
    const noVolta = carToHome(hubWith({ missing: ['volta'] }), setTemperature, envelope(CAR, AC, 'command'));
    expect(noVolta[1]).toMatchObject({ ok: false, error: expect.stringContaining("no adapter for brand 'volta'") });
  });

  it('a hub adapter that forgets thermia is in °F sets the thermostat to -5.6 °C instead of 22 °C', () => {
    const [, , atHc] = carToHome(hubWith({ ignoreUnits: { thermia: ['temperature'] } }), setTemperature, envelope(CAR, AC, 'command'));
    expect(ok(atHc!).payload).toMatchObject({ attributes: { temperature: -5.555556 } });
  });

  it('the way back: a thermia state report reaches the car in VSS terms, in °C', () => {
    const hub = hubWith();
    const hc = createBrandCloudTranslator(THERMIA);
    const vc = createBrandCloudTranslator(VOLTA);
    const env = envelope(AC, CAR, 'response', { correlationId: 'm-3' });
    const report = { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', success: true, attributes: { current_temperature: 21 } };
    const up = ok(hc.translate(report, HOME_CLOUD_FORMAT, { envelope: env, from: 'home/h1/gateway', to: 'hub', now: 2 }));
    expect(up.payload).toMatchObject({ props: { roomF: 69.8 } });
    const across = ok(hub.translate(up.payload, up.format, { envelope: env, from: HC, to: VC, now: 2 }));
    const down = ok(vc.translate(across.payload, across.format, { envelope: env, from: 'hub', to: CAR, now: 2 }));
    expect(down).toMatchObject({ format: VEHICLE_CLOUD_FORMAT, payload: { service: 'home.climate', result: 'ok', params: { currentCelsius: 21 } } });
  });

  it('a brand cloud refuses to send the hub something that is not its ecosystem canonical format', () => {
    const vc = createBrandCloudTranslator(VOLTA);
    const result = vc.translate({ deviceId: 'x', capability: 'light' }, HOME_CLOUD_FORMAT, { envelope: envelope(CAR, AC, 'command'), from: CAR, to: 'hub', now: 0 });
    expect(result).toEqual({ ok: false, error: `volta speaks ${VEHICLE_CLOUD_FORMAT} inside its ecosystem, got ${HOME_CLOUD_FORMAT}` });
  });

  it('a hostile brand payload (field object not an object) is refused at the hub, not thrown', () => {
    const hub = hubWith();
    const result = hub.translate({ vehicleId: 'V', domain: 'HVAC_HOME', op: 'SET_TEMP', body: { data: 'boom' } }, 'brand:volta', { envelope: envelope(CAR, AC, 'command'), from: VC, to: HC, now: 0 });
    expect(result).toEqual({ ok: false, error: "'body.data' must be an object, got \"boom\"" });
  });
});

describe("a brand cloud reading what the hub hands it", () => {
  const read = createBrandReader([VOLTA, THERMIA]);

  it("reads its own schema back into the canonical one, and leaves other formats alone", () => {
    expect(read('brand:thermia', { device: 'climate.x', type: 'climate', props: { roomF: 71.6 } })).toEqual({ deviceId: 'climate.x', capability: 'climate', attributes: { current_temperature: 22 } });
    const canonical = { deviceId: 'light.x', capability: 'light' };
    expect(read(HOME_CLOUD_FORMAT, canonical)).toBe(canonical);
    expect(read(undefined, canonical)).toBe(canonical);
  });

  it('cannot read an unknown brand or a hostile payload, and says so by returning nothing', () => {
    expect(read('brand:nobody', { a: 1 })).toBeUndefined();
    expect(read('brand:thermia', [1, 2])).toBeUndefined();
    expect(read('brand:thermia', { props: 'hot' })).toBeUndefined();
  });
});
