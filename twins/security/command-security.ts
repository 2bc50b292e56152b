// The security layer of the car–home flows: provisions each party's security agent (security-agent.ts) with its
// own key, pairs the parties — each checker is given the public keys it needs, each authoriser issues the grants
// it will honour, each subject holds its own — and signs critical commands for their senders. The checks
// themselves are the agents', each at its own hop: for a home, its automation host (the home cloud; the gateway
// under `local`) authorises and its gateway verifies; for a car, the vehicle cloud authorises and the car verifies.
// Every refusal names one reason.
import { bytesToHex } from '@noble/hashes/utils.js';
import { HOME_CLOUD, VEHICLE_CLOUD, gatewayAddress, parseAddress } from '../bus/addresses';
import type { KernelContext, SimTime } from '../kernel/types';
import { grantJson, type AccessGrant } from './access-grants';
import { HOME_TO_VEHICLE_SCOPES, VEHICLE_TO_HOME_SCOPES, scopeOf } from './critical-commands';
import { IdentityRegistry, type Identity } from './identities';
import { SecurityAgent, type Verdict } from './security-agent';
import { AUTH_ALGORITHM, AUTH_VERSION, NONCE_BYTES, signingBytes, type AuthBlock, type CommandContent } from './signed-command';
import type { SignatureProvider } from './signature-provider';

export { REFUSAL_REASONS, type RefusalReason, type SecurityStage, type Verdict } from './security-agent';

export const DEFAULT_FRESHNESS_WINDOW_MS = 30_000;
export const DEFAULT_CLOCK_SKEW_MS = 2_000;
/** Access grants last an hour and are renewed when next used, like OAuth access tokens with a refresh. */
export const DEFAULT_GRANT_TTL_MS = 3_600_000;

/** The two parties that check a domain's critical commands. */
export interface DomainCheckers {
  /** Checks signature, freshness and nonce: the home's gateway, the car. */
  verifier: string;
  /** Checks pairing, signature, grant and confirmation: the home's automation host, the vehicle cloud. */
  authoriser: string;
}

export interface CommandSecurityOptions {
  kernel: KernelContext;
  provider: SignatureProvider;
  vinOf: (vehicleId: string) => string | undefined;
  freshnessWindowMs?: number;
  clockSkewMs?: number;
  grantTtlMs?: number;
  /** Who checks `domain`; by default the home's gateway and the home cloud, the car and the vehicle cloud. */
  checkersOf?: (domain: string) => DomainCheckers | undefined;
}

export interface Pairing {
  /** `vehicle/<id>`. */
  vehicle: string;
  homeId: string;
  /** Home-side parties that may command the car: the home cloud and the home's gateway. */
  homeParties: readonly string[];
}

/** `home:<id>` for a home's gateway and devices, `vehicle:<id>` for a car; other parties verify nothing. */
export function securityDomainOf(address: string): string | undefined {
  const parsed = parseAddress(address);
  if (parsed?.kind === 'device' || parsed?.kind === 'gateway') return `home:${parsed.homeId}`;
  if (parsed?.kind === 'vehicle') return `vehicle:${parsed.vehicleId}`;
  return undefined;
}

/** The cloud architectures' checkers: the home's gateway and the home cloud; the car and the vehicle cloud. */
export function defaultCheckersOf(domain: string): DomainCheckers | undefined {
  if (domain.startsWith('home:')) return { verifier: gatewayAddress(domain.slice('home:'.length)), authoriser: HOME_CLOUD };
  if (domain.startsWith('vehicle:')) return { verifier: `vehicle/${domain.slice('vehicle:'.length)}`, authoriser: VEHICLE_CLOUD };
  return undefined;
}

export class CommandSecurity {
  /** Key provisioning: each party's key pair, derived from the seed; agents sign with their own. */
  readonly identities: IdentityRegistry;
  readonly freshnessWindowMs: number;
  readonly clockSkewMs: number;
  readonly grantTtlMs: number;
  private readonly agents = new Map<string, SecurityAgent>();
  private readonly checkers: (domain: string) => DomainCheckers | undefined;

  constructor(private readonly options: CommandSecurityOptions) {
    this.identities = new IdentityRegistry({ random: options.kernel.random, provider: options.provider, vinOf: options.vinOf });
    this.freshnessWindowMs = options.freshnessWindowMs ?? DEFAULT_FRESHNESS_WINDOW_MS;
    this.clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    this.grantTtlMs = options.grantTtlMs ?? DEFAULT_GRANT_TTL_MS;
    this.checkers = options.checkersOf ?? defaultCheckersOf;
  }

  private get now(): SimTime {
    return this.options.kernel.scheduler.now();
  }

  /** The security agent of the party at `address`, made on first use. */
  agent(address: string): SecurityAgent {
    let agent = this.agents.get(address);
    if (agent === undefined) {
      agent = new SecurityAgent(this.identities.of(address), { provider: this.options.provider, freshnessWindowMs: this.freshnessWindowMs, clockSkewMs: this.clockSkewMs });
      this.agents.set(address, agent);
    }
    return agent;
  }

  /** Who verifies and who authorises `domain`'s critical commands. */
  checkersOf(domain: string): DomainCheckers | undefined {
    return this.checkers(domain);
  }

  /** The domain's own infrastructure (home cloud and gateway; vehicle cloud): trusted, no grant needed. */
  addAuthority(domain: string, address: string): void {
    this.admit(domain, address, 'authority');
  }

  /** Pairs a car with a home: each side's checkers admit the other's parties, and its authoriser grants them scoped access. */
  pair(p: Pairing): void {
    const homeDomain = `home:${p.homeId}`;
    const vehicleDomain = securityDomainOf(p.vehicle)!;
    const issued = [this.enrolQuietly(p.vehicle, homeDomain, VEHICLE_TO_HOME_SCOPES)];
    for (const party of p.homeParties) issued.push(this.enrolQuietly(party, vehicleDomain, HOME_TO_VEHICLE_SCOPES));
    this.options.kernel.events.emit('security.paired', this.authoriserOf(homeDomain), {
      home: p.homeId, vehicle: p.vehicle, vin: this.identities.of(p.vehicle).id, grants: issued.map(grantJson),
    });
  }

  /**
   * Admits a controller that is neither the domain's infrastructure nor a car — Home Assistant on the home's broker,
   * a real service playing a party through a webhook, WebSocket or MQTT — as a named, paired party of `domain`,
   * with a grant from the domain's authoriser for `scopes` only. Its critical commands then meet exactly the car's
   * policy: a signature under its own key, a grant that covers them, and for the door the occupant's confirmation.
   */
  enrol(party: string, domain: string, scopes: readonly string[]): AccessGrant {
    const grant = this.enrolQuietly(party, domain, scopes);
    this.options.kernel.events.emit('security.enrolled', this.authoriserOf(domain), { party, id: grant.subject, domain, grant: grantJson(grant) });
    return grant;
  }

  /**
   * A grant issued `ageMs + ttl` ago that lapsed `ageMs` ago: what a cloned or long-offline head unit would still
   * hold. The authoriser knows it (it issued it), so presenting it is refused as expired, not as unknown.
   */
  issueLapsedGrant(subjectAddress: string, domain: string, ageMs: number): AccessGrant {
    const latest = this.agent(subjectAddress).heldGrant(domain);
    if (latest === undefined) throw new Error(`${subjectAddress} holds no grant in ${domain}: it is not paired there`);
    return this.agent(this.authoriserOf(domain)).issued.issue({ ...latest, issuedAt: this.now - ageMs - this.grantTtlMs, ttlMs: this.grantTtlMs });
  }

  /** Signs `content` as the party at `senderAddress`, under the grant it holds in the target's domain (renewed if lapsed). */
  authFor(senderAddress: string, content: CommandContent, options: { confirmation?: string } = {}): AuthBlock {
    const signer = this.agent(senderAddress);
    const domain = securityDomainOf(content.to);
    const grant = domain === undefined ? undefined : this.currentGrant(signer, domain);
    // sign() leaves out the fields that are undefined: a block carries only what it uses.
    return signer.sign(content, { nonce: this.newNonce(senderAddress), ts: this.now, grant: grant?.id, confirmation: options.confirmation });
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

  /**
   * The whole policy of `domain` in path order, for a command that crosses both checkers: the authoriser's check,
   * then the verifier's (the nonce is used up only when both pass the signature). The run checks each at its hop.
   */
  verify(domain: string, content: CommandContent, rawAuth: unknown): Verdict {
    const checkers = this.checkersOf(domain);
    if (checkers === undefined) return { ok: false, reason: 'unpaired', detail: `${domain} is not a security domain`, stage: 'verification', sender: null };
    const authorised = this.agent(checkers.authoriser).authorise(domain, content, rawAuth, this.now);
    if (!authorised.ok) return authorised;
    const verified = this.agent(checkers.verifier).verify(domain, content, rawAuth, this.now);
    return verified.ok ? authorised : verified;
  }

  /**
   * A family member's command from the car (unified account): the car is checked as ever, and the member must hold
   * an unrevoked grant of the domain's authoriser covering it. The car vouches for who is speaking (its voice
   * profile); undefined when the member may.
   */
  authoriseMember(domain: string, member: string, content: CommandContent): Extract<Verdict, { ok: false }> | undefined {
    const check = this.agent(this.authoriserOf(domain)).issued.permits(member, domain, scopeOf(content.capability, content.command), this.now);
    if (check.ok) return undefined;
    return { ok: false, reason: check.reason, detail: check.detail, stage: 'authorisation', sender: member };
  }

  /** The domain authoriser's grant to a family member for `scopes` (unified account). */
  grantMember(member: string, domain: string, scopes: readonly string[], ttlMs: number): AccessGrant {
    const authoriser = this.authoriserOf(domain);
    return this.agent(authoriser).issued.issue({ issuer: this.identities.of(authoriser).id, subject: member, audience: domain, scopes, issuedAt: this.now, ttlMs });
  }

  /** Revokes every grant the domain's authoriser gave the member; returns them. */
  revokeMember(member: string, domain: string): AccessGrant[] {
    return this.agent(this.authoriserOf(domain)).issued.revoke(member, domain, this.now);
  }

  private authoriserOf(domain: string): string {
    const checkers = this.checkersOf(domain);
    if (checkers === undefined) throw new Error(`${domain} is not a security domain: write home:<id> or vehicle:<id>`);
    return checkers.authoriser;
  }

  /** Both checkers of `domain` get `address`'s public key (one copy each; the same agent once). */
  private admit(domain: string, address: string, role: 'authority' | 'paired'): void {
    const checkers = this.checkersOf(domain);
    if (checkers === undefined) throw new Error(`${domain} is not a security domain: write home:<id> or vehicle:<id>`);
    // The identity is the card it shows: its public key is derived when a checker first needs it (trust-registry.ts).
    const identity = this.identities.of(address);
    for (const checker of new Set([checkers.verifier, checkers.authoriser])) this.agent(checker).trust.add(domain, identity, role, this.now);
  }

  private enrolQuietly(party: string, domain: string, scopes: readonly string[]): AccessGrant {
    this.admit(domain, party, 'paired');
    const issuer = this.agent(this.authoriserOf(domain));
    const grant = issuer.issued.issue({ issuer: issuer.id, subject: this.identities.of(party).id, audience: domain, scopes, issuedAt: this.now, ttlMs: this.grantTtlMs });
    this.agent(party).hold(grant);
    return grant;
  }

  /** The grant the signer holds in `domain`, renewed by its issuer when it has lapsed (the refresh of an access token). */
  private currentGrant(signer: SecurityAgent, domain: string): AccessGrant | undefined {
    const held = signer.heldGrant(domain);
    if (held === undefined || held.expiresAt > this.now) return held;
    const issuer = this.agent(this.authoriserOf(domain));
    const renewed = issuer.issued.issue({ ...held, issuedAt: this.now, ttlMs: this.grantTtlMs });
    signer.hold(renewed);
    this.options.kernel.events.emit('security.grant_renewed', issuer.address, { ...grantJson(renewed), replaces: held.id });
    return renewed;
  }
}
