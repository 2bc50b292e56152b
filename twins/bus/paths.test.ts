import { describe, expect, it } from 'vitest';
import { ARCHITECTURES } from './envelope';
import { linkBetween, resolvePath, type PathResult } from './paths';
import { staticTopology } from './topology';

const topology = staticTopology({ phones: { v1: 'u1' } });
const CAR = 'vehicle/v1';
const AC = 'home/h1/climate.living_room';

function ok(result: PathResult): { path: string[]; links: string[] } {
  if (!result.ok) throw new Error(result.error);
  return { path: result.path, links: result.links };
}

describe('resolvePath: car → home device', () => {
  it('cloud-cloud goes through the vehicle cloud, the hub and the home cloud', () => {
    expect(ok(resolvePath(CAR, AC, 'cloud-cloud', topology))).toEqual({
      path: [CAR, 'vehicle-cloud', 'hub', 'home-cloud', 'home/h1/gateway', AC],
      links: ['cellular', 'internet', 'internet', 'home-broadband', 'lan'],
    });
  });

  it('direct skips the vehicle cloud and the hub (home-brand app on the car)', () => {
    expect(ok(resolvePath(CAR, AC, 'direct', topology))).toEqual({
      path: [CAR, 'home-cloud', 'home/h1/gateway', AC],
      links: ['cellular', 'home-broadband', 'lan'],
    });
  });

  it('phone-proxy goes through the phone paired with the car', () => {
    expect(ok(resolvePath(CAR, AC, 'phone-proxy', topology))).toEqual({
      path: [CAR, 'phone/u1', 'home-cloud', 'home/h1/gateway', AC],
      links: ['projection', 'phone-cellular', 'home-broadband', 'lan'],
    });
  });

  it('local talks to the home gateway over near-field', () => {
    expect(ok(resolvePath(CAR, AC, 'local', topology))).toEqual({
      path: [CAR, 'home/h1/gateway', AC],
      links: ['near-field', 'lan'],
    });
  });
});

describe('resolvePath: home device → car', () => {
  it('is the car → device path reversed, under every architecture', () => {
    for (const arch of ARCHITECTURES) {
      const there = ok(resolvePath(CAR, AC, arch, topology));
      const back = ok(resolvePath(AC, CAR, arch, topology));
      expect(back.path).toEqual([...there.path].reverse());
      expect(back.links).toEqual([...there.links].reverse());
    }
  });

  it('under cloud-cloud a speaker asking car status crosses home cloud, hub and vehicle cloud', () => {
    expect(ok(resolvePath('home/h1/media_player.kitchen', CAR, 'cloud-cloud', topology)).path).toEqual([
      'home/h1/media_player.kitchen', 'home/h1/gateway', 'home-cloud', 'hub', 'vehicle-cloud', CAR,
    ]);
  });
});

describe('resolvePath: other parties', () => {
  it('keeps device ⇄ device inside the home', () => {
    expect(ok(resolvePath('home/h1/binary_sensor.door', 'home/h1/light.hall', 'cloud-cloud', topology)).path).toEqual([
      'home/h1/binary_sensor.door', 'home/h1/gateway', 'home/h1/light.hall',
    ]);
  });

  it('crosses the home cloud between two homes', () => {
    expect(ok(resolvePath('home/h1/lock.front', 'home/h2/light.hall', 'local', topology)).path).toEqual([
      'home/h1/lock.front', 'home/h1/gateway', 'home-cloud', 'home/h2/gateway', 'home/h2/light.hall',
    ]);
  });

  it('pushes safety alerts from the home cloud to a phone', () => {
    expect(ok(resolvePath('home/h1/binary_sensor.kitchen_leak', 'phone/u2', 'direct', topology))).toEqual({
      path: ['home/h1/binary_sensor.kitchen_leak', 'home/h1/gateway', 'home-cloud', 'phone/u2'],
      links: ['lan', 'home-broadband', 'phone-cellular'],
    });
  });

  it('sends car alerts to the phone through the vehicle cloud unless the phone is projected', () => {
    expect(ok(resolvePath(CAR, 'phone/u1', 'cloud-cloud', topology)).path).toEqual([CAR, 'vehicle-cloud', 'phone/u1']);
    expect(ok(resolvePath(CAR, 'phone/u1', 'phone-proxy', topology))).toEqual({ path: [CAR, 'phone/u1'], links: ['projection'] });
    expect(ok(resolvePath(CAR, 'phone/u9', 'phone-proxy', topology)).path).toEqual([CAR, 'vehicle-cloud', 'phone/u9']);
  });

  it('keeps car status on the car’s own cloud under every architecture', () => {
    for (const arch of ARCHITECTURES) {
      expect(ok(resolvePath(CAR, 'vehicle-cloud', arch, topology))).toEqual({ path: [CAR, 'vehicle-cloud'], links: ['cellular'] });
    }
  });

  it('joins the two clouds through the hub', () => {
    expect(ok(resolvePath('vehicle-cloud', 'home-cloud', 'direct', topology)).links).toEqual(['internet', 'internet']);
  });
});

describe('resolvePath: errors', () => {
  it('rejects unknown addresses with the forms that are accepted', () => {
    const r = resolvePath('car/v1', AC, 'direct', topology);
    expect(r).toEqual({ ok: false, error: expect.stringContaining("unknown address 'car/v1'") });
  });

  it('needs a paired phone for phone-proxy', () => {
    const r = resolvePath('vehicle/v2', AC, 'phone-proxy', topology);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('phone-proxy needs a phone paired with vehicle/v2');
  });

  it('has no home-cloud path under local', () => {
    expect(resolvePath(CAR, 'home-cloud', 'local', topology).ok).toBe(false);
  });

  it('refuses a message to oneself and to a local radio', () => {
    expect(resolvePath(CAR, CAR, 'direct', topology).ok).toBe(false);
    expect(resolvePath(CAR, 'local/h1', 'local', topology).ok).toBe(false);
  });
});

describe('linkBetween', () => {
  it('is symmetric and refuses parties that are never adjacent', () => {
    expect(linkBetween('home/h1/gateway', CAR)).toBe('near-field');
    expect(linkBetween(CAR, 'home/h1/gateway')).toBe('near-field');
    expect(() => linkBetween(CAR, AC)).toThrow(/not adjacent/);
  });
});

describe('resolvePath: wallbox ⇄ OCPP CSMS', () => {
  const WALLBOX = 'home/h1/evse.wallbox';
  it('goes straight over the home broadband, both ways, under every architecture', () => {
    for (const arch of ARCHITECTURES) {
      expect(ok(resolvePath(WALLBOX, 'csms', arch, topology))).toEqual({ path: [WALLBOX, 'csms'], links: ['home-broadband'] });
      expect(ok(resolvePath('csms', WALLBOX, arch, topology))).toEqual({ path: ['csms', WALLBOX], links: ['home-broadband'] });
    }
  });

  it('is no party of anyone else', () => {
    for (const other of [CAR, 'home-cloud', 'home/h1/gateway', 'phone/u1']) {
      const result = resolvePath(other, 'csms', 'cloud-cloud', topology);
      expect(result.ok).toBe(false);
      expect(resolvePath('csms', other, 'cloud-cloud', topology).ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/only a home's wallbox talks OCPP/);
    }
  });
});

describe('resolvePath: many brands, each with its own cloud', () => {
  const branded = staticTopology({ phones: { v1: 'u1' }, vehicleBrands: { v1: 'volta' }, homeBrands: { h1: 'thermia', h2: 'lumo' } });

  it("cloud-cloud goes through the car's brand cloud, the hub and the home's brand cloud", () => {
    expect(ok(resolvePath(CAR, AC, 'cloud-cloud', branded))).toEqual({
      path: [CAR, 'vehicle-cloud/volta', 'hub', 'home-cloud/thermia', 'home/h1/gateway', AC],
      links: ['cellular', 'internet', 'internet', 'home-broadband', 'lan'],
    });
    expect(ok(resolvePath(AC, CAR, 'cloud-cloud', branded)).path).toEqual([AC, 'home/h1/gateway', 'home-cloud/thermia', 'hub', 'vehicle-cloud/volta', CAR]);
  });

  it("direct and phone-proxy reach the home's brand cloud without the car's", () => {
    expect(ok(resolvePath(CAR, AC, 'direct', branded)).path).toEqual([CAR, 'home-cloud/thermia', 'home/h1/gateway', AC]);
    expect(ok(resolvePath(CAR, AC, 'phone-proxy', branded)).path).toEqual([CAR, 'phone/u1', 'home-cloud/thermia', 'home/h1/gateway', AC]);
  });

  it("a home's automations in its brand cloud reach the car through the hub", () => {
    expect(ok(resolvePath('home-cloud/thermia', CAR, 'cloud-cloud', branded)).path).toEqual(['home-cloud/thermia', 'hub', 'vehicle-cloud/volta', CAR]);
  });

  it("one brand's home cloud cannot reach another brand's home", () => {
    const result = resolvePath('home-cloud/thermia', 'home/h2/light.hall', 'cloud-cloud', branded);
    expect(result).toEqual({ ok: false, error: 'home-cloud/thermia does not serve home/h2/light.hall: its home cloud is home-cloud/lumo' });
  });

  it('two homes of different brands meet at the hub', () => {
    expect(ok(resolvePath('home/h1/gateway', 'home/h2/gateway', 'cloud-cloud', branded)).path)
      .toEqual(['home/h1/gateway', 'home-cloud/thermia', 'hub', 'home-cloud/lumo', 'home/h2/gateway']);
  });

  it('a brand cloud address parses; a malformed one is refused', () => {
    expect(linkBetween('vehicle-cloud/volta', 'hub')).toBe('internet');
    expect(resolvePath(CAR, 'vehicle-cloud/volta/x', 'cloud-cloud', branded)).toMatchObject({ ok: false, error: expect.stringContaining("unknown address 'vehicle-cloud/volta/x'") });
    expect(resolvePath(CAR, 'home-cloud/bad name', 'cloud-cloud', branded)).toMatchObject({ ok: false });
  });
});
