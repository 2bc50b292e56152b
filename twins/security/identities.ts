// Who is who. Every twin has an identifier that real ecosystems would recognise — the VIN for a vehicle (§5(5)),
// a MAC-derived id for a device, gateway or phone (`dev-02:1a:…`, locally administered EUI-48), a service name for
// a cloud — and an Ed25519 key pair. Both are derived from named seeded streams (`identity/<address>`,
// `keys/<address>`), so runs replay and creating one twin's identity never shifts another's. Identities are made
// on first use: a 1,000-home city pays for the keys it actually signs or verifies with.
//
// The private key lives in a private class field: no serialiser (canonical JSON, toJson, JSON.stringify) can
// reach it, so it cannot leak into events, errors or exports. Keys derived from a seed are simulator keys only.
import { bytesToHex } from '@noble/hashes/utils.js';
import { parseAddress } from '../bus/addresses';
import type { RandomSource, RandomStream } from '../kernel/types';
import { ED25519_SEED_BYTES, type KeyPair, type SignatureProvider } from './signature-provider';

/** 32 bytes drawn from a seeded stream: the private key (RFC 8032 seed) of a simulated party. */
export function keySeedFrom(stream: RandomStream): Uint8Array {
  const seed = new Uint8Array(ED25519_SEED_BYTES);
  for (let i = 0; i < seed.length; i++) seed[i] = stream.int(0, 255);
  return seed;
}

/** A locally administered, unicast EUI-48 (first octet xxxxxx10), e.g. `02:1a:7f:00:c3:9e`. */
export function macAddressFrom(stream: RandomStream): string {
  const octets = Array.from({ length: 6 }, () => stream.int(0, 255));
  octets[0] = (octets[0]! & 0xfc) | 0x02;
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** Address of a named controller party that is not a twin: `party/ha-controller`, `party/external:home-cloud`. */
export const PARTY_PREFIX = 'party/';
export const partyAddress = (name: string): string => `${PARTY_PREFIX}${name}`;

export const keyStreamName = (address: string): string => `keys/${address}`;
export const identityStreamName = (address: string): string => `identity/${address}`;

export class Identity {
  #keys: KeyPair | undefined;
  #publicKeyHex: string | undefined;

  constructor(
    /** Bus address (or attacker name) the identity belongs to. */
    readonly address: string,
    /** Cross-ecosystem identifier: VIN, `dev-<mac>`, `gw-<mac>`, `phone-<mac>`, `svc-<name>`. */
    readonly id: string,
    private readonly derive: () => KeyPair,
    private readonly provider: SignatureProvider,
  ) {}

  get publicKey(): Uint8Array {
    return this.keys().publicKey;
  }

  get publicKeyHex(): string {
    this.#publicKeyHex ??= bytesToHex(this.publicKey);
    return this.#publicKeyHex;
  }

  sign(message: Uint8Array): Uint8Array {
    return this.provider.sign(this.keys().privateKey, message);
  }

  /** What an inspector may show: never the private key. */
  toJSON(): { address: string; id: string } {
    return { address: this.address, id: this.id };
  }

  private keys(): KeyPair {
    this.#keys ??= this.derive();
    return this.#keys;
  }
}

export interface IdentityRegistryOptions {
  random: RandomSource;
  provider: SignatureProvider;
  /** VIN of a vehicle id; identities of unknown vehicles cannot be made. */
  vinOf: (vehicleId: string) => string | undefined;
}

export class IdentityRegistry {
  private readonly byAddress = new Map<string, Identity>();
  private readonly addressById = new Map<string, string>();

  constructor(private readonly options: IdentityRegistryOptions) {}

  get provider(): SignatureProvider {
    return this.options.provider;
  }

  /** The identity of the party at `address`, made on first use. */
  of(address: string): Identity {
    let identity = this.byAddress.get(address);
    if (identity === undefined) {
      const id = this.uniqueId(address);
      const { random, provider } = this.options;
      identity = new Identity(address, id, () => provider.generateKeyPair(keySeedFrom(random.stream(keyStreamName(address)))), provider);
      this.byAddress.set(address, identity);
      this.addressById.set(id, address);
    }
    return identity;
  }

  /** Every identity made so far, in the order they were made. */
  all(): Identity[] {
    return [...this.byAddress.values()];
  }

  /** The identity with this identifier, if one was made. */
  byId(id: string): Identity | undefined {
    const address = this.addressById.get(id);
    return address === undefined ? undefined : this.byAddress.get(address);
  }

  private uniqueId(address: string): string {
    const parsed = parseAddress(address);
    if (parsed?.kind === 'vehicle') {
      const vin = this.options.vinOf(parsed.vehicleId);
      if (vin === undefined) throw new Error(`no VIN for ${address}: identities exist only for the run's vehicles`);
      return vin;
    }
    if (parsed?.kind === 'vehicle-cloud' || parsed?.kind === 'hub' || parsed?.kind === 'home-cloud') return `svc-${address}`;
    // A controller enrolled by name (Home Assistant, a real service behind a webhook): named as it was enrolled.
    if (address.startsWith(PARTY_PREFIX)) return `party-${address.slice(PARTY_PREFIX.length)}`;
    const prefix = parsed?.kind === 'gateway' ? 'gw' : parsed?.kind === 'phone' ? 'phone' : 'dev';
    const stream = this.options.random.stream(identityStreamName(address));
    let id = `${prefix}-${macAddressFrom(stream)}`;
    // 40 random bits: a clash is all but impossible, but an identifier must be unique, so draw again.
    while (this.addressById.has(id)) id = `${prefix}-${macAddressFrom(stream)}`;
    return id;
  }
}
