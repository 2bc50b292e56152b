import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import { CommandSecurity, type Verdict } from './command-security';
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
    expect(paired.data.grants).toHaveLength(3);
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
    expect(refusal(security.verify(HOME, disarm, security.seal(car, disarm, { sender: car.id, grant: 'home-cloud/grant-1' })))).toMatch(/^unauthorized: access grant home-cloud\/grant-1 does not cover home.alarm_control_panel:alarm_disarm/);
  });

  it('lets a car unlock only with a confirmation shown to it, once, while valid', () => {
    const { security, prompt, at } = world();
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK)))).toMatch(/^unauthorized: lock\/unlock from vehicle\/car1 needs the occupant's confirmation/);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:9' })))).toMatch(/no confirmation prompt "doorbell:h1:9" was issued/);
    prompt('doorbell:h1:2', STRANGER);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:2' })))).toMatch(/was shown to vehicle\/car2, not vehicle\/car1/);
    prompt('doorbell:h1:3');
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:3' })))).toBe('accepted');
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:3' })))).toMatch(/has already authorised one lock\/unlock/);
    prompt('doorbell:h1:4');
    at(61_000);
    expect(refusal(security.verify(HOME, UNLOCK, security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:4' })))).toMatch(/lapsed at t=60000 ms/);
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
