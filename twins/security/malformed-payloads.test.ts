// Bad input at every door: more than a thousand malformed payloads thrown at the device, vehicle, gateway and cloud
// endpoints through the bus (under cloud-to-cloud, so the hub translates them too), and at the hub translator
// directly. Each request must end as a failed response or a msg.failed — never an exception out of the
// simulation, never silence — and none may unlock the door.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOME_CLOUD, VEHICLE_CLOUD } from '../bus/addresses';
import type { Envelope, MessageKind } from '../bus/envelope';
import { detectFormat } from '../bus/formats';
import { createHubTranslator } from '../gateways/hub-translation';
import { canonicalJson } from '../kernel/canonical-json';
import type { Json } from '../kernel/types';
import { decodeIntent } from '../sim/ecosystem-codec';
import { homeWithCar } from '../sim/test-support/world';

type JsonObject = { [key: string]: Json };

const VALID: JsonObject[] = [
  { deviceId: 'lock.front_door', capability: 'lock', command: 'unlock', attributes: {} },
  { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', attributes: { temperature: 22, hvac_mode: 'cool' } },
  { deviceId: 'light.hallway', capability: 'light', command: 'turn_on', attributes: { brightness_pct: 30 } },
  { deviceId: 'cover.living_room_window', capability: 'cover', command: 'set_cover_position', attributes: { position: 40 } },
  { deviceId: 'vehicle.car1', capability: 'vehicle_display', command: 'prompt', attributes: { prompt_id: 'doorbell:h1:1', expires_after_ms: 30_000 } },
  { deviceId: 'vehicle.car1', capability: 'vehicle_climate', command: 'set_temperature', attributes: { temperature: 21 } },
  { vin: 'LSVAU2180N2000001', service: 'home.lock', action: 'unlock', target: 'lock.front_door', params: {}, ts: 5 },
  { vin: 'LSVAU2180N2000001', service: 'home.climate', action: 'setTemperature', target: 'climate.living_room', params: { celsius: 22 }, ts: 5 },
  { vin: 'LSVAU2180N2000001', service: 'vehicle.hvac', action: 'precondition', params: { celsius: 22 }, ts: 5 },
];

const WEIRD: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, '', ' ', '__proto__', 'constructor', 'toString', 'NaN', '\u0000', '\ud800', '../..', 'x'.repeat(10_000)),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>([], {}, [null], { __proto__: 1 } as unknown as Json, JSON.parse('{"__proto__":{"polluted":1}}') as Json, { constructor: { prototype: 1 } }),
);

/** A valid payload with one field removed, retyped, replaced or added; or something that is no payload at all. */
const MALFORMED: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ base: fc.constantFrom(...VALID), key: fc.constantFrom('deviceId', 'capability', 'command', 'attributes', 'vin', 'service', 'action', 'target', 'params', 'ts', 'auth', 'event', 'success', '__proto__', 'constructor'), value: WEIRD, drop: fc.boolean() })
    .map(({ base, key, value, drop }) => {
      const out: JsonObject = { ...base };
      if (drop) delete out[key];
      else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      return out as Json;
    }),
  fc.record({ base: fc.constantFrom(...VALID), attributes: fc.dictionary(fc.constantFrom('temperature', 'position', 'brightness_pct', 'hvac_mode', 'prompt_id', 'expires_after_ms', 'celsius', 'percentage', 'volume_level', '__proto__', 'message'), WEIRD, { maxKeys: 4 }) })
    .map(({ base, attributes }) => ({ ...base, ...('vin' in base ? { params: attributes } : { attributes }) }) as Json),
  WEIRD,
);

const DESTINATIONS = ['home/h1/lock.front_door', 'home/h1/climate.living_room', 'home/h1/cover.living_room_window', 'home/h1/screen.central_panel', 'home/h1/media_player.speaker', 'home/h1/evse.wallbox', 'home/h1/gateway', HOME_CLOUD, VEHICLE_CLOUD, 'vehicle/car1', 'phone/alice'];
const SOURCES = ['vehicle/car1', HOME_CLOUD, 'phone/alice', 'home/h1/gateway'];

describe('malformed payloads', () => {
  it('at the endpoints: every request ends as a failed response or a failure, nothing crashes, the door stays locked', () => {
    const { sim } = homeWithCar('cloud-cloud', 3);
    sim.kernel.clock.runUntil(1_000);
    let requests = 0;
    let refusedOrFailed = 0;
    fc.assert(
      fc.property(MALFORMED, fc.constantFrom(...SOURCES), fc.constantFrom(...DESTINATIONS), fc.constantFrom<MessageKind>('command', 'query', 'event'), (payload, source, destination, kind) => {
        if (source === destination) return;
        const settled: string[] = [];
        sim.sendRaw(source, destination, 'fuzz/payload', kind, payload, {
          timeoutMs: 10_000,
          onResponse: (_env, intent) => settled.push(intent?.success === true ? 'ok' : 'failed-response'),
          onFailure: () => settled.push('failed'),
        });
        sim.kernel.clock.runUntil(sim.now + 15_000);
        if (kind === 'event') return;
        requests++;
        expect(settled).toHaveLength(1);
        if (settled[0] !== 'ok') refusedOrFailed++;
        else {
          // What got through is a well-formed command to its own device: a mutation that left it valid.
          const intent = decodeIntent(payload)!;
          expect(VALID.map((v) => `${String(v.capability)}/${String(v.command)}`)).toContain(`${intent.capability}/${intent.name}`);
          expect(destination).toBe(`home/h1/${intent.deviceId}`);
        }
      }),
      { numRuns: 1_200, seed: 7 },
    );
    expect(requests).toBeGreaterThanOrEqual(700);
    expect(refusedOrFailed / requests).toBeGreaterThan(0.98);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    // The stream stayed canonical JSON throughout (a NaN or a cycle would have thrown while hashing).
    expect(sim.kernel.events.hash()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('at the hub translator: every payload is translated or refused with a reason, never thrown', () => {
    const hub = createHubTranslator({ vinOf: (id) => `VIN-${id}` });
    let refused = 0;
    fc.assert(
      fc.property(MALFORMED, fc.constantFrom<MessageKind>('command', 'query', 'event', 'response'), fc.boolean(), fc.constantFrom(...DESTINATIONS), (payload, kind, towardHome, destination) => {
        const env: Envelope = {
          id: 'm-1', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), source: towardHome ? 'vehicle/car1' : HOME_CLOUD, destination: towardHome ? destination : 'vehicle/car1',
          topic: 't', kind, payload, architecture: 'cloud-cloud', createdAt: 0, path: [], hops: [], status: 'in-flight', ...(kind === 'response' ? { correlationId: 'm-0' } : {}),
        };
        const result = hub.translate(payload, detectFormat(payload), { envelope: env, from: towardHome ? VEHICLE_CLOUD : HOME_CLOUD, to: towardHome ? HOME_CLOUD : VEHICLE_CLOUD, now: 1 });
        if (result.ok) expect(() => canonicalJson(result.payload)).not.toThrow();
        else {
          refused++;
          expect(result.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1_500, seed: 11 },
    );
    expect(refused).toBeGreaterThan(1_000);
  });
});
