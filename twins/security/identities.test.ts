import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { canonicalJson } from '../kernel/canonical-json';
import { isValidVin } from '../vehicle/vin';
import { toJson } from '../sim/to-json';
import type { RandomSource, RandomStream } from '../kernel/types';
import { IdentityRegistry, keySeedFrom, keyStreamName, partyAddress } from './identities';
import { nobleEd25519 } from './noble-ed25519';
import { bytesToHex } from '@noble/hashes/utils.js';

const VIN = '1HGCM82633A004352';
const registry = (seed = 5) => new IdentityRegistry({ random: new SeededRandom(seed), provider: nobleEd25519, vinOf: (id) => (id === 'car1' ? VIN : undefined) });

describe('identities', () => {
  it('are VINs for vehicles, MAC-derived for devices, gateways and phones, service names for clouds', () => {
    const ids = registry();
    expect(ids.of('vehicle/car1').id).toBe(VIN);
    expect(isValidVin(ids.of('vehicle/car1').id)).toBe(true);
    expect(ids.of('home/h1/lock.front_door').id).toMatch(/^dev-[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(ids.of('home/h1/gateway').id).toMatch(/^gw-/);
    expect(ids.of('phone/alice').id).toMatch(/^phone-/);
    expect(ids.of('home-cloud').id).toBe('svc-home-cloud');
    expect(() => ids.of('vehicle/ghost')).toThrow(/no VIN for vehicle\/ghost/);
  });

  it('derive locally administered unicast MACs (second-lowest bit of the first octet set, lowest clear)', () => {
    const ids = registry();
    for (let i = 0; i < 50; i++) {
      const first = parseInt(ids.of(`home/h1/light.l${i}`).id.slice(4, 6), 16);
      expect(first & 0b11).toBe(0b10);
    }
  });

  it('are unique, found by id, and the same for the same seed whatever order they are made in', () => {
    const a = registry();
    const b = registry();
    const addresses = ['home/h1/lock.front_door', 'home/h1/gateway', 'vehicle/car1', 'home/h2/lock.front_door'];
    const forward = addresses.map((x) => [a.of(x).id, a.of(x).publicKeyHex]);
    const backward = [...addresses].reverse().map((x) => [b.of(x).id, b.of(x).publicKeyHex]).reverse();
    expect(backward).toEqual(forward);
    expect(new Set(forward.map(([id]) => id)).size).toBe(addresses.length);
    expect(a.byId(forward[0]![0]!)?.address).toBe('home/h1/lock.front_door');
    expect(registry(6).of('home/h1/gateway').publicKeyHex).not.toBe(a.of('home/h1/gateway').publicKeyHex);
  });

  it('take the private key from the keys/<address> stream, and never serialise it', () => {
    const ids = registry();
    const lock = ids.of('home/h1/lock.front_door');
    const privateHex = bytesToHex(keySeedFrom(new SeededRandom(5).stream(keyStreamName('home/h1/lock.front_door'))));
    expect(lock.publicKeyHex).toBe(bytesToHex(nobleEd25519.generateKeyPair(keySeedFrom(new SeededRandom(5).stream('keys/home/h1/lock.front_door'))).publicKey));
    for (const text of [JSON.stringify(lock), canonicalJson(toJson(lock)), JSON.stringify({ lock }), String(lock)]) {
      expect(text).not.toContain(privateHex);
    }
    expect(JSON.parse(JSON.stringify(lock))).toEqual({ address: 'home/h1/lock.front_door', id: lock.id });
  });

  it('never give two parties one identifier, even when their MACs clash: the second draws again', () => {
    // Every stream yields six 0s, then six 1s…: the first MAC of every device is 02:00:00:00:00:00.
    const clashing = (): RandomStream => {
      let n = 0;
      return { int: () => Math.floor(n++ / 6), next: () => 0, normal: () => 0, chance: () => false, pick: (items) => items[0]! };
    };
    const random: RandomSource = { seed: 0, stream: () => clashing() };
    const ids = new IdentityRegistry({ random, provider: nobleEd25519, vinOf: () => undefined });
    expect([ids.of('home/h1/lock.front_door').id, ids.of('home/h2/lock.front_door').id]).toEqual(['dev-02:00:00:00:00:00', 'dev-02:01:01:01:01:01']);
    expect(ids.byId('dev-02:01:01:01:01:01')?.address).toBe('home/h2/lock.front_door');
    expect(ids.byId('dev-02:02:02:02:02:02')).toBeUndefined();
  });

  it('name an enrolled controller by its party address, and list every identity in the order it was made', () => {
    const ids = registry();
    expect(partyAddress('ha-controller')).toBe('party/ha-controller');
    expect(ids.of(partyAddress('ha-controller')).id).toBe('party-ha-controller');
    ids.of('home-cloud');
    expect(ids.all().map((i) => i.address)).toEqual(['party/ha-controller', 'home-cloud']);
    expect(ids.provider).toBe(nobleEd25519);
  });
});
