// Remembers the nonces a security domain has accepted, for as long as their timestamps could still pass the
// freshness check. An older copy is refused as expired anyway, so the memory stays bounded by the traffic of one
// freshness window.
import type { SimTime } from '../kernel/types';

export class ReplayGuard {
  /** domain → `sender nonce` → time after which it can be forgotten; insertion order is expiry order. */
  private readonly seen = new Map<string, Map<string, SimTime>>();

  constructor(private readonly retentionMs: number) {}

  /** True when `sender` already used `nonce` in `domain`; otherwise records it and returns false. */
  replayed(domain: string, sender: string, nonce: string, now: SimTime): boolean {
    let nonces = this.seen.get(domain);
    if (nonces === undefined) this.seen.set(domain, (nonces = new Map()));
    for (const [key, forgetAt] of nonces) {
      // Still fresh at exactly forgetAt (the freshness check refuses only `age > window`): keep it until then.
      if (forgetAt >= now) break;
      nonces.delete(key);
    }
    const key = `${sender} ${nonce}`;
    if (nonces.has(key)) return true;
    nonces.set(key, now + this.retentionMs);
    return false;
  }

  /** Nonces currently remembered in `domain` (for tests and inspectors). */
  size(domain: string): number {
    return this.seen.get(domain)?.size ?? 0;
  }
}
