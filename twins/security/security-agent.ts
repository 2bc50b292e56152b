// One party's own security state and checks: its key (signing as itself), the public keys it was given at pairing,
// the grants it issued or holds, the confirmations it recorded and the nonces it has seen. Parties check at their
// own hop on a command's path (twins/sim/command-guard.ts): the domain's authoriser (the home's automation host,
// the vehicle cloud) authorises — a paired sender, its signature, a grant covering the command, the occupant's
// confirmation bound to the command's nonce — and the domain's verifier (the home's gateway, the car) verifies — a
// paired sender, its signature, a fresh timestamp, an unused nonce. A party that is both (the gateway under
// `local`) runs both checks. No agent reads another's records.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { SimTime } from '../kernel/types';
import { isExpired, type AccessGrant, GrantRegistry } from './access-grants';
import { ConfirmationLog } from './confirmations';
import { scopeAllows, scopeOf } from './critical-commands';
import type { Identity } from './identities';
import { ReplayGuard } from './replay-guard';
import { AUTH_ALGORITHM, AUTH_VERSION, parseAuthBlock, signingBytes, type AuthBlock, type CommandContent } from './signed-command';
import type { SignatureProvider } from './signature-provider';
import { TrustRegistry, type TrustEntry } from './trust-registry';

export const REFUSAL_REASONS = ['unsigned', 'forged', 'expired', 'replayed', 'unpaired', 'unauthorized', 'revoked'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Signature, freshness, replay and pairing are the verifier's checks; grants and policy the authoriser's. */
export type SecurityStage = 'verification' | 'authorisation';

export type Verdict =
  | { ok: true; sender: TrustEntry; grant: AccessGrant | undefined }
  | { ok: false; reason: RefusalReason; detail: string; stage: SecurityStage; sender: string | null };

/**
 * Commands a paired party (a car, Home Assistant, an external service) may send only with the occupant's
 * confirmation: the doorbell's remote unlock. Only the home's own infrastructure unlocks without one.
 */
const NEEDS_CONFIRMATION = new Set(['lock/unlock']);

export interface AgentPolicy {
  provider: SignatureProvider;
  freshnessWindowMs: number;
  clockSkewMs: number;
}

type Signed = { ok: true; auth: AuthBlock; entry: TrustEntry } | Extract<Verdict, { ok: false }>;

export class SecurityAgent {
  /** Public keys of the parties this one accepts commands from, per domain it checks. */
  readonly trust = new TrustRegistry();
  /** Grants this party issued (it is the authoriser that honours them). */
  readonly issued: GrantRegistry;
  /** Occupant confirmations this party recorded from the prompts it sent or passed on. */
  readonly confirmations = new ConfirmationLog();
  /** Grants issued to this party, by the domain they are valid in: what it presents when it signs. */
  private readonly held = new Map<string, AccessGrant>();
  private readonly replay: ReplayGuard;

  constructor(private readonly identity: Identity, private readonly policy: AgentPolicy) {
    this.issued = new GrantRegistry(`${identity.address}/grant-`);
    this.replay = new ReplayGuard(policy.freshnessWindowMs + policy.clockSkewMs);
  }

  get address(): string {
    return this.identity.address;
  }

  get id(): string {
    return this.identity.id;
  }

  /** Signs `content` as this party; the fields say under which grant and confirmation. */
  sign(content: CommandContent, fields: { nonce: string; ts: number; grant?: string; confirmation?: string }): AuthBlock {
    const unsigned = {
      v: AUTH_VERSION, alg: AUTH_ALGORITHM, sender: this.identity.id, nonce: fields.nonce, ts: fields.ts,
      ...(fields.grant !== undefined ? { grant: fields.grant } : {}),
      ...(fields.confirmation !== undefined ? { confirmation: fields.confirmation } : {}),
    } as const;
    return { ...unsigned, sig: bytesToHex(this.identity.sign(signingBytes(content, unsigned))) };
  }

  hold(grant: AccessGrant): void {
    this.held.set(grant.audience, grant);
  }

  /** The grant this party holds in `domain`, current or lapsed. */
  heldGrant(domain: string): AccessGrant | undefined {
    return this.held.get(domain);
  }

  /** The verifier's check: a paired sender's genuine signature, fresh, with a nonce not seen before. */
  verify(domain: string, content: CommandContent, rawAuth: unknown, now: SimTime): Verdict {
    const signed = this.signedBy(domain, content, rawAuth, 'verification');
    if (!signed.ok) return signed;
    const { auth, entry } = signed;
    const refuse = refusal(auth.sender, 'verification');
    const age = now - auth.ts;
    const { freshnessWindowMs, clockSkewMs } = this.policy;
    if (age > freshnessWindowMs) return refuse('expired', `signed at t=${auth.ts} ms, ${age} ms ago: older than the ${freshnessWindowMs} ms freshness window`);
    if (age < -clockSkewMs) return refuse('expired', `signed at t=${auth.ts} ms, ${-age} ms in the future`);
    if (this.replay.replayed(domain, auth.sender, auth.nonce, now)) return refuse('replayed', `nonce ${auth.nonce} from ${auth.sender} was already used in ${domain}`);
    return { ok: true, sender: entry, grant: undefined };
  }

  /**
   * The authoriser's check: a paired sender's genuine signature, then (for a party that is not the domain's own
   * infrastructure) an unexpired grant this party issued that covers the command, and for the door the occupant's
   * confirmation, which the command's nonce then holds.
   */
  authorise(domain: string, content: CommandContent, rawAuth: unknown, now: SimTime): Verdict {
    const signed = this.signedBy(domain, content, rawAuth, 'authorisation');
    if (!signed.ok) return signed;
    const { auth, entry } = signed;
    if (entry.role === 'authority') return { ok: true, sender: entry, grant: undefined };
    const deny = refusal(auth.sender, 'authorisation');
    if (auth.grant === undefined) return deny('unauthorized', `${auth.sender} presented no access grant for ${domain}`);
    const grant = this.issued.get(auth.grant);
    if (grant === undefined || grant.subject !== auth.sender || grant.audience !== domain) {
      return deny('unauthorized', `access grant ${auth.grant} was not issued to ${auth.sender} for ${domain}`);
    }
    if (isExpired(grant, now)) return deny('expired', `access grant ${grant.id} expired at t=${grant.expiresAt} ms`);
    const scope = scopeOf(content.capability, content.command);
    if (!scopeAllows(grant.scopes, scope)) return deny('unauthorized', `access grant ${grant.id} does not cover ${scope} (scopes: ${grant.scopes.join(', ')})`);
    const command = `${content.capability}/${content.command}`;
    if (NEEDS_CONFIRMATION.has(command)) {
      if (auth.confirmation === undefined) return deny('unauthorized', `${command} from ${entry.address} needs the occupant's confirmation, and none was given`);
      const check = this.confirmations.check(auth.confirmation, { domain, requester: entry.address, command, now, nonce: auth.nonce }, true);
      if (!check.ok) return deny('unauthorized', check.detail);
    }
    return { ok: true, sender: entry, grant };
  }

  /** The checks both roles make: a well-formed block from a sender paired here, signed with that sender's key. */
  private signedBy(domain: string, content: CommandContent, rawAuth: unknown, stage: SecurityStage): Signed {
    const claimed = typeof (rawAuth as { sender?: unknown } | null)?.sender === 'string' ? (rawAuth as { sender: string }).sender : null;
    const refuse = refusal(claimed, stage);
    const parsed = parseAuthBlock(rawAuth);
    if (!parsed.ok) return refuse(parsed.reason, parsed.detail);
    const auth = parsed.auth;
    const entry = this.trust.lookup(domain, auth.sender);
    if (entry === undefined) return refuse('unpaired', `${auth.sender} is not paired with ${domain}`);
    if (!this.policy.provider.verify(entry.publicKey, signingBytes(content, auth), hexToBytes(auth.sig))) {
      return refuse('forged', `the signature is not ${auth.sender}'s over this command (wrong key, or the command was altered)`);
    }
    return { ok: true, auth, entry };
  }
}

const refusal = (sender: string | null, stage: SecurityStage) => (reason: RefusalReason, detail: string): Extract<Verdict, { ok: false }> => ({ ok: false, reason, detail, stage, sender });
