import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import { CommandSecurity, defaultCheckersOf, type Verdict } from './command-security';
import { NON_CRITICAL_HOME_SCOPES } from './critical-commands';
import { nobleEd25519 } from './noble-ed25519';
import type { CommandContent } from './signed-command';

const CAR = 'vehicle/car1';
const STRANGER = 'vehicle/car2';
const LOCK = 'home/h1/lock.front_door';
const HOME = 'home:h1';
const UNLOCK: CommandContent = { to: LOCK, capability: 'lock', command: 'unlock', attributes: {} };
const VINS: Record<string, string> = { car1: '1HGCM82633A004352', car2: '5YJ3E1EA7KF317200' };

function world(options: { grantTtlMs?: number } = {}) {
  const kernel = createKernel({ seed: 11 });
  const security = new CommandSecurity({ kernel, provider: nobleEd25519, vinOf: (id) => VINS[id], ...options });
  security.addAuthority(HOME, 'home-cloud');
  security.addAuthority(HOME, 'home/h1/gateway');
  security.addAuthority('vehicle:car1', 'vehicle-cloud');
  security.pair({ vehicle: CAR, homeId: 'h1', homeParties: ['home-cloud', 'home/h1/gateway'] });
  const prompt = (id = 'doorbell:h1:1', requester = CAR) =>
    security.agent('home-cloud').confirmations.expect({ prompt: id, domain: HOME, requester, command: 'lock/unlock', issuedAt: kernel.clock.now(), validUntil: kernel.clock.now() + 60_000 });
  const at = (t: number) => kernel.clock.runUntil(t);
  return { kernel, security, prompt, at };
}

const refusal = (v: Verdict) => (v.ok ? 'accepted' : `${v.reason}: ${v.detail}`);

describe('verifying a critical command', () => {
  it('accepts the paired car, signed, fresh, under its grant, with the occupant confirmation', () => {
    const { security, prompt, kernel } = world();
    prompt();
    const verdict = security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' }));
    expect(refusal(verdict)).toBe('accepted');
    expect(verdict.ok && verdict.grant?.scopes).toContain('home.lock:unlock');
    const paired = kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'security.paired');
    expect(paired.data).toMatchObject({ home: 'h1', vehicle: CAR, vin: VINS.car1 });
    // The car's grant is the home cloud's; the home cloud's and the gateway's are the vehicle cloud's.
    expect(paired.data.grants.map((g: { issuer: string }) => g.issuer)).toEqual(['svc-home-cloud', 'svc-vehicle-cloud', 'svc-vehicle-cloud']);
  });

  it('derives no key pair at pairing: a key is derived when its owner first signs or a checker first verifies with it', () => {
    const derived: string[] = [];
    const counting = { ...nobleEd25519, generateKeyPair: (seed: Uint8Array) => (derived.push('key'), nobleEd25519.generateKeyPair(seed)) };
    const kernel = createKernel({ seed: 11 });
    const security = new CommandSecurity({ kernel, provider: counting, vinOf: (id) => VINS[id] });
    security.addAuthority(HOME, 'home-cloud');
    security.addAuthority(HOME, 'home/h1/gateway');
    security.pair({ vehicle: CAR, homeId: 'h1', homeParties: ['home-cloud', 'home/h1/gateway'] });
    expect(derived).toHaveLength(0);
    const auth = security.authFor(CAR, { ...UNLOCK, command: 'lock' });
    expect(derived).toHaveLength(1); // the car's own key, to sign
    expect(refusal(security.verify(HOME, { ...UNLOCK, command: 'lock' }, auth))).toBe('accepted');
    expect(derived).toHaveLength(1); // the checkers read the same identity's public key
    // A lazily read key is still the signer's: another party's signature under the car's name is refused.
    const forged = security.seal(security.identities.of('attacker/1'), { ...UNLOCK, command: 'lock' }, { sender: auth.sender, grant: auth.grant! });
    expect(refusal(security.verify(HOME, { ...UNLOCK, command: 'lock' }, forged))).toMatch(/^forged/);
  });

  it('refuses an unsigned command, a signature block without a signature, and a malformed one', () => {
    const { security } = world();
    expect(refusal(security.verify(HOME, UNLOCK, undefined))).toMatch(/^unsigned: .*no signature block/);
    const auth = security.authFor(CAR, UNLOCK);
    const { sig: _sig, ...withoutSig } = auth;
    expect(refusal(security.verify(HOME, UNLOCK, withoutSig))).toMatch(/^unsigned: auth has no signature/);
    expect(refusal(security.verify(HOME, UNLOCK, { ...auth, sig: 'zz' }))).toMatch(/^forged: malformed signature block: sig/);
    expect(refusal(security.verify(HOME, UNLOCK, { ...auth, nonce: 5 }))).toMatch(/^forged: malformed .*nonce/);
  });

  it('refuses a signature by another key, and any change to what was signed', () => {
    const { security, prompt } = world();
    prompt();
    const thief = security.identities.of('attacker/1');
    const victim = security.identities.of(CAR).id;
    const forged = security.seal(thief, UNLOCK, { sender: victim, grant: 'grant-1', confirmation: 'doorbell:h1:1' });
    expect(refusal(security.verify(HOME, UNLOCK, forged))).toMatch(/^forged: the signature is not 1HGCM82633A004352's/);
    const genuine = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    expect(refusal(security.verify(HOME, { ...UNLOCK, to: 'home/h1/lock.back_door' }, genuine))).toMatch(/^forged/);
    expect(refusal(security.verify(HOME, { ...UNLOCK, attributes: { code: 1 } }, genuine))).toMatch(/^forged/);
    expect(refusal(security.verify(HOME, UNLOCK, { ...genuine, ts: genuine.ts + 1 }))).toMatch(/^forged/);
    expect(refusal(security.verify(HOME, UNLOCK, { ...genuine, confirmation: 'doorbell:h1:2' }))).toMatch(/^forged/);
    // The untouched original still passes: nothing above used up its nonce or confirmation.
    expect(refusal(security.verify(HOME, UNLOCK, genuine))).toBe('accepted');
  });

  it('refuses a command older than the freshness window or from the future, at the gateway', () => {
    const { security, prompt, at, kernel } = world();
    prompt();
    const early = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    at(30_001);
    const gateway = security.agent('home/h1/gateway');
    expect(refusal(gateway.verify(HOME, UNLOCK, early, kernel.clock.now()))).toMatch(/^expired: signed at t=0 ms, 30001 ms ago: older than the 30000 ms freshness window/);
    const future = security.seal(security.identities.of(CAR), UNLOCK, { sender: early.sender, grant: early.grant!, ts: 40_000 });
    expect(refusal(gateway.verify(HOME, UNLOCK, future, kernel.clock.now()))).toMatch(/^expired: .*in the future/);
    // Freshness is not the authoriser's to judge: the home cloud passes the stale command on (and the gateway stops it).
    expect(refusal(security.agent('home-cloud').authorise(HOME, UNLOCK, early, kernel.clock.now()))).toBe('accepted');
    expect(refusal(security.verify(HOME, UNLOCK, early))).toMatch(/^expired/);
  });

  it('refuses the same nonce twice, and forgets it only once it could no longer be fresh', () => {
    const { security, prompt, at } = world();
    prompt();
    const auth = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    expect(refusal(security.verify(HOME, UNLOCK, auth))).toBe('accepted');
    at(10_000);
    expect(refusal(security.verify(HOME, UNLOCK, auth))).toMatch(/^replayed: nonce [0-9a-f]{32} from 1HGCM82633A004352 was already used in home:h1/);
    at(40_000);
    expect(refusal(security.verify(HOME, UNLOCK, auth))).toMatch(/^expired/);
  });

  it('refuses a genuine car that is not paired with the home, and a sender nobody knows', () => {
    const { security } = world();
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(STRANGER, UNLOCK)))).toBe('unpaired: 5YJ3E1EA7KF317200 is not paired with home:h1');
    const nobody = security.seal(security.identities.of('attacker/1'), UNLOCK, { sender: 'dev-02:00:00:00:00:01' });
    expect(refusal(security.verify(HOME, UNLOCK, nobody))).toMatch(/^unpaired/);
  });

  it('holds paired cars to their grant: present, theirs, unexpired and covering the command', () => {
    const { security, prompt } = world();
    prompt();
    const car = security.identities.of(CAR);
    const seal = (grant: string | undefined, content = UNLOCK) => security.seal(car, content, { sender: car.id, ...(grant ? { grant } : {}), confirmation: 'doorbell:h1:1' });
    expect(refusal(security.verify(HOME, UNLOCK, seal(undefined)))).toMatch(/^unauthorized: .*presented no access grant/);
    expect(refusal(security.verify(HOME, UNLOCK, seal('vehicle-cloud/grant-1')))).toMatch(/^unauthorized: access grant vehicle-cloud\/grant-1 was not issued to 1HGCM82633A004352 for home:h1/);
    expect(refusal(security.verify(HOME, UNLOCK, seal('grant-99')))).toMatch(/^unauthorized/);
    const lapsed = security.issueLapsedGrant(CAR, HOME, 60_000);
    expect(refusal(security.verify(HOME, UNLOCK, seal(lapsed.id)))).toMatch(new RegExp(`^expired: access grant ${lapsed.id} expired at t=-60000 ms`));
    const disarm = { to: 'home/h1/alarm_control_panel.house', capability: 'alarm_control_panel', command: 'alarm_disarm', attributes: {} };
    expect(refusal(security.verify(HOME, disarm, security.seal(car, disarm, { sender: car.id, grant: 'home-cloud/grant-1' })))).toMatch(/^unauthorized: access grant home-cloud\/grant-1 does not cover home.alarm_control_panel:alarm_disarm \(scopes: home.lock:unlock, home.lock:lock, home.climate:\*/);
  });

  it('lets a car unlock only with a confirmation shown to it, once, while valid', () => {
    const { security, prompt, at } = world();
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK)))).toMatch(/^unauthorized: lock\/unlock from vehicle\/car1 needs the occupant's confirmation/);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:9' })))).toMatch(/^unauthorized: no confirmation prompt "doorbell:h1:9" was issued/);
    prompt('doorbell:h1:2', STRANGER);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:2' })))).toMatch(/was shown to vehicle\/car2, not vehicle\/car1/);
    prompt('doorbell:h1:3');
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:3' })))).toBe('accepted');
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:3' })))).toMatch(/^unauthorized: .*has already authorised one lock\/unlock/);
    prompt('doorbell:h1:4');
    at(61_000);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:4' })))).toMatch(/^unauthorized: .*lapsed at t=60000 ms/);
  });

  it('refuses a paired car presenting another paired car’s grant: a grant is bound to its subject', () => {
    const { security } = world();
    security.pair({ vehicle: STRANGER, homeId: 'h1', homeParties: [] });
    const other = security.identities.of(STRANGER);
    const climate = { to: 'home/h1/climate.living_room', capability: 'climate', command: 'turn_on', attributes: {} };
    expect(refusal(security.verify(HOME, climate, security.authFor(STRANGER, climate)))).toBe('accepted');
    const stolen = security.seal(other, climate, { sender: other.id, grant: 'home-cloud/grant-1' });
    expect(security.verify(HOME, climate, stolen)).toEqual({
      ok: false, reason: 'unauthorized', detail: `access grant home-cloud/grant-1 was not issued to ${VINS.car2} for home:h1`, stage: 'authorisation', sender: VINS.car2,
    });
  });

  it("names the verifier's stage in its refusals", () => {
    const { security, prompt, at } = world();
    prompt();
    const auth = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    at(30_001);
    expect(security.verify(HOME, UNLOCK, auth)).toMatchObject({ ok: false, reason: 'expired', stage: 'verification', sender: VINS.car1 });
  });

  it("accepts the home's own infrastructure without a grant or confirmation", () => {
    const { security } = world();
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor('home-cloud', UNLOCK)))).toBe('accepted');
  });

  it('renews a lapsed grant when the car next signs, visibly, and the renewed one is accepted', () => {
    const { security, prompt, at, kernel } = world({ grantTtlMs: 10_000 });
    at(15_000);
    prompt();
    const auth = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    expect(auth.grant).toBe('home-cloud/grant-2');
    expect(refusal(security.verify(HOME, UNLOCK, auth))).toBe('accepted');
    const renewed = kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'security.grant_renewed');
    expect(renewed).toMatchObject({ source: 'home-cloud', data: { id: 'home-cloud/grant-2', replaces: 'home-cloud/grant-1', issuedAt: 15_000, expiresAt: 25_000 } });
  });
});

describe('an enrolled controller (Home Assistant, an external service)', () => {
  const WINDOW_OPEN: CommandContent = { to: 'home/h1/cover.living_room_window', capability: 'cover', command: 'open_cover', attributes: {} };
  const HA = 'party/ha-controller';

  it('is a paired party under its own grant: a critical command needs the scope, and never rides on the gateway', () => {
    const { security, kernel } = world();
    security.enrol(HA, HOME, NON_CRITICAL_HOME_SCOPES);
    expect(security.identities.of(HA).id).toBe('party-ha-controller');
    expect(refusal(security.verify(HOME, WINDOW_OPEN, security.authFor(HA, WINDOW_OPEN)))).toMatch(/^unauthorized: access grant home-cloud\/grant-\d+ does not cover home.cover:open_cover/);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(HA, UNLOCK)))).toMatch(/does not cover home.lock:unlock/);
    const enrolled = kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'security.enrolled');
    expect(enrolled).toMatchObject({ source: 'home-cloud', data: { party: HA, id: 'party-ha-controller', domain: HOME } });
  });

  it('granted the door, still needs the occupant’s confirmation, shown to it', () => {
    const { security, prompt } = world();
    security.enrol(HA, HOME, ['home.lock:unlock', 'home.cover:*']);
    expect(refusal(security.verify(HOME, WINDOW_OPEN, security.authFor(HA, WINDOW_OPEN)))).toBe('accepted');
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(HA, UNLOCK)))).toMatch(/^unauthorized: lock\/unlock from party\/ha-controller needs the occupant's confirmation/);
    prompt('doorbell:h1:1'); // shown to the car, not to HA
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(HA, UNLOCK, { confirmation: 'doorbell:h1:1' })))).toMatch(/was shown to vehicle\/car1, not party\/ha-controller/);
  });
});

describe('the security domains and who checks them', () => {
  const REMOTE_START: CommandContent = { to: CAR, capability: 'vehicle_remote', command: 'remote_start', attributes: {} };

  it('are a home’s gateway and the home cloud, a car and the vehicle cloud; an address or anything else is no domain', () => {
    expect(defaultCheckersOf(HOME)).toEqual({ verifier: 'home/h1/gateway', authoriser: 'home-cloud' });
    expect(defaultCheckersOf('vehicle:car1')).toEqual({ verifier: CAR, authoriser: 'vehicle-cloud' });
    for (const nothing of [CAR, 'garage:g1', '', 'vehicle', 'home']) expect(defaultCheckersOf(nothing), nothing).toBeUndefined();
  });

  it('lets the paired home start the car, checked by the car and the vehicle cloud, but not unlock it', () => {
    const { security } = world();
    const verdict = security.verify('vehicle:car1', REMOTE_START, security.authFor('home-cloud', REMOTE_START));
    expect(refusal(verdict)).toBe('accepted');
    expect(verdict.ok && verdict.grant?.scopes).toContain('vehicle.remote:*');
    const unlockCar = { ...REMOTE_START, capability: 'vehicle_lock', command: 'unlock' };
    expect(refusal(security.verify('vehicle:car1', unlockCar, security.authFor('home-cloud', unlockCar)))).toMatch(/^unauthorized: .* does not cover vehicle.doors:unlock/);
  });

  it('refuses a command for a domain nobody checks, naming it, instead of failing inside', () => {
    const { security } = world();
    expect(security.verify('garage:g1', UNLOCK, security.authFor(CAR, UNLOCK)))
      .toEqual({ ok: false, reason: 'unpaired', detail: 'garage:g1 is not a security domain', stage: 'verification', sender: null });
    expect(() => security.enrol('party/ha-controller', 'garage:g1', [])).toThrow(/^garage:g1 is not a security domain: write home:<id> or vehicle:<id>$/);
    expect(() => security.grantMember('member-alice', 'garage:g1', [], 1_000)).toThrow(/^garage:g1 is not a security domain: write home:<id> or vehicle:<id>$/);
  });

  it('says who was accepted, as what: the car as a paired party, the home cloud as the home’s own authority', () => {
    const { security, prompt } = world();
    prompt();
    const car = security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' }));
    expect(car.ok && [car.sender.id, car.sender.role]).toEqual([VINS.car1, 'paired']);
    const cloud = security.verify(HOME, UNLOCK, security.authFor('home-cloud', UNLOCK));
    expect(cloud.ok && [cloud.sender.id, cloud.sender.role, cloud.grant]).toEqual(['svc-home-cloud', 'authority', undefined]);
  });
});

describe('what a sender signs', () => {
  it('carries only the fields it uses: no grant outside a domain, no confirmation unless one was given', () => {
    const { security } = world();
    expect(Object.keys(security.authFor(CAR, UNLOCK)).sort()).toEqual(['alg', 'grant', 'nonce', 'sender', 'sig', 'ts', 'v']);
    expect(Object.keys(security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' }))).toContain('confirmation');
    expect(Object.keys(security.authFor(CAR, { ...UNLOCK, to: 'home-cloud' }))).not.toContain('grant');
  });

  it('takes each nonce as the next 16 bytes of the sender’s own stream: same seed, same nonces, none overlapping', () => {
    const { security } = world();
    const stream = createKernel({ seed: 11 }).random.stream(`nonces/${CAR}`);
    const hex = () => Array.from({ length: 16 }, () => stream.int(0, 255).toString(16).padStart(2, '0')).join('');
    expect([security.newNonce(CAR), security.newNonce(CAR)]).toEqual([hex(), hex()]);
  });

  it('presents its grant until 1 ms before it lapses, and renews it at the very millisecond it does', () => {
    const { security, prompt, at } = world({ grantTtlMs: 10_000 });
    at(9_999);
    prompt('doorbell:h1:1');
    const before = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    expect(before.grant).toBe('home-cloud/grant-1');
    expect(refusal(security.verify(HOME, UNLOCK, before))).toBe('accepted');
    at(10_000);
    prompt('doorbell:h1:2');
    const at10s = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:2' });
    expect(at10s.grant).toBe('home-cloud/grant-2');
    expect(refusal(security.verify(HOME, UNLOCK, at10s))).toBe('accepted');
  });
});

describe('a family member’s command from the car (unified account)', () => {
  const CLIMATE: CommandContent = { to: 'home/h1/climate.living_room', capability: 'climate', command: 'turn_on', attributes: {} };
  const ALICE = 'member-alice';

  it('passes within the member’s grant, and is refused outside it, at authorisation, in the member’s name', () => {
    const { security } = world();
    const grant = security.grantMember(ALICE, HOME, ['home.climate:*'], 60_000);
    expect(grant).toMatchObject({ issuer: 'svc-home-cloud', subject: ALICE, audience: HOME, scopes: ['home.climate:*'], issuedAt: 0, expiresAt: 60_000 });
    expect(security.authoriseMember(HOME, ALICE, CLIMATE)).toBeUndefined();
    expect(security.authoriseMember(HOME, ALICE, UNLOCK)).toEqual({
      ok: false, reason: 'unauthorized', detail: `access grant ${grant.id} of ${ALICE} does not cover home.lock:unlock`, stage: 'authorisation', sender: ALICE,
    });
    expect(security.authoriseMember(HOME, 'member-mallory', CLIMATE)).toMatchObject({ reason: 'unauthorized', detail: 'member-mallory holds no access grant in home:h1' });
  });

  it('is refused from the millisecond the member’s grant lapses', () => {
    const { security, at } = world();
    security.grantMember(ALICE, HOME, ['home.climate:*'], 60_000);
    at(59_999);
    expect(security.authoriseMember(HOME, ALICE, CLIMATE)).toBeUndefined();
    at(60_000);
    expect(security.authoriseMember(HOME, ALICE, CLIMATE)).toMatchObject({ reason: 'unauthorized', stage: 'authorisation' });
  });

  it('is refused as revoked once the permission is taken back, and revoking twice takes back nothing more', () => {
    const { security, at } = world();
    const grant = security.grantMember(ALICE, HOME, ['home.climate:*'], 60_000);
    at(5_000);
    expect(security.revokeMember(ALICE, HOME).map((g) => g.id)).toEqual([grant.id]);
    expect(security.authoriseMember(HOME, ALICE, CLIMATE)).toMatchObject({ reason: 'revoked', detail: `${ALICE}'s access grant ${grant.id} in home:h1 was revoked at t=5000 ms` });
    expect(security.revokeMember(ALICE, HOME)).toEqual([]);
    expect(security.revokeMember('member-mallory', HOME)).toEqual([]); // never granted: nothing to take back, no failure
  });
});
