// Scoped, expiring access grants (the "tokens" of seed §3.4.7's unified authorisation) between the vehicle cloud
// and the home cloud. The home cloud issues one to each car paired with a home (`home.lock:unlock`,
// `home.climate:*`…), the vehicle cloud one to the home for the car (`vehicle.remote:*`…). A grant is bound to
// its subject's identity: presenting its id only works inside a command signed with the subject's key, so the id
// is not a bearer secret and may travel and be recorded in the clear.
import type { Json, SimTime } from '../kernel/types';

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

  /** The most recently issued grant of `subject` in `audience` that is still valid at `now`. */
  current(subject: string, audience: string, now: SimTime): AccessGrant | undefined {
    const list = this.byPair.get(pairKey(subject, audience)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (!isExpired(list[i]!, now)) return list[i];
    return undefined;
  }

  /** The most recently issued grant of `subject` in `audience`, expired or not. */
  latest(subject: string, audience: string): AccessGrant | undefined {
    const list = this.byPair.get(pairKey(subject, audience));
    return list?.[list.length - 1];
  }
}

export function isExpired(grant: AccessGrant, now: SimTime): boolean {
  return now >= grant.expiresAt;
}

export function grantJson(grant: AccessGrant): { [key: string]: Json } {
  return {
    id: grant.id, issuer: grant.issuer, subject: grant.subject, audience: grant.audience,
    scopes: [...grant.scopes], issuedAt: grant.issuedAt, expiresAt: grant.expiresAt,
  };
}

const pairKey = (subject: string, audience: string): string => `${subject} ${audience}`;
