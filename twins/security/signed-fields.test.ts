// Every field a critical command's signature covers, changed one at a time, must make the command `forged`: a
// field the signature forgot to cover could be rewritten in flight (a replayed nonce made new, a stolen grant
// swapped in, the sender relabelled) and the command would still pass. Removing an optional signed field
// (grant, confirmation) is a change too. The untouched command is accepted afterwards, so no refusal above was
// for a reason other than the signature (a used nonce, a used confirmation).
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import { CommandSecurity, type Verdict } from './command-security';
import { nobleEd25519 } from './noble-ed25519';
import type { AuthBlock, CommandContent } from './signed-command';

const CAR = 'vehicle/car1';
const HOME = 'home:h1';
const UNLOCK: CommandContent = { to: 'home/h1/lock.front_door', capability: 'lock', command: 'unlock', attributes: { code: 'front' } };

function world() {
  const kernel = createKernel({ seed: 5 });
  const security = new CommandSecurity({ kernel, provider: nobleEd25519, vinOf: () => '1HGCM82633A004352' });
  security.addAuthority(HOME, 'home-cloud');
  security.addAuthority('vehicle:car1', 'vehicle-cloud');
  security.pair({ vehicle: CAR, homeId: 'h1', homeParties: ['home-cloud'] });
  security.agent('home-cloud').confirmations.expect({ prompt: 'doorbell:h1:1', domain: HOME, requester: CAR, command: 'lock/unlock', issuedAt: 0, validUntil: 60_000 });
  return security;
}

const outcome = (v: Verdict): string => (v.ok ? 'accepted' : `${v.reason} (${v.stage}): ${v.detail}`);

type Change = [name: string, change: (auth: AuthBlock, content: CommandContent, security: CommandSecurity) => [unknown, CommandContent]];

const CHANGES: Change[] = [
  ['the destination', (a, c) => [a, { ...c, to: 'home/h1/lock.back_door' }]],
  ['the capability', (a, c) => [a, { ...c, capability: 'cover' }]],
  ['the command', (a, c) => [a, { ...c, command: 'lock' }]],
  ['an attribute value', (a, c) => [a, { ...c, attributes: { code: 'back' } }]],
  ['an added attribute', (a, c) => [a, { ...c, attributes: { ...c.attributes, extra: 1 } }]],
  ['the nonce', (a, c) => [{ ...a, nonce: a.nonce.replace(/^./, (d) => (d === '0' ? '1' : '0')) }, c]],
  ['the timestamp', (a, c) => [{ ...a, ts: a.ts + 1 }, c]],
  ['the sender (another paired party)', (a, c, s) => [{ ...a, sender: s.identities.of('home-cloud').id }, c]],
  ['the grant (another issued grant)', (a, c) => [{ ...a, grant: a.grant === 'home-cloud/grant-1' ? 'home-cloud/grant-2' : 'home-cloud/grant-1' }, c]],
  ['the grant, removed', (a, c) => [{ ...a, grant: undefined }, c]],
  ['the confirmation', (a, c) => [{ ...a, confirmation: 'doorbell:h1:2' }, c]],
  ['the confirmation, removed', (a, c) => [{ ...a, confirmation: undefined }, c]],
  ['the signature itself', (a, c) => [{ ...a, sig: a.sig.replace(/^./, (d) => (d === '0' ? '1' : '0')) }, c]],
];

describe('every signed field of a critical command', () => {
  it('is what the genuine command is accepted with', () => {
    const security = world();
    const auth = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    expect(auth.grant).toBeDefined();
    expect(outcome(security.verify(HOME, UNLOCK, auth))).toBe('accepted');
  });

  it.each(CHANGES)('changed — %s — makes the command forged', (_name, change) => {
    const security = world();
    const auth = security.authFor(CAR, UNLOCK, { confirmation: 'doorbell:h1:1' });
    const [changedAuth, changedContent] = change(auth, UNLOCK, security);
    // Each checker checks the signature on its own, with its own copy of the sender's public key.
    expect(outcome(security.verify(HOME, changedContent, changedAuth))).toMatch(/^forged \(authorisation\): the signature is not /);
    expect(outcome(security.agent('home-cloud').authorise(HOME, changedContent, changedAuth, 0))).toMatch(/^forged \(authorisation\): the signature is not /);
    expect(outcome(security.agent('home/h1/gateway').verify(HOME, changedContent, changedAuth, 0))).toMatch(/^forged \(verification\): the signature is not /);
    expect(outcome(security.verify(HOME, UNLOCK, auth))).toBe('accepted');
  });
});
