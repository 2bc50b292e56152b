// Who a checking party accepts critical commands from, per security domain: the public keys it was given at
// pairing. Each checker keeps its own copy (the home's gateway and its automation host for `home:<id>`, the car and
// the vehicle cloud for `vehicle:<id>`); an entry holds a public key only, never the party's private key.
// Authorities are the domain's own infrastructure (the home cloud and gateway; the vehicle cloud); paired parties
// are the other ecosystem's, admitted at pairing and held to access grants and policy.
import type { SimTime } from '../kernel/types';

/** What a party shows of itself at pairing: its identifier, bus address and Ed25519 public key. */
export interface PublicIdentity {
  readonly id: string;
  readonly address: string;
  readonly publicKey: Uint8Array;
}

export type TrustRole = 'authority' | 'paired';

export interface TrustEntry {
  /** Identifier the sender signs as. */
  id: string;
  address: string;
  role: TrustRole;
  since: SimTime;
  publicKey: Uint8Array;
}

export class TrustRegistry {
  private readonly domains = new Map<string, Map<string, TrustEntry>>();

  add(domain: string, identity: PublicIdentity, role: TrustRole, since: SimTime): TrustEntry {
    let members = this.domains.get(domain);
    if (members === undefined) this.domains.set(domain, (members = new Map()));
    // The key is read when a signature is first checked against it, not at pairing: deriving a key pair costs far
    // more than the rest of a pairing, and a 10,000-home city verifies with a few of its parties' keys only.
    const entry: TrustEntry = {
      id: identity.id, address: identity.address, role, since,
      get publicKey() {
        return identity.publicKey;
      },
    };
    members.set(identity.id, entry);
    return entry;
  }

  lookup(domain: string, senderId: string): TrustEntry | undefined {
    return this.domains.get(domain)?.get(senderId);
  }

  /**
   * The member at bus address `address`: how a car knows who sent an unsigned command (the link's own
   * authentication says which party it came from; the simulation's transport is that link).
   */
  byAddress(domain: string, address: string): TrustEntry | undefined {
    for (const entry of this.domains.get(domain)?.values() ?? []) if (entry.address === address) return entry;
    return undefined;
  }

  /** Members in the order they were admitted. */
  members(domain: string): TrustEntry[] {
    return [...(this.domains.get(domain)?.values() ?? [])];
  }
}
