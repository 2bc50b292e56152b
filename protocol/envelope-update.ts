// The two halves of a message update (MessageBatch.updates): what the engine sends when a message the page already
// has moves on, and how the page merges it into the copy it holds. Pure functions over the shared Envelope type, so
// the engine, the renderer and any other client of the protocol read updates the same way.
import type { Envelope } from '../twins/bus/envelope';
import type { EnvelopeUpdate } from './live-types';

/** How many leading hops of `envelope` are final: only its last hop can still be under way. */
export function finalHops(envelope: Envelope): number {
  const last = envelope.hops.at(-1);
  return last !== undefined && last.status === 'in-flight' ? envelope.hops.length - 1 : envelope.hops.length;
}

/**
 * The update that brings a receiver holding `envelope` as it was when `hopsFrom` of its hops were final up to its
 * state now. The hops are the envelope's own objects: a sender whose envelopes go on changing copies them.
 */
export function envelopeUpdate(envelope: Envelope, hopsFrom: number): EnvelopeUpdate {
  const update: EnvelopeUpdate = { id: envelope.id, status: envelope.status, hopsFrom, hops: envelope.hops.slice(hopsFrom) };
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
  if (!canMerge(previous, update)) return undefined;
  const next: Envelope = { ...previous, status: update.status, hops: [...previous.hops.slice(0, update.hopsFrom), ...update.hops] };
  if (update.completedAt !== undefined) next.completedAt = update.completedAt;
  if (update.error !== undefined) next.error = update.error;
  if (update.failure !== undefined) next.failure = update.failure;
  return next;
}

/** Whether `update` builds on `held`: the same message, and a base within the hops held. */
function canMerge(held: Envelope, update: EnvelopeUpdate): boolean {
  return held.id === update.id && Number.isInteger(update.hopsFrom) && update.hopsFrom >= 0 && update.hopsFrom <= held.hops.length && Array.isArray(update.hops);
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
  hops.length = update.hopsFrom;
  for (const hop of update.hops) hops.push(hop);
  if (update.completedAt !== undefined) held.completedAt = update.completedAt;
  if (update.error !== undefined) held.error = update.error;
  if (update.failure !== undefined) held.failure = update.failure;
  return true;
}
