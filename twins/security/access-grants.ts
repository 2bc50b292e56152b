// Scoped, expiring access grants (the "tokens" of seed §3.4.7's unified authorisation) between the vehicle cloud
// and the home cloud. The home cloud issues one to each car paired with a home (`home.lock:unlock`,
// `home.climate:*`…), the vehicle cloud one to the home for the car (`vehicle.remote:*`…). A grant is bound to
// its subject's identity: presenting its id only works inside a command signed with the subject's key, so the id
// is not a bearer secret and may travel and be recorded in the clear.
import type { Json, SimTime } from '../kernel/types';
import { scopeAllows } from './critical-commands';

export interface AccessGrant {
  id: string;
  /** Identifier of the issuing authority (`svc-home-cloud`, `svc-vehicle-cloud`). */
  issuer: string;
  /** Identifier of the party it is granted to (a VIN, `svc-home-cloud`, `gw-02:…`). */
  subject: string;
  /** Security domain it is valid in: `home:<homeId>` or `vehicle:<vehicleId>`. */
  audience: string;
  scopes: readonly string[];
  issuedAt: SimTime;
  expiresAt: SimTime;
  /** Set when the issuer took it back (a family member's home-control permission revoked): it covers nothing after. */
  revokedAt?: SimTime;
}

export interface GrantRequest {
  issuer: string;
  subject: string;
  audience: string;
  scopes: readonly string[];
  issuedAt: SimTime;
  ttlMs: number;
}

export class GrantRegistry {
  private readonly byId = new Map<string, AccessGrant>();
  /** `subject audience` → the grants issued for that pair, oldest first. */
  private readonly byPair = new Map<string, AccessGrant[]>();
  private seq = 0;

  /** Ids are `<prefix><n>`: each issuer numbers its own grants (`home-cloud/grant-1`). */
  constructor(private readonly idPrefix = 'grant-') {}

  issue(request: GrantRequest): AccessGrant {
    const grant: AccessGrant = {
      id: `${this.idPrefix}${++this.seq}`,
      issuer: request.issuer,
      subject: request.subject,
      audience: request.audience,
      scopes: [...request.scopes],
      issuedAt: request.issuedAt,
      expiresAt: request.issuedAt + request.ttlMs,
    };
    this.byId.set(grant.id, grant);
    const key = pairKey(grant.subject, grant.audience);
    const list = this.byPair.get(key) ?? [];
    list.push(grant);
    this.byPair.set(key, list);
    return grant;
  }

  get(id: string): AccessGrant | undefined {
    return this.byId.get(id);
  }

  /** The most recently issued grant of `subject` in `audience` that is still valid (unexpired, unrevoked) at `now`. */
  current(subject: string, audience: string, now: SimTime): AccessGrant | undefined {
    const list = this.byPair.get(pairKey(subject, audience)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (!isExpired(list[i]!, now) && !isRevoked(list[i]!, now)) return list[i];
    return undefined;
  }

  /** Take back every grant of `subject` in `audience` from `now` on; returns those revoked (none twice). */
  revoke(subject: string, audience: string, now: SimTime): AccessGrant[] {
    const revoked: AccessGrant[] = [];
    for (const grant of this.byPair.get(pairKey(subject, audience)) ?? []) {
      if (grant.revokedAt !== undefined) continue;
      grant.revokedAt = now;
      revoked.push(grant);
    }
    return revoked;
  }

  /**
   * May `subject` (a family member acting from the car) do `scope` in `audience` at `now`? One reason per refusal:
   * a grant revoked is named as such, so the refusal says the permission was taken back, not that it never was.
   */
  permits(subject: string, audience: string, scope: string, now: SimTime): GrantCheck {
    const grant = this.current(subject, audience, now);
    if (grant === undefined) {
      const latest = this.latest(subject, audience);
      if (latest?.revokedAt !== undefined && latest.revokedAt <= now) {
        return { ok: false, reason: 'revoked', detail: `${subject}'s access grant ${latest.id} in ${audience} was revoked at t=${latest.revokedAt} ms` };
      }
      return { ok: false, reason: 'unauthorized', detail: `${subject} holds no access grant in ${audience}` };
    }
    if (!scopeAllows(grant.scopes, scope)) return { ok: false, reason: 'unauthorized', detail: `access grant ${grant.id} of ${subject} does not cover ${scope}` };
    return { ok: true, grant };
  }

  /** The most recently issued grant of `subject` in `audience`, expired or not. */
  latest(subject: string, audience: string): AccessGrant | undefined {
    const list = this.byPair.get(pairKey(subject, audience));
    return list?.[list.length - 1];
  }
}

export type GrantCheck = { ok: true; grant: AccessGrant } | { ok: false; reason: 'revoked' | 'unauthorized'; detail: string };

export function isExpired(grant: AccessGrant, now: SimTime): boolean {
  return now >= grant.expiresAt;
}

export function isRevoked(grant: AccessGrant, now: SimTime): boolean {
  return grant.revokedAt !== undefined && now >= grant.revokedAt;
}


export function grantJson(grant: AccessGrant): { [key: string]: Json } {
  return {
    id: grant.id, issuer: grant.issuer, subject: grant.subject, audience: grant.audience,
    scopes: [...grant.scopes], issuedAt: grant.issuedAt, expiresAt: grant.expiresAt,
    ...(grant.revokedAt !== undefined ? { revokedAt: grant.revokedAt } : {}),
  };
}

const pairKey = (subject: string, audience: string): string => `${subject} ${audience}`;
