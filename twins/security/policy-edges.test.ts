// The edges of each security rule, where an off-by-one or a flipped comparison would let an attack through:
// the freshness window and clock skew at exactly their limit, a grant at exactly its expiry, a confirmation at
// exactly its deadline and for the wrong domain or command, and the registries' lookups.
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import { GrantRegistry, grantJson, isExpired } from './access-grants';
import { CommandSecurity, securityDomainOf, type Verdict } from './command-security';
import { ConfirmationLog } from './confirmations';
import { nobleEd25519 } from './noble-ed25519';
import type { CommandContent } from './signed-command';
import { TrustRegistry } from './trust-registry';

const HOME = 'home:h1';
const LIGHT: CommandContent = { to: 'home/h1/lock.front_door', capability: 'lock', command: 'lock', attributes: {} };
const outcome = (v: Verdict): string => (v.ok ? 'accepted' : `${v.reason}: ${v.detail}`);

function infrastructure(options: { freshnessWindowMs?: number; clockSkewMs?: number } = {}) {
  const kernel = createKernel({ seed: 2 });
  const security = new CommandSecurity({ kernel, provider: nobleEd25519, vinOf: () => undefined, ...options });
  security.addAuthority(HOME, 'home-cloud');
  const cloud = security.identities.of('home-cloud');
  const signedAt = (ts: number) => security.seal(cloud, LIGHT, { sender: cloud.id, ts });
  return { kernel, security, signedAt };
}

describe('freshness at its limits', () => {
  it('accepts a command exactly as old as the window and refuses one a microsecond older', () => {
    const { kernel, security, signedAt } = infrastructure({ freshnessWindowMs: 1_000 });
    kernel.clock.runUntil(5_000);
    expect(outcome(security.verify(HOME, LIGHT, signedAt(4_000)))).toBe('accepted');
    expect(outcome(security.verify(HOME, LIGHT, signedAt(3_999.999)))).toMatch(/^expired: signed at t=3999.999 ms, 1000.001\d* ms ago: older than the 1000 ms/);
  });

  it('accepts a command exactly the clock skew ahead and refuses one a microsecond further', () => {
    const { kernel, security, signedAt } = infrastructure({ clockSkewMs: 500 });
    kernel.clock.runUntil(5_000);
    expect(outcome(security.verify(HOME, LIGHT, signedAt(5_500)))).toBe('accepted');
    expect(outcome(security.verify(HOME, LIGHT, signedAt(5_500.001)))).toMatch(/^expired: signed at t=5500.001 ms, 500.001\d* ms in the future/);
  });

  it('uses 30 s and 2 s when not told otherwise, and remembers nonces for their sum', () => {
    const { kernel, security, signedAt } = infrastructure();
    expect([security.freshnessWindowMs, security.clockSkewMs, security.grantTtlMs]).toEqual([30_000, 2_000, 3_600_000]);
    kernel.clock.runUntil(40_000);
    const auth = signedAt(42_000);
    expect(outcome(security.verify(HOME, LIGHT, auth))).toBe('accepted');
    kernel.clock.runUntil(72_000); // 42 000 + 30 000: the copy is still fresh, so its nonce must still be known
    expect(outcome(security.verify(HOME, LIGHT, auth))).toMatch(/^replayed/);
  });
});

describe('access grants', () => {
  const request = { issuer: 'svc-home-cloud', subject: 'VIN1', audience: HOME, scopes: ['home.lock:unlock'], issuedAt: 1_000, ttlMs: 500 };

  it('expire at exactly issuedAt + ttl', () => {
    const grant = new GrantRegistry().issue(request);
    expect(grant.expiresAt).toBe(1_500);
    expect(isExpired(grant, 1_499.999)).toBe(false);
    expect(isExpired(grant, 1_500)).toBe(true);
  });

  it('give the newest valid grant of a subject in an audience, and the newest of all, expired or not', () => {
    const grants = new GrantRegistry();
    const first = grants.issue(request);
    const second = grants.issue({ ...request, issuedAt: 1_200 });
    grants.issue({ ...request, audience: 'home:h2', issuedAt: 5_000 });
    expect(grants.current('VIN1', HOME, 1_300)?.id).toBe(second.id);
    expect(grants.current('VIN1', HOME, 1_600)?.id).toBe(second.id);
    expect(grants.current('VIN1', HOME, 1_700)).toBeUndefined();
    expect(grants.latest('VIN1', HOME)?.id).toBe(second.id);
    expect(grants.latest('VIN2', HOME)).toBeUndefined();
    expect(grants.current('VIN2', HOME, 0)).toBeUndefined();
    expect(grants.get(first.id)).toBe(first);
    expect([first.id, second.id]).toEqual(['grant-1', 'grant-2']);
  });

  it('keep their own copy of the scopes', () => {
    const scopes = ['home.lock:unlock'];
    const grant = new GrantRegistry().issue({ ...request, scopes });
    scopes.push('home.alarm_control_panel:*');
    expect(grant.scopes).toEqual(['home.lock:unlock']);
    expect(grantJson(grant)).toEqual({ id: 'grant-1', issuer: 'svc-home-cloud', subject: 'VIN1', audience: HOME, scopes: ['home.lock:unlock'], issuedAt: 1_000, expiresAt: 1_500 });
  });
});

describe('occupant confirmations', () => {
  const use = { domain: HOME, requester: 'vehicle/car1', command: 'lock/unlock', now: 2_000 };
  const log = () => {
    const confirmations = new ConfirmationLog();
    confirmations.expect({ prompt: 'p1', domain: HOME, requester: 'vehicle/car1', command: 'lock/unlock', issuedAt: 0, validUntil: 2_000 });
    return confirmations;
  };

  it('authorise until exactly their deadline, and only when used', () => {
    const confirmations = log();
    expect(confirmations.check('p1', use, false)).toEqual({ ok: true });
    expect(confirmations.check('p1', use, false)).toEqual({ ok: true });
    expect(confirmations.check('p1', { ...use, now: 2_000.001 }, true)).toEqual({ ok: false, detail: 'prompt "p1" lapsed at t=2000 ms' });
    expect(confirmations.check('p1', use, true)).toEqual({ ok: true });
    expect(confirmations.check('p1', use, true)).toEqual({ ok: false, detail: 'prompt "p1" has already authorised one lock/unlock' });
  });

  it('are bound to the nonce of the command that used them: that command again passes, any other is refused', () => {
    const confirmations = log();
    expect(confirmations.check('p1', { ...use, nonce: 'aa' }, true)).toEqual({ ok: true });
    // The same command seen again (a replay) is the gateway's to refuse, as replayed: the authoriser lets it by.
    expect(confirmations.check('p1', { ...use, nonce: 'aa' }, true)).toEqual({ ok: true });
    expect(confirmations.check('p1', { ...use, nonce: 'bb' }, true)).toEqual({ ok: false, detail: 'prompt "p1" has already authorised one lock/unlock' });
    expect(confirmations.check('p1', use, true)).toEqual({ ok: false, detail: 'prompt "p1" has already authorised one lock/unlock' });
    // Bound or not, it lapses at its deadline.
    expect(confirmations.check('p1', { ...use, nonce: 'aa', now: 2_000.001 }, true)).toEqual({ ok: false, detail: 'prompt "p1" lapsed at t=2000 ms' });
  });

  it.each([
    ['another home', { domain: 'home:h2' }, 'prompt "p1" confirms lock/unlock in home:h1, not lock/unlock in home:h2'],
    ['another command', { command: 'alarm_control_panel/alarm_disarm' }, 'prompt "p1" confirms lock/unlock in home:h1, not alarm_control_panel/alarm_disarm in home:h1'],
    ['another requester', { requester: 'vehicle/car2' }, 'prompt "p1" was shown to vehicle/car1, not vehicle/car2'],
  ])('do not authorise %s', (_name, change, detail) => {
    expect(log().check('p1', { ...use, ...change }, true)).toEqual({ ok: false, detail });
  });
});

describe('the trust registry', () => {
  it('finds members by id and by address, per domain, in the order they were admitted', () => {
    const kernel = createKernel({ seed: 1 });
    const security = new CommandSecurity({ kernel, provider: nobleEd25519, vinOf: () => undefined });
    const trust = new TrustRegistry();
    const cloud = security.identities.of('home-cloud');
    const gateway = security.identities.of('home/h1/gateway');
    trust.add(HOME, cloud, 'authority', 5);
    const entry = trust.add(HOME, gateway, 'paired', 7);
    expect(entry).toEqual({ id: gateway.id, address: 'home/h1/gateway', role: 'paired', since: 7, publicKey: gateway.publicKey });
    expect(Object.keys(entry)).not.toContain('identity'); // a public key, never the party's signing identity
    expect(trust.lookup(HOME, gateway.id)).toBe(entry);
    expect(trust.lookup('home:h2', gateway.id)).toBeUndefined();
    expect(trust.byAddress(HOME, 'home/h1/gateway')).toBe(entry);
    expect(trust.byAddress(HOME, 'home/h1/nobody')).toBeUndefined();
    expect(trust.byAddress('home:h2', 'home/h1/gateway')).toBeUndefined();
    expect(trust.members(HOME).map((m) => m.address)).toEqual(['home-cloud', 'home/h1/gateway']);
    expect(trust.members('home:h2')).toEqual([]);
  });
});

describe('who verifies, and what a refusal names', () => {
  it('maps home devices and gateways to their home, cars to themselves, and nothing else to a domain', () => {
    expect(securityDomainOf('home/h1/lock.front_door')).toBe('home:h1');
    expect(securityDomainOf('home/h2/gateway')).toBe('home:h2');
    expect(securityDomainOf('vehicle/car1')).toBe('vehicle:car1');
    expect(securityDomainOf('home-cloud')).toBeUndefined();
    expect(securityDomainOf('nonsense')).toBeUndefined();
  });

  it('names the claimed sender and the stage of a refusal; a grant for another home is not this home’s', () => {
    const kernel = createKernel({ seed: 4 });
    const security = new CommandSecurity({ kernel, provider: nobleEd25519, vinOf: () => 'VIN1' });
    security.addAuthority(HOME, 'home-cloud');
    security.addAuthority('home:h2', 'home-cloud-2');
    security.addAuthority('vehicle:car1', 'vehicle-cloud');
    security.pair({ vehicle: 'vehicle/car1', homeId: 'h1', homeParties: ['home-cloud'] });
    const car = security.identities.of('vehicle/car1');
    const otherHome = security.enrol('vehicle/car1', 'home:h2', ['home.lock:*']);
    const auth = security.seal(car, LIGHT, { sender: car.id, grant: otherHome.id });
    expect(security.verify(HOME, LIGHT, auth)).toMatchObject({ ok: false, reason: 'unauthorized', stage: 'authorisation', sender: 'VIN1', detail: `access grant ${otherHome.id} was not issued to VIN1 for home:h1` });
    expect(security.verify(HOME, LIGHT, { sig: 'x' })).toMatchObject({ ok: false, reason: 'forged', stage: 'authorisation', sender: null });
    expect(security.agent('home/h1/gateway').verify(HOME, LIGHT, { sig: 'x' }, 0)).toMatchObject({ ok: false, reason: 'forged', stage: 'verification', sender: null });
    expect(security.verify(HOME, LIGHT, { sender: 'VIN9', sig: 'x' })).toMatchObject({ sender: 'VIN9' });
    // A signed command to an address outside any security domain carries no grant.
    expect(security.authFor('vehicle/car1', { ...LIGHT, to: 'home-cloud' }).grant).toBeUndefined();
    expect(() => security.issueLapsedGrant('party/nobody', HOME, 1)).toThrow('party/nobody holds no grant in home:h1: it is not paired there');
  });

  it('draws 16-byte nonces from the party’s own stream', () => {
    const a = infrastructure();
    const b = infrastructure();
    b.security.newNonce('someone-else');
    expect(a.security.newNonce('home-cloud')).toMatch(/^[0-9a-f]{32}$/);
    expect(b.security.newNonce('home-cloud')).toBe(infrastructure().security.newNonce('home-cloud'));
  });
});

describe('identifiers', () => {
  it('names the clouds and the hub svc-<address>, enrolled parties by name, and finds each by its id', () => {
    const kernel = createKernel({ seed: 1 });
    const security = new CommandSecurity({ kernel, provider: nobleEd25519, vinOf: () => undefined });
    expect(['vehicle-cloud', 'hub', 'home-cloud', 'party/ha'].map((a) => security.identities.of(a).id)).toEqual(['svc-vehicle-cloud', 'svc-hub', 'svc-home-cloud', 'party-ha']);
    expect(security.identities.of('home/h1/gateway').id).toMatch(/^gw-([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(security.identities.byId('svc-hub')?.address).toBe('hub');
    expect(security.identities.byId('svc-nobody')).toBeUndefined();
  });

  it('a grant still valid is found behind a newer one that already lapsed', () => {
    const grants = new GrantRegistry();
    const long = grants.issue({ issuer: 'svc-home-cloud', subject: 'VIN1', audience: HOME, scopes: [], issuedAt: 0, ttlMs: 10_000 });
    grants.issue({ issuer: 'svc-home-cloud', subject: 'VIN1', audience: HOME, scopes: [], issuedAt: 100, ttlMs: 100 });
    expect(grants.current('VIN1', HOME, 500)?.id).toBe(long.id);
  });
});
