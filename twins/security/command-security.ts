// The security layer of the car–home flows: signs critical commands for their senders and verifies them for their
// receivers. Verification is what the receiving home gateway (or the car) does — a known sender, a valid Ed25519
// signature over the command, a fresh timestamp, an unused nonce — and authorisation is what the home cloud (the
// vehicle cloud, for the car) checks — an unexpired access grant whose scope covers the command, and for a car
// unlocking a door, the occupant's confirmation. Every refusal names one reason.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { parseAddress } from '../bus/addresses';
import type { KernelContext, SimTime } from '../kernel/types';
import { grantJson, isExpired, type AccessGrant, GrantRegistry } from './access-grants';
import { ConfirmationLog } from './confirmations';
import { HOME_TO_VEHICLE_SCOPES, VEHICLE_TO_HOME_SCOPES, scopeAllows, scopeOf } from './critical-commands';
import { IdentityRegistry, type Identity } from './identities';
import { ReplayGuard } from './replay-guard';
import { AUTH_ALGORITHM, AUTH_VERSION, NONCE_BYTES, parseAuthBlock, signingBytes, type AuthBlock, type CommandContent } from './signed-command';
import type { SignatureProvider } from './signature-provider';
import { TrustRegistry, type TrustEntry } from './trust-registry';

export const REFUSAL_REASONS = ['unsigned', 'forged', 'expired', 'replayed', 'unpaired', 'unauthorized', 'revoked'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Signature, freshness, replay and pairing are the receiving gateway's checks; grants and policy the cloud's. */
export type SecurityStage = 'verification' | 'authorisation';

export type Verdict =
  | { ok: true; sender: TrustEntry; grant: AccessGrant | undefined }
  | { ok: false; reason: RefusalReason; detail: string; stage: SecurityStage; sender: string | null };

export const DEFAULT_FRESHNESS_WINDOW_MS = 30_000;
export const DEFAULT_CLOCK_SKEW_MS = 2_000;
/** Access grants last an hour and are renewed when next used, like OAuth access tokens with a refresh. */
export const DEFAULT_GRANT_TTL_MS = 3_600_000;

/**
 * Commands a paired party (a car, Home Assistant, an external service) may send only with the occupant's
 * confirmation: the doorbell's remote unlock. Only the home's own infrastructure unlocks without one.
 */
const NEEDS_CONFIRMATION = new Set(['lock/unlock']);

export interface CommandSecurityOptions {
  kernel: KernelContext;
  provider: SignatureProvider;
  vinOf: (vehicleId: string) => string | undefined;
  freshnessWindowMs?: number;
  clockSkewMs?: number;
  grantTtlMs?: number;
}

export interface Pairing {
  /** `vehicle/<id>`. */
  vehicle: string;
  homeId: string;
  /** Home-side parties that may command the car: the home cloud and the home's gateway. */
  homeParties: readonly string[];
  /** Who issues the car's grant (the home cloud) and the home's grants (the vehicle cloud). */
  homeIssuer: string;
  vehicleIssuer: string;
}

/** `home:<id>` for a home's gateway and devices, `vehicle:<id>` for a car; other parties verify nothing. */
export function securityDomainOf(address: string): string | undefined {
  const parsed = parseAddress(address);
  if (parsed?.kind === 'device' || parsed?.kind === 'gateway') return `home:${parsed.homeId}`;
  if (parsed?.kind === 'vehicle') return `vehicle:${parsed.vehicleId}`;
  return undefined;
}

export class CommandSecurity {
  readonly identities: IdentityRegistry;
  readonly trust = new TrustRegistry();
  readonly grants = new GrantRegistry();
  readonly confirmations = new ConfirmationLog();
  readonly freshnessWindowMs: number;
  readonly clockSkewMs: number;
  readonly grantTtlMs: number;
  private readonly replay: ReplayGuard;

  constructor(private readonly options: CommandSecurityOptions) {
    this.identities = new IdentityRegistry({ random: options.kernel.random, provider: options.provider, vinOf: options.vinOf });
    this.freshnessWindowMs = options.freshnessWindowMs ?? DEFAULT_FRESHNESS_WINDOW_MS;
    this.clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    this.grantTtlMs = options.grantTtlMs ?? DEFAULT_GRANT_TTL_MS;
    this.replay = new ReplayGuard(this.freshnessWindowMs + this.clockSkewMs);
  }

  private get now(): SimTime {
    return this.options.kernel.scheduler.now();
  }

  /** The domain's own infrastructure (home cloud and gateway; vehicle cloud): trusted, no grant needed. */
  addAuthority(domain: string, address: string): void {
    this.trust.add(domain, this.identities.of(address), 'authority', this.now);
  }

  /** Pairs a car with a home: each side admits the other's parties and grants them scoped access. */
  pair(p: Pairing): void {
    const homeDomain = `home:${p.homeId}`;
    const vehicleDomain = securityDomainOf(p.vehicle)!;
    const car = this.identities.of(p.vehicle);
    this.trust.add(homeDomain, car, 'paired', this.now);
    const issued = [this.issue(this.identities.of(p.homeIssuer).id, car.id, homeDomain, VEHICLE_TO_HOME_SCOPES)];
    for (const party of p.homeParties) {
      const identity = this.identities.of(party);
      this.trust.add(vehicleDomain, identity, 'paired', this.now);
      issued.push(this.issue(this.identities.of(p.vehicleIssuer).id, identity.id, vehicleDomain, HOME_TO_VEHICLE_SCOPES));
    }
    this.options.kernel.events.emit('security.paired', p.homeIssuer, {
      home: p.homeId, vehicle: p.vehicle, vin: car.id, grants: issued.map(grantJson),
    });
  }

  /**
   * Admits a controller that is neither the domain's infrastructure nor a car — Home Assistant on the home's broker,
   * a real service playing a party through a webhook, WebSocket or MQTT — as a named, paired party of `domain`,
   * with a grant from `issuer` for `scopes` only. Its critical commands then meet exactly the car's policy: a
   * signature under its own key, a grant that covers them, and for the door the occupant's confirmation.
   */
  enrol(party: string, domain: string, issuer: string, scopes: readonly string[]): AccessGrant {
    const identity = this.identities.of(party);
    this.trust.add(domain, identity, 'paired', this.now);
    const grant = this.issue(this.identities.of(issuer).id, identity.id, domain, scopes);
    this.options.kernel.events.emit('security.enrolled', issuer, { party, id: identity.id, domain, grant: grantJson(grant) });
    return grant;
  }

  /**
   * A grant issued `ageMs + ttl` ago that lapsed `ageMs` ago: what a cloned or long-offline head unit would still
   * hold. The home cloud knows it (it issued it), so presenting it is refused as expired, not as unknown.
   */
  issueLapsedGrant(subjectAddress: string, domain: string, ageMs: number): AccessGrant {
    const subject = this.identities.of(subjectAddress).id;
    const latest = this.grants.latest(subject, domain);
    if (latest === undefined) throw new Error(`${subjectAddress} holds no grant in ${domain}: it is not paired there`);
    return this.grants.issue({ ...latest, issuedAt: this.now - ageMs - this.grantTtlMs, ttlMs: this.grantTtlMs });
  }

  /** Signs `content` as the party at `senderAddress`, under its current grant in the target's domain. */
  authFor(senderAddress: string, content: CommandContent, options: { confirmation?: string } = {}): AuthBlock {
    const identity = this.identities.of(senderAddress);
    const domain = securityDomainOf(content.to);
    const entry = domain === undefined ? undefined : this.trust.lookup(domain, identity.id);
    const grant = entry?.role === 'paired' ? this.currentGrant(identity.id, domain!) : undefined;
    return this.seal(identity, content, {
      sender: identity.id,
      ...(grant ? { grant: grant.id } : {}),
      ...(options.confirmation !== undefined ? { confirmation: options.confirmation } : {}),
    });
  }

  /**
   * Signs with `signer`'s key whatever the fields claim (the sender may be someone else: that is a forgery).
   * Nonce and timestamp default to a fresh nonce from the signer's stream and the current virtual time.
   */
  seal(signer: Identity, content: CommandContent, fields: { sender: string; grant?: string; confirmation?: string; nonce?: string; ts?: number }): AuthBlock {
    const unsigned = {
      v: AUTH_VERSION, alg: AUTH_ALGORITHM, sender: fields.sender,
      nonce: fields.nonce ?? this.newNonce(signer.address), ts: fields.ts ?? this.now,
      ...(fields.grant !== undefined ? { grant: fields.grant } : {}),
      ...(fields.confirmation !== undefined ? { confirmation: fields.confirmation } : {}),
    } as const;
    return { ...unsigned, sig: bytesToHex(signer.sign(signingBytes(content, unsigned))) };
  }

  /** 16 bytes from the party's own nonce stream, hex. */
  newNonce(address: string): string {
    const stream = this.options.kernel.random.stream(`nonces/${address}`);
    const bytes = new Uint8Array(NONCE_BYTES);
    for (let i = 0; i < bytes.length; i++) bytes[i] = stream.int(0, 255);
    return bytesToHex(bytes);
  }

  /** Checks a critical command arriving in `domain`; the nonce is used up once the signature is genuine. */
  verify(domain: string, content: CommandContent, rawAuth: unknown): Verdict {
    const now = this.now;
    const claimed = typeof (rawAuth as { sender?: unknown } | null)?.sender === 'string' ? (rawAuth as { sender: string }).sender : null;
    const refuse = (reason: RefusalReason, detail: string, stage: SecurityStage = 'verification'): Verdict => ({ ok: false, reason, detail, stage, sender: claimed });
    const parsed = parseAuthBlock(rawAuth);
    if (!parsed.ok) return refuse(parsed.reason, parsed.detail);
    const auth = parsed.auth;
    const entry = this.trust.lookup(domain, auth.sender);
    if (entry === undefined) return refuse('unpaired', `${auth.sender} is not paired with ${domain}`);
    if (!this.options.provider.verify(entry.identity.publicKey, signingBytes(content, auth), hexToBytes(auth.sig))) {
      return refuse('forged', `the signature is not ${auth.sender}'s over this command (wrong key, or the command was altered)`);
    }
    const age = now - auth.ts;
    if (age > this.freshnessWindowMs) return refuse('expired', `signed at t=${auth.ts} ms, ${age} ms ago: older than the ${this.freshnessWindowMs} ms freshness window`);
    if (age < -this.clockSkewMs) return refuse('expired', `signed at t=${auth.ts} ms, ${-age} ms in the future`);
    if (this.replay.replayed(domain, auth.sender, auth.nonce, now)) return refuse('replayed', `nonce ${auth.nonce} from ${auth.sender} was already used in ${domain}`);
    if (entry.role === 'authority') return { ok: true, sender: entry, grant: undefined };
    return this.authorise(domain, content, auth, entry, now, refuse);
  }

  /**
   * A family member's command from the car (unified account): the car is verified as ever, and the member must hold
   * an unrevoked access grant of the home's covering it. The car vouches for who is speaking (its voice profile).
   */
  authoriseMember(domain: string, member: string, content: CommandContent): Verdict | undefined {
    const check = this.grants.permits(member, domain, scopeOf(content.capability, content.command), this.now);
    if (check.ok) return undefined;
    return { ok: false, reason: check.reason, detail: check.detail, stage: 'authorisation', sender: member };
  }

  /** The home cloud's grant to a family member for `scopes` in `domain` (unified account). */
  grantMember(member: string, domain: string, issuer: string, scopes: readonly string[], ttlMs: number): AccessGrant {
    return this.grants.issue({ issuer: this.identities.of(issuer).id, subject: member, audience: domain, scopes, issuedAt: this.now, ttlMs });
  }

  private authorise(domain: string, content: CommandContent, auth: AuthBlock, entry: TrustEntry, now: SimTime, refuse: (r: RefusalReason, d: string, s?: SecurityStage) => Verdict): Verdict {
    const deny = (reason: RefusalReason, detail: string): Verdict => refuse(reason, detail, 'authorisation');
    if (auth.grant === undefined) return deny('unauthorized', `${auth.sender} presented no access grant for ${domain}`);
    const grant = this.grants.get(auth.grant);
    if (grant === undefined || grant.subject !== auth.sender || grant.audience !== domain) {
      return deny('unauthorized', `access grant ${auth.grant} was not issued to ${auth.sender} for ${domain}`);
    }
    if (isExpired(grant, now)) return deny('expired', `access grant ${grant.id} expired at t=${grant.expiresAt} ms`);
    const scope = scopeOf(content.capability, content.command);
    if (!scopeAllows(grant.scopes, scope)) return deny('unauthorized', `access grant ${grant.id} does not cover ${scope} (scopes: ${grant.scopes.join(', ')})`);
    const command = `${content.capability}/${content.command}`;
    if (NEEDS_CONFIRMATION.has(command)) {
      if (auth.confirmation === undefined) return deny('unauthorized', `${command} from ${entry.address} needs the occupant's confirmation, and none was given`);
      const check = this.confirmations.check(auth.confirmation, { domain, requester: entry.address, command, now }, true);
      if (!check.ok) return deny('unauthorized', check.detail);
    }
    return { ok: true, sender: entry, grant };
  }

  private issue(issuer: string, subject: string, audience: string, scopes: readonly string[]): AccessGrant {
    return this.grants.issue({ issuer, subject, audience, scopes, issuedAt: this.now, ttlMs: this.grantTtlMs });
  }

  /** The subject's grant in `domain`, renewed by its issuer when it has lapsed (the refresh of an access token). */
  private currentGrant(subject: string, domain: string): AccessGrant | undefined {
    const current = this.grants.current(subject, domain, this.now);
    const latest = this.grants.latest(subject, domain);
    if (current !== undefined || latest === undefined) return current;
    const renewed = this.grants.issue({ ...latest, issuedAt: this.now, ttlMs: this.grantTtlMs });
    const issuer = this.identities.byId(latest.issuer)?.address ?? latest.issuer;
    this.options.kernel.events.emit('security.grant_renewed', issuer, { ...grantJson(renewed), replaces: latest.id });
    return renewed;
  }
}
