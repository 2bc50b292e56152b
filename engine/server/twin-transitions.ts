// The state changes of the twins the pages watch (issue 18: the state-chart view's event log, like the Stately
// inspector's, must show every transition in order, even several within one millisecond of wall time). Read from
// the canonical event stream (`twin.state` with a `from`), so nothing a machine did is sampled away, and pushed
// with the message batches rather than polled. Every transition goes into one bounded ring (a twin watched later
// still gets its recent past); only the watched twins' new ones are queued for the page.
import type { TwinTransition, TwinTransitions } from '../../protocol';
import { TWIN_TRANSITIONS_KEPT } from '../../protocol';
import type { SimEvent } from '../../twins/kernel';
import { RingBuffer } from '../../twins/kernel/ring-buffer';

/** Transitions of all twins kept for a page that starts watching one: about 2 MB at most. */
export const ALL_TRANSITIONS_KEPT = 50_000;
/** Twins watched at once (one per open page's state-chart view): the least recently asked for is dropped. */
export const MAX_WATCHED = 8;

interface Entry extends TwinTransition {
  address: string;
}

export class TwinTransitionLog {
  private readonly all: RingBuffer<Entry>;
  /**
   * Watched addresses (insertion order = least recently watched first) and their transitions not yet pushed: at
   * most TWIN_TRANSITIONS_KEPT per flush (a page shows no more), the older ones counted as dropped.
   */
  private readonly watched = new Map<string, RingBuffer<Entry>>();
  /** Transitions seen per twin, to tell the page how many its backlog no longer holds. */
  private readonly counts = new Map<string, number>();

  constructor(capacity = ALL_TRANSITIONS_KEPT) {
    this.all = new RingBuffer(capacity);
  }

  /** Feed one canonical event (the session's kernel listener). */
  observe(event: SimEvent): void {
    if (event.type !== 'twin.state' || typeof event.data['from'] !== 'string') return;
    const entry: Entry = { address: event.source, seq: event.seq, t: event.t, from: event.data['from'], to: String(event.data['state']) };
    this.all.push(entry);
    this.counts.set(entry.address, (this.counts.get(entry.address) ?? 0) + 1);
    this.watched.get(entry.address)?.push(entry);
  }

  /** Start watching `address`: its newest kept transitions (TWIN_TRANSITIONS_KEPT), as a batch that resets the page's. */
  watch(address: string): TwinTransitions {
    this.watched.delete(address);
    this.watched.set(address, new RingBuffer(TWIN_TRANSITIONS_KEPT));
    if (this.watched.size > MAX_WATCHED) this.watched.delete(this.watched.keys().next().value!);
    const backlog = this.all.newest(TWIN_TRANSITIONS_KEPT, (e) => e.address === address);
    return { address, transitions: backlog.map(strip), reset: true, dropped: (this.counts.get(address) ?? 0) - backlog.length };
  }

  /** The twins watched now, least recently asked for first (a replay that starts over watches them again). */
  get watching(): string[] {
    return [...this.watched.keys()];
  }

  unwatch(address: string): void {
    this.watched.delete(address);
  }

  /** The watched twins' new transitions since the last flush (one batch per twin that changed). */
  flush(): TwinTransitions[] {
    const out: TwinTransitions[] = [];
    for (const [address, pending] of this.watched) {
      if (pending.size === 0) continue;
      out.push({ address, transitions: pending.toArray().map(strip), reset: false, dropped: pending.dropped });
      pending.clear();
    }
    return out;
  }
}

const strip = ({ seq, t, from, to }: Entry): TwinTransition => ({ seq, t, from, to });
