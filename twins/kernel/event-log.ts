// The canonical event stream of a run. Every line is `{"data":…,"seq":n,"source":…,"t":…,"type":…}` in
// canonical JSON; the SHA-256 over all lines (each followed by "\n") is the run's eventHash. The hash is
// updated incrementally so long runs need not keep their lines; listeners (recorder, UI) see every event.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';
import { utf8Bytes } from './utf8';
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
}

export class EventLog implements EventSink {
  private readonly hasher = sha256.create();
  private readonly retained: string[] | undefined;
  private readonly listeners: SimEventListener[] = [];
  private seq = 0;
  private digest: string | undefined;

  constructor(private readonly clock: Pick<Scheduler, 'now'>, options: EventLogOptions = {}) {
    this.retained = options.retainLines === false ? undefined : [];
  }

  get count(): number {
    return this.seq;
  }

  emit(type: string, source: string, data: { [key: string]: Json }): void {
    if (this.digest !== undefined) throw new Error(`event ${type} from ${source} emitted after the event log was sealed`);
    const event: SimEvent = { seq: this.seq++, t: this.clock.now(), type, source, data };
    const line =
      `{"data":${canonicalJson(data)},"seq":${event.seq},"source":${JSON.stringify(source)},` +
      `"t":${canonicalJson(event.t)},"type":${JSON.stringify(type)}}`;
    this.hasher.update(utf8Bytes(line + '\n'));
    this.retained?.push(line);
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
    this.digest ??= bytesToHex(this.hasher.digest());
    return this.digest;
  }
}
