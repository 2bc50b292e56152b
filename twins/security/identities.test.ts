import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../kernel';
import { canonicalJson } from '../kernel/canonical-json';
import { isValidVin } from '../vehicle/vin';
import { toJson } from '../sim/to-json';
import { IdentityRegistry, keySeedFrom, keyStreamName } from './identities';
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
});
