// The signature block a critical command carries in its payload (`auth`, which the hub passes through
// unchanged), and the exact bytes it signs. The signature covers the command's meaning in the home vocabulary —
// destination address, capability, command, attributes — plus nonce, timestamp, sender id, access grant and
// occupant confirmation, so it survives the hub's schema translation but not a change to any of them.
import { canonicalJson } from '../kernel/canonical-json';
import type { Json } from '../kernel/types';
import { utf8Bytes } from '../kernel/utf8';
import { ED25519_SIGNATURE_BYTES } from './signature-provider';

export const AUTH_VERSION = 1;
export const AUTH_ALGORITHM = 'Ed25519';
export const NONCE_BYTES = 16;

export interface AuthBlock {
  v: typeof AUTH_VERSION;
  alg: typeof AUTH_ALGORITHM;
  /** Identifier of the signer (VIN, `svc-home-cloud`, `gw-02:…`). */
  sender: string;
  /** 16 random bytes, hex: a receiver accepts each nonce once. */
  nonce: string;
  /** Virtual time of signing, ms: too old (or from the future) is refused. */
  ts: number;
  /** Id of the access grant (scoped, expiring) the sender acts under. */
  grant?: string;
  /** Id of the prompt the occupant confirmed (the doorbell's remote unlock). */
  confirmation?: string;
  /** Ed25519 signature, hex. */
  sig: string;
}

/** What a command means, independent of the ecosystem schema it travels in. */
export interface CommandContent {
  /** Bus address of the target (`home/h1/lock.front_door`, `vehicle/car1`): binds the command to one device. */
  to: string;
  capability: string;
  command: string;
  attributes: { [key: string]: Json };
}

export type UnsignedAuth = Omit<AuthBlock, 'sig'>;

/** The UTF-8 bytes signed: canonical JSON of the command and the auth fields, keys sorted. */
export function signingBytes(content: CommandContent, auth: UnsignedAuth): Uint8Array {
  const signed: { [key: string]: Json } = {
    alg: auth.alg, attributes: content.attributes, capability: content.capability, command: content.command,
    nonce: auth.nonce, sender: auth.sender, to: content.to, ts: auth.ts, v: auth.v,
  };
  if (auth.grant !== undefined) signed.grant = auth.grant;
  if (auth.confirmation !== undefined) signed.confirmation = auth.confirmation;
  return utf8Bytes(canonicalJson(signed));
}

export type ParsedAuth = { ok: true; auth: AuthBlock } | { ok: false; reason: 'unsigned' | 'forged'; detail: string };

const HEX = /^[0-9a-f]*$/;
const MAX_ID_LENGTH = 128;

/** Reads an `auth` value from the wire: absent or without signature is unsigned, malformed is forged. */
export function parseAuthBlock(value: unknown): ParsedAuth {
  if (value === undefined || value === null) return { ok: false, reason: 'unsigned', detail: 'the command carries no signature block (auth)' };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'unsigned', detail: 'auth is not an object' };
  const { v, alg, sender, nonce, ts, grant, confirmation, sig } = value as { [key: string]: unknown };
  if (sig === undefined) return { ok: false, reason: 'unsigned', detail: 'auth has no signature (sig)' };
  const bad = (detail: string): ParsedAuth => ({ ok: false, reason: 'forged', detail: `malformed signature block: ${detail}` });
  if (v !== AUTH_VERSION) return bad(`version ${JSON.stringify(v)}, expected ${AUTH_VERSION}`);
  if (alg !== AUTH_ALGORITHM) return bad(`algorithm ${JSON.stringify(alg)}, expected ${AUTH_ALGORITHM}`);
  if (typeof sender !== 'string' || sender.length === 0 || sender.length > MAX_ID_LENGTH) return bad('sender must be an identifier');
  if (typeof nonce !== 'string' || nonce.length !== NONCE_BYTES * 2 || !HEX.test(nonce)) return bad(`nonce must be ${NONCE_BYTES} bytes of lowercase hex`);
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return bad('ts must be a number (virtual ms)');
  if (grant !== undefined && (typeof grant !== 'string' || grant.length > MAX_ID_LENGTH)) return bad('grant must be a grant id');
  if (confirmation !== undefined && (typeof confirmation !== 'string' || confirmation.length > MAX_ID_LENGTH)) return bad('confirmation must be a prompt id');
  if (typeof sig !== 'string' || sig.length !== ED25519_SIGNATURE_BYTES * 2 || !HEX.test(sig)) return bad(`sig must be ${ED25519_SIGNATURE_BYTES} bytes of lowercase hex`);
  const auth: AuthBlock = { v: AUTH_VERSION, alg: AUTH_ALGORITHM, sender, nonce, ts, sig };
  if (grant !== undefined) auth.grant = grant;
  if (confirmation !== undefined) auth.confirmation = confirmation;
  return { ok: true, auth };
}

