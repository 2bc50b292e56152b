// Many brands inside a running world: every message between a car and a home goes through the car's brand
// cloud, the hub and the home's brand cloud, carries each brand's own schema on the links to the hub, and
// arrives canonical at the car and the device. A hub without one brand's adapter fails that brand's messages.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../bus/envelope';
import { envelopeOfRecord } from '../bus/envelope-record';
import type { Json } from '../kernel/types';
import type { HubAdapterConfig } from '../gateways/brand-translation';
import { THERMIA, VOLTA } from '../gateways/test-brands';
import { installStandardApps } from './apps';
import { Simulation } from './simulation';
import { standardHomeDevices } from './standard-home';

type Line = { type: string; source: string; data: Envelope };
const parse = (l: string): Line => { const e = JSON.parse(l) as { type: string; source: string; data: { [k: string]: Json } }; return { ...e, data: e.type.startsWith('msg.') ? envelopeOfRecord(e.data) : (e.data as unknown as Envelope) }; };

function world(hubAdapters?: HubAdapterConfig): Simulation {
  const sim = new Simulation({
    seed: 3, architecture: 'cloud-cloud', map: { kind: 'generate', options: { homes: 2 } },
    brands: [VOLTA, THERMIA], ...(hubAdapters ? { hubAdapters } : {}),
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1' }],
    homes: [{ id: 'h1', devices: standardHomeDevices(), brand: 'thermia' }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at: 'home', brand: 'volta' }],
  });
  installStandardApps(sim);
  return sim;
}

function setThermostat(sim: Simulation): { answers: string[]; delivered: Line[] } {
  const answers: string[] = [];
  sim.sendFromCar('car1', 'home/h1/climate.living_room', { capability: 'climate', name: 'set_temperature', deviceId: 'climate.living_room', attributes: { temperature: 22 } }, 'command', {
    onResponse: (_env, intent) => answers.push(intent?.success === false ? `refused: ${intent.error}` : 'ok'),
    onFailure: (reason) => answers.push(`failed: ${reason}`),
  });
  sim.kernel.clock.runUntil(sim.now + 15_000);
  const delivered = sim.kernel.events.lines().map(parse).filter((e) => e.type === 'msg.delivered' && e.data.destination === 'home/h1/climate.living_room');
  return { answers, delivered };
}

describe('a volta car and a thermia home', () => {
  it("crosses both brands' clouds and schemas, and the thermostat gets 22 °C", () => {
    const sim = world();
    const { answers, delivered } = setThermostat(sim);
    expect(answers).toEqual(['ok']);
    const env = delivered[0]!.data;
    expect(env.path).toEqual(['vehicle/car1', 'vehicle-cloud/volta', 'hub', 'home-cloud/thermia', 'home/h1/gateway', 'home/h1/climate.living_room']);
    expect(env.hops.map((h) => h.format)).toEqual(['vehicle-cloud/v1', 'brand:volta', 'brand:thermia', 'home-cloud/v1', 'home-cloud/v1']);
    expect(sim.home('h1').devices.get('climate.living_room')!.context.targetTemperature).toBe(22);
  });

  it("runs the home's automations in thermia's cloud", () => {
    expect(world().automationHost('h1')).toBe('home-cloud/thermia');
  });

  it("fails at the hub when it has no adapter for thermia, and says so", () => {
    const { answers } = setThermostat(world({ missing: ['thermia'] }));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(/failed: .*hub cannot translate the message: the hub has no adapter for brand 'thermia'/);
  });

  it('with a hub that forgets the °F conversion the thermostat is set to a wrong temperature', () => {
    const sim = world({ ignoreUnits: { thermia: ['temperature'] } });
    setThermostat(sim);
    expect(sim.home('h1').devices.get('climate.living_room')!.context.targetTemperature).toBeLessThan(20);
  });
});
