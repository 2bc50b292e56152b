import { describe, expect, it } from 'vitest';
import { createKernel, type SimEvent } from '../kernel';
import { createBus } from '../bus/bus';
import type { Architecture } from '../bus/envelope';
import { exactLinks } from '../bus/test-support/bus-harness';
import { staticTopology } from '../bus/topology';
import { createGatewayFleet } from './gateway-fleet';
import { HOME_CLOUD_PROCESSING_MS } from './home-cloud.machine';
import { HOME_GATEWAY_PROCESSING_MS } from './home-gateway.machine';
import { HUB_PROCESSING_MS } from './hub.machine';
import { VEHICLE_CLOUD_PROCESSING_MS } from './vehicle-cloud.machine';

const CAR = 'vehicle/v1';
const AC = 'home/h1/climate.living_room';
const SPEAKER = 'home/h1/media_player.kitchen';
const setTemperature = { vin: 'VIN-v1', service: 'home.climate', action: 'setTemperature', params: { celsius: 22 }, ts: 0 };
const homeSetTemperature = { deviceId: 'climate.living_room', capability: 'climate', command: 'set_temperature', attributes: { temperature: 22 } };

function world(architecture: Architecture = 'cloud-cloud', inRange = true) {
  const k = createKernel({ seed: 3 });
  const gateways = createGatewayFleet({ kernel: k, vinOf: (id) => `VIN-${id}` });
  const topology = staticTopology({ phones: { v1: 'u1' }, inLocalRange: () => inRange });
  const bus = createBus({ kernel: k, architecture, topology, links: exactLinks(), gateways });
  const events = (type: string) => k.events.lines().map((l) => JSON.parse(l) as SimEvent).filter((e) => e.type === type);
  return { k, bus, gateways, events };
}

describe('gateway fleet on the bus: cloud-cloud with translation', () => {
  it('translates the car’s command at the hub, records the format per hop and adds each gateway’s processing', () => {
    const { k, bus } = world();
    const received: unknown[] = [];
    bus.register(AC, (_env, payload) => received.push(payload));
    const env = bus.send({ source: CAR, destination: AC, topic: 'home/h1/climate/set', kind: 'command', payload: setTemperature });
    k.clock.runUntilIdle();
    expect(env.status).toBe('delivered');
    expect(env.hops.map((h) => h.format)).toEqual(['vehicle-cloud/v1', 'vehicle-cloud/v1', 'home-cloud/v1', 'home-cloud/v1', 'home-cloud/v1']);
    expect(env.hops[2]!.payload).toEqual({ ...homeSetTemperature, requestId: env.id });
    expect(received).toEqual([{ ...homeSetTemperature, requestId: env.id }]);
    expect(env.completedAt).toBe(144 + VEHICLE_CLOUD_PROCESSING_MS + HUB_PROCESSING_MS + HOME_CLOUD_PROCESSING_MS + HOME_GATEWAY_PROCESSING_MS);
  });

  it('answers the speaker’s car-status query both ways through the hub', () => {
    const { k, bus } = world();
    bus.register(CAR, (request, payload) => {
      expect(payload).toMatchObject({ vin: 'VIN-v1', service: 'vehicle.status', action: 'getState' });
      bus.respond(request, { vin: 'VIN-v1', service: 'vehicle.status', result: 'ok', params: { 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 64 }, ts: 0 });
    });
    bus.register(SPEAKER, () => {});
    const answers: unknown[] = [];
    const request = bus.request(
      { source: SPEAKER, destination: CAR, topic: 'vehicle/v1/status/get', kind: 'query', payload: { deviceId: 'vehicle.v1', capability: 'vehicle', command: 'get_state' } },
      { timeoutMs: 10_000, onResponse: (_env, payload) => answers.push(payload), onFailure: (reason) => answers.push(reason) },
    );
    k.clock.runUntilIdle();
    expect(answers).toEqual([{ deviceId: 'vehicle.v1', capability: 'vehicle', requestId: request.id, success: true, attributes: { battery_level: 64 } }]);
  });

  it('fails an untranslatable command at the hub with a msg.failed event', () => {
    const { k, bus, events } = world();
    bus.register(AC, () => {});
    const failures: string[] = [];
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: { on: true } }, { onFailure: (r) => failures.push(r) });
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'untranslatable' });
    expect(failures).toEqual(['hub cannot translate the message: expected a vehicle-cloud/v1 message from vehicle-cloud, got opaque']);
    expect(events('msg.failed')).toHaveLength(1);
  });

  it('fails every cloud-cloud command while the hub’s schema mapping is out of date', () => {
    const { k, bus, gateways } = world();
    bus.register(AC, () => {});
    gateways.send('hub', { type: 'HUB.SCHEMA_DRIFT', durationMs: 1000 });
    const during = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: setTemperature });
    k.clock.runUntil(2000);
    const after = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: setTemperature });
    k.clock.runUntilIdle();
    expect(during).toMatchObject({ status: 'failed', failure: 'untranslatable' });
    expect(during.error).toContain('HUB.SCHEMA_DRIFT');
    expect(after.status).toBe('delivered');
  });
});

describe('gateway fleet on the bus: gateway faults', () => {
  it('fails a message at an offline home cloud after the retries, and records the gateway change', () => {
    const { k, bus, gateways, events } = world('direct');
    bus.register(AC, () => {});
    gateways.send('home-cloud', { type: 'GATEWAY.FAIL', reason: 'maintenance' });
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'gateway-offline' });
    expect(env.error).toBe('vehicle/v1 → home-cloud: home-cloud is offline (maintenance) (after 3 attempts)');
    expect(events('gateway.state').map((e) => [e.source, e.data])).toEqual([['home-cloud', { role: 'home-cloud', health: 'offline', reason: 'maintenance' }]]);
  });

  it('adds a degraded gateway’s extra latency to the hops leaving it', () => {
    const { k, bus, gateways } = world('direct');
    bus.register(AC, () => {});
    const normal = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    k.clock.runUntilIdle();
    gateways.send('home/h1/gateway', { type: 'GATEWAY.DEGRADE', extraLatencyMs: 400, extraLoss: 0 });
    const start = k.clock.now();
    const slow = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    k.clock.runUntilIdle();
    expect(slow.completedAt! - start - (normal.completedAt! - normal.createdAt)).toBe(400);
  });

  it('cuts cloud paths into a home whose gateway lost its WAN, while the local link still works', () => {
    const cloud = world('direct');
    cloud.bus.register(AC, () => {});
    cloud.gateways.send('home/h1/gateway', { type: 'WAN.DOWN' });
    const viaCloud = cloud.bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    cloud.k.clock.runUntilIdle();
    expect(viaCloud).toMatchObject({ status: 'failed', failure: 'gateway-offline' });
    expect(viaCloud.error).toContain('home/h1/gateway has lost its WAN uplink');

    const local = world('local');
    local.bus.register(AC, () => {});
    local.gateways.send('home/h1/gateway', { type: 'WAN.DOWN' });
    const viaLocal = local.bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    local.k.clock.runUntilIdle();
    expect(viaLocal.status).toBe('delivered');
  });

  it('refuses the local link while the home’s radio is switched off', () => {
    const { k, bus, gateways } = world('local');
    bus.register(AC, () => {});
    gateways.send('local/h1', { type: 'RADIO.DISABLE' });
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    k.clock.runUntilIdle();
    expect(env.error).toContain('the local radio of home h1 is switched off');
  });

  it('needs the phone projected into the car under phone-proxy', () => {
    const { k, bus, gateways } = world('phone-proxy');
    bus.register(AC, () => {});
    gateways.send('phone/u1', { type: 'PROJECTION.DISCONNECT' });
    const env = bus.send({ source: CAR, destination: AC, topic: 't', kind: 'command', payload: homeSetTemperature });
    k.clock.runUntilIdle();
    expect(env.error).toContain('phone/u1 is not projected into the car');
    expect(gateways.state('phone/u1')).toEqual({ health: 'online', projection: 'disconnected' });
  });

  it('knows which addresses are gateways and refuses fault events for the others', () => {
    const { gateways } = world();
    expect(gateways.status('hub')).toBe('online');
    expect(gateways.status(CAR)).toBeUndefined();
    expect(() => gateways.send(AC, { type: 'GATEWAY.FAIL' })).toThrow(/is not a gateway/);
  });
});

describe("a brand cloud's own link", () => {
  it('adds its base latency and loss always, and a degradation on top (loss capped at 1)', () => {
    const k = createKernel({ seed: 3 });
    const gateways = createGatewayFleet({
      kernel: k, brands: [{ id: 'cirrus', side: 'vehicle', schema: {}, processingMs: 40, latencyMs: 50, loss: 0.1 }, { id: 'flaky', side: 'home', schema: {}, loss: 0.99 }],
    });
    expect(gateways.node('vehicle-cloud/cirrus')).toMatchObject({ processingMs: 40, extraLatencyMs: 50, extraLoss: 0.1 });
    gateways.send('vehicle-cloud/cirrus', { type: 'GATEWAY.DEGRADE', extraLatencyMs: 200, extraLoss: 0.05 });
    expect(gateways.node('vehicle-cloud/cirrus')!.extraLatencyMs).toBe(250);
    expect(gateways.node('vehicle-cloud/cirrus')!.extraLoss).toBeCloseTo(0.15);
    gateways.send('home-cloud/flaky', { type: 'GATEWAY.DEGRADE', extraLoss: 0.5 });
    expect(gateways.node('home-cloud/flaky')!.extraLoss).toBe(1);
    // The shared clouds keep no base: scenes without brands are unchanged.
    expect(gateways.node('vehicle-cloud')).toMatchObject({ processingMs: VEHICLE_CLOUD_PROCESSING_MS, extraLatencyMs: 0, extraLoss: 0 });
  });
});
