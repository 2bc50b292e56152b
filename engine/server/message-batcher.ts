// Collects the envelopes that changed since the last flush (sent, a hop delivered, completed, failed) so the
// renderer gets one frame every ~50 ms instead of one per hop. Envelopes are mutated in place by the bus, so
// a flush copies each one's state as of the flush (envelopeAsOf); the renderer upserts them by id. A message
// already sent goes out again as an update (its outcome and the hops since the last final one), not whole: at 5k
// messages a second, each changing at every hop, whole envelopes were ~1 MB a batch for the page to parse on its
// main thread.
import { envelopeUpdate, finalHops, type EnvelopeUpdate, type MessageBatch } from '../../protocol';
import type { Envelope, Hop } from '../../twins/bus/envelope';
import type { MessageBus } from '../../twins/bus';

/** More than this per flush and only the newest are sent: a max-speed neighbourhood must not flood the UI. */
export const MAX_ENVELOPES_PER_BATCH = 2000;
/** A page that re-attaches (a reload) gets at most this many of the newest messages back. */
export const MAX_ENVELOPES_ON_ATTACH = 20_000;
/**
 * Update bases kept at most: a message whose last change a full batch cut off never comes back to leave, so the
 * oldest are forgotten past this (such a message, if it changes after all, goes out whole: correct, only larger).
 */
const MAX_IN_FLIGHT_BASES = 50_000;

/**
 * The envelope as it is now, apart from the bus's later changes. The bus changes a message in place only in its own
 * fields (status, outcome) and its hops (one pushed per hop, each hop's status, times, attempts, format and payload
 * set as it goes); a payload, once attached, and the path are never changed, only replaced. So a copy of the envelope
 * and of each hop is enough, and payloads are shared: structuredClone copied every payload too, 12 ms for a batch of
 * 1,200 messages and ~10 % of the engine's CPU while it fed the page 4k messages a second.
 */
export function envelopeAsOf(envelope: Envelope): Envelope {
  return { ...envelope, hops: hopsAsOf(envelope.hops) };
}

export function hopsAsOf(hops: readonly Hop[]): Hop[] {
  return hops.map((hop) => ({ ...hop }));
}

interface SentInFlight {
  base: number;
  /** Hop `base` as the receiver got it (undefined: no hop was under way). */
  hop: Hop | undefined;
}

export class MessageBatcher {
  private readonly changed = new Map<string, Envelope>();
  private readonly seen = new Set<string>();
  /**
   * The newest messages, for a page that re-attaches to the run (`attached`): a ring, recent[(recentStart + i) % cap]
   * the i-th oldest. Not a Map trimmed at its front: V8 leaves a deleted entry's slot in place until the table is
   * rebuilt, and finding the first live key walked all of them — ~11 µs a message, 5 % of the engine at 5k a second.
   */
  private recent: Envelope[] = [];
  private recentStart = 0;
  /**
   * Messages sent (whole or as an update) while still in flight, with how many of their hops were final then (the
   * base of their next update) and a copy of the hop that was under way as sent, so the next update says only what
   * changed in it. A message not here goes out whole (never sent, or sent complete — it will not change).
   */
  private readonly sentInFlight = new Map<string, SentInFlight>();
  private reset = true;
  private readonly off: () => void;

  constructor(bus: MessageBus) {
    this.off = bus.onEnvelope((_phase, envelope) => {
      const known = this.seen.size;
      this.seen.add(envelope.id);
      // Re-inserting moves the id to the end, so a cut keeps the most recently changed.
      this.changed.delete(envelope.id);
      this.changed.set(envelope.id, envelope);
      if (this.seen.size > known) this.remember(envelope);
    });
  }

  get total(): number {
    return this.seen.size;
  }

  get hasPending(): boolean {
    return this.changed.size > 0 || this.reset;
  }

  /** The batch to send, or undefined when nothing changed. */
  flush(): MessageBatch | undefined {
    if (!this.hasPending) return undefined;
    const all = [...this.changed.values()];
    const envelopes: Envelope[] = [];
    const updates: EnvelopeUpdate[] = [];
    for (const e of all.slice(Math.max(0, all.length - MAX_ENVELOPES_PER_BATCH))) {
      const sent = this.reset ? undefined : this.sentInFlight.get(e.id);
      /** The hops as this batch sends them, from hop `sentFrom` on (copies: the bus goes on changing its own). */
      let sentHops: Hop[];
      let sentFrom = 0;
      if (sent === undefined) {
        const copy = envelopeAsOf(e);
        envelopes.push(copy);
        sentHops = copy.hops;
      } else {
        const update = envelopeUpdate(e, sent.base, sent.hop);
        update.hops = sentHops = hopsAsOf(update.hops);
        sentFrom = update.hopsFrom;
        updates.push(update);
      }
      if (e.status === 'in-flight') {
        // The receiver's copy of the hop under way now: the one this batch sent, or (sent as a change) ours updated.
        const base = finalHops(e);
        const hop = base >= sentFrom ? sentHops[base - sentFrom] : undefined;
        const now = e.hops[base];
        this.sentInFlight.set(e.id, { base, hop: hop ?? (now === undefined ? undefined : { ...now }) });
      } else this.sentInFlight.delete(e.id);
    }
    if (this.sentInFlight.size > MAX_IN_FLIGHT_BASES) this.sentInFlight.delete(this.sentInFlight.keys().next().value!);
    this.changed.clear();
    const batch: MessageBatch = { envelopes, total: this.seen.size, reset: this.reset };
    if (updates.length > 0) batch.updates = updates;
    this.reset = false;
    return batch;
  }

  /** Everything a newly attached page needs (newest MAX_ENVELOPES_ON_ATTACH), as one batch that resets its log. */
  attached(): MessageBatch {
    const oldestFirst = [...this.recent.slice(this.recentStart), ...this.recent.slice(0, this.recentStart)];
    return { envelopes: oldestFirst.map(envelopeAsOf), total: this.seen.size, reset: true };
  }

  private remember(envelope: Envelope): void {
    if (this.recent.length < MAX_ENVELOPES_ON_ATTACH) this.recent.push(envelope);
    else {
      this.recent[this.recentStart] = envelope;
      this.recentStart = (this.recentStart + 1) % MAX_ENVELOPES_ON_ATTACH;
    }
  }

  dispose(): void {
    this.off();
    this.changed.clear();
    this.recent = [];
    this.sentInFlight.clear();
  }
}
