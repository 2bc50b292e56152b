// The canonical event stream of a run. Every line is `{"data":…,"seq":n,"source":…,"t":…,"type":…}` in
// canonical JSON; the SHA-256 over all lines (each followed by "\n") is the run's eventHash. The hash is
// updated incrementally so long runs need not keep their lines; listeners (recorder, UI) see every event.
import { canonicalJson, canonicalNumber, quoteJson } from './canonical-json';
import { pureSha256Hasher, type StreamHasher } from './stream-hasher';
import type { EventSink, Json, Scheduler, SimTime } from './types';

export interface SimEvent {
  seq: number;
  t: SimTime;
  type: string;
  source: string;
  data: { [key: string]: Json };
}

export type SimEventListener = (event: SimEvent, line: string) => void;

export interface EventLogOptions {
  /** Keep every canonical line in memory (tests, small runs). Default true. */
  retainLines?: boolean;
  /** SHA-256 implementation; defaults to the pure-JS one. */
  hasher?: StreamHasher;
}

export class EventLog implements EventSink {
  private readonly hasher: StreamHasher;
  private readonly retained: string[] | undefined;
  private readonly listeners: SimEventListener[] = [];
  private seq = 0;
  private digest: string | undefined;

  constructor(private readonly clock: Pick<Scheduler, 'now'>, options: EventLogOptions = {}) {
    this.retained = options.retainLines === false ? undefined : [];
    this.hasher = options.hasher ?? pureSha256Hasher();
  }

  get count(): number {
    return this.seq;
  }

  emit(type: string, source: string, data: { [key: string]: Json }): void {
    this.emitSerialized(type, source, data, canonicalJson(data));
  }

  /**
   * Emit an event whose data the caller has already serialised (a hot path, e.g. the bus's envelopes).
   * `dataJson` is canonical JSON of `data` or of a record that gives `data` back exactly (the bus writes a message
   * as its compact record, see twins/bus/envelope-record.ts); the callers' tests pin that.
   */
  emitSerialized(type: string, source: string, data: { [key: string]: Json }, dataJson: string): void {
    if (this.digest !== undefined) throw new Error(`event ${type} from ${source} emitted after the event log was sealed`);
    const seq = this.seq++;
    const t = this.clock.now();
    const line = `{"data":${dataJson},"seq":${seq},"source":${quoteJson(source)},"t":${canonicalNumber(t)},"type":${quoteJson(type)}}`;
    this.hasher.update(line);
    this.hasher.update('\n');
    this.retained?.push(line);
    if (this.listeners.length === 0) return; // a run nobody watches allocates no event objects
    const event: SimEvent = { seq, t, type, source, data };
    for (const listener of this.listeners) listener(event, line);
  }

  onEvent(listener: SimEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Canonical lines emitted so far (empty when created with retainLines: false). */
  lines(): readonly string[] {
    return this.retained ?? [];
  }

  /** SHA-256 (hex) of the stream. Seals the log: no event may follow. */
  hash(): string {
    this.digest ??= this.hasher.digestHex();
    return this.digest;
  }
}
