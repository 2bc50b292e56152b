// The two halves of a message update (MessageBatch.updates): what the engine sends when a message the page already
// has moves on, and how the page merges it into the copy it holds. Pure functions over the shared Envelope type, so
// the engine, the renderer and any other client of the protocol read updates the same way.
import type { Envelope } from '../twins/bus/envelope';
import type { EnvelopeUpdate } from './live-types';

type Hop = Envelope['hops'][number];

/**
 * The fields of `now` that differ from `sent` (values compared by identity: a hop's payload is replaced, never
 * changed in place), or undefined when a field was removed (a set of changes cannot say so: send the hop whole), the
 * hop is gone, or it is another hop.
 */
export function hopChange(sent: Hop, now: Hop | undefined): Partial<Hop> | undefined {
  if (now === undefined || now.spanId !== sent.spanId || now.index !== sent.index) return undefined;
  const changed: Record<string, unknown> = {};
  const was = sent as unknown as Record<string, unknown>;
  const is = now as unknown as Record<string, unknown>;
  for (const key in was) if (was[key] !== undefined && is[key] === undefined) return undefined;
  for (const key in is) if (is[key] !== was[key] && is[key] !== undefined) changed[key] = is[key];
  return changed as Partial<Hop>;
}

/** How many leading hops of `envelope` are final: only its last hop can still be under way. */
export function finalHops(envelope: Envelope): number {
  const last = envelope.hops.at(-1);
  return last !== undefined && last.status === 'in-flight' ? envelope.hops.length - 1 : envelope.hops.length;
}

/**
 * The update that brings a receiver holding `envelope` as it was when `hopsFrom` of its hops were final up to its
 * state now. The hops are the envelope's own objects: a sender whose envelopes go on changing copies them. With
 * `sentHop`, the receiver's copy of hop `hopsFrom` (the one under way when it was sent), that hop goes as the fields
 * that changed (`changedHop`) when they say all that changed.
 */
export function envelopeUpdate(envelope: Envelope, hopsFrom: number, sentHop?: Hop): EnvelopeUpdate {
  const changed = sentHop === undefined ? undefined : hopChange(sentHop, envelope.hops[hopsFrom]);
  if (changed !== undefined) hopsFrom++;
  const update: EnvelopeUpdate = { id: envelope.id, status: envelope.status, hopsFrom, hops: envelope.hops.slice(hopsFrom) };
  if (changed !== undefined) update.changedHop = changed;
  if (envelope.completedAt !== undefined) update.completedAt = envelope.completedAt;
  if (envelope.error !== undefined) update.error = envelope.error;
  if (envelope.failure !== undefined) update.failure = envelope.failure;
  return update;
}

/**
 * `previous` (the receiver's copy) with `update` applied, as a new envelope; `previous` is left as it was. Undefined
 * when they cannot be merged: the copy has fewer hops than the update builds on (or the update is malformed).
 */
export function applyUpdate(previous: Envelope, update: EnvelopeUpdate): Envelope | undefined {
  // A copy whose hops array is its own: mergeUpdate changes the array and replaces (never edits) a changed hop.
  const next: Envelope = { ...previous, hops: [...previous.hops] };
  return mergeUpdate(next, update) ? next : undefined;
}

/** Whether `update` builds on `held`: the same message, and a base within the hops held. */
function canMerge(held: Envelope, update: EnvelopeUpdate): boolean {
  if (held.id !== update.id || !Number.isInteger(update.hopsFrom) || update.hopsFrom < 0 || update.hopsFrom > held.hops.length || !Array.isArray(update.hops)) return false;
  // A change to a hop needs that hop held, and is a plain set of fields.
  const changed: unknown = update.changedHop;
  return changed === undefined || (update.hopsFrom >= 1 && typeof changed === 'object' && changed !== null && !Array.isArray(changed));
}

/**
 * `update` applied to `held` itself, in place; false (and `held` untouched) when they cannot be merged. For a
 * receiver that keeps many messages for long (the page's 100k-message log): a new envelope per update turned every
 * message's earlier states into garbage the collector had to copy or compact. The update's hops become the held
 * envelope's (the receiver gives the update up).
 */
export function mergeUpdate(held: Envelope, update: EnvelopeUpdate): boolean {
  if (!canMerge(held, update)) return false;
  held.status = update.status;
  const hops = held.hops;
  // A new object for the changed hop, not fields added to the held one: added fields go to a separate backing store.
  if (update.changedHop !== undefined) hops[update.hopsFrom - 1] = withChange(hops[update.hopsFrom - 1]!, update.changedHop);
  hops.length = update.hopsFrom;
  for (const hop of update.hops) hops.push(hop);
  if (update.completedAt !== undefined) held.completedAt = update.completedAt;
  if (update.error !== undefined) held.error = update.error;
  if (update.failure !== undefined) held.failure = update.failure;
  return true;
}

/** Every field a hop has (twins/bus/envelope.ts): a changed hop is built with all of them, in this order. */
const HOP_KEYS = new Set(['index', 'from', 'to', 'link', 'spanId', 'parentSpanId', 'sentAt', 'deliveredAt', 'attempts', 'status', 'format', 'payload', 'measured', 'error']);

/**
 * `hop` with `changed` set, as a new object of one fixed shape (absent fields read undefined). Spreading the two made
 * V8 give each such hop a dictionary of its properties (3.3 KB kept a message instead of 1.9 in a replay of the flow
 * scene); one literal of every field keeps them all in the object. A field it does not know goes the slow way.
 */
function withChange(hop: Hop, changed: Partial<Hop>): Hop {
  // Spread, not Object.assign: a "__proto__" key parsed from a frame is then a plain field, not the copy's prototype.
  for (const key in changed) if (!HOP_KEYS.has(key)) return { ...hop, ...changed };
  const c = changed;
  // Written out, no helper: a closure per hop doubled the garbage. `!== undefined`, not `??`: a payload can be null.
  return {
    index: c.index !== undefined ? c.index : hop.index,
    from: c.from !== undefined ? c.from : hop.from,
    to: c.to !== undefined ? c.to : hop.to,
    link: c.link !== undefined ? c.link : hop.link,
    spanId: c.spanId !== undefined ? c.spanId : hop.spanId,
    parentSpanId: c.parentSpanId !== undefined ? c.parentSpanId : hop.parentSpanId,
    sentAt: c.sentAt !== undefined ? c.sentAt : hop.sentAt,
    deliveredAt: c.deliveredAt !== undefined ? c.deliveredAt : hop.deliveredAt,
    attempts: c.attempts !== undefined ? c.attempts : hop.attempts,
    status: c.status !== undefined ? c.status : hop.status,
    format: c.format !== undefined ? c.format : hop.format,
    payload: c.payload !== undefined ? c.payload : hop.payload,
    measured: c.measured !== undefined ? c.measured : hop.measured,
    error: c.error !== undefined ? c.error : hop.error,
  } as Hop;
}
