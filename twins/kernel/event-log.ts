// The canonical event stream of a run. Every line is `{"data":…,"seq":n,"source":…,"t":…,"type":…}` in
// canonical JSON; the SHA-256 over all lines (each followed by "\n") is the run's eventHash. Lines are written as
// UTF-8 straight into one buffer that is hashed every 64 KiB, so long runs keep no lines and a run nobody
// watches makes no strings; listeners (recorder, UI) and retained logs get each line as text.
import { Emitter } from './emitter';
import { JsonWriter } from './json-writer';
import { pureSha256Hasher, type StreamHasher } from './stream-hasher';
import type { EventSink, Json, Scheduler, SimTime } from './types';
import { utf8Text } from './utf8';

export interface SimEvent {
  seq: number;
  t: SimTime;
  type: string;
  source: string;
  data: { [key: string]: Json };
}

export type SimEventListener = (event: SimEvent, line: string) => void;

/** Text of well-formed UTF-8 bytes[start, end): the host may inject its native decoder (utf8Text is the fallback). */
export type Utf8Decoder = (bytes: Uint8Array, start: number, end: number) => string;

/** Writes an event's data as canonical JSON (or as a record that reads back as it, see EventSink.emitWith). */
export type DataWriter<D> = (writer: JsonWriter, data: D) => void;

export interface EventLogOptions {
  /** Keep every canonical line in memory (tests, small runs). Default true. */
  retainLines?: boolean;
  /** SHA-256 implementation; defaults to the pure-JS one. */
  hasher?: StreamHasher;
  /** UTF-8 decoder for the lines listeners and retained logs get; defaults to the plain-ECMAScript one. */
  decodeUtf8?: Utf8Decoder;
}

/** The buffer is handed to the hasher once a line ends past this many bytes. */
const HASH_EVERY_BYTES = 1 << 16;

const writeCanonicalJson: DataWriter<{ [key: string]: Json }> = (writer, data) => writer.json(data);

export class EventLog implements EventSink {
  private readonly hasher: StreamHasher;
  private readonly decodeUtf8: Utf8Decoder;
  private readonly retained: string[] | undefined;
  private readonly listeners = new Emitter<SimEventListener>();
  private readonly out = new JsonWriter(HASH_EVERY_BYTES * 2);
  private seq = 0;
  private digest: string | undefined;

  constructor(private readonly clock: Pick<Scheduler, 'now'>, options: EventLogOptions = {}) {
    this.retained = options.retainLines === false ? undefined : [];
    this.hasher = options.hasher ?? pureSha256Hasher();
    this.decodeUtf8 = options.decodeUtf8 ?? utf8Text;
  }

  get count(): number {
    return this.seq;
  }

  emit(type: string, source: string, data: { [key: string]: Json }): void {
    this.emitWith(type, source, data, writeCanonicalJson);
  }

  /**
   * Emit an event whose data a hot path writes itself (the bus writes a message as its compact record, see
   * twins/bus/envelope-record.ts). `write` must write canonical JSON of `data`, or of a record that gives `data`
   * back exactly; the callers' tests pin that. Listeners get `data` as it is.
   */
  emitWith<D extends object>(type: string, source: string, data: D, write: DataWriter<D>): void {
    if (this.digest !== undefined) throw new Error(`event ${type} from ${source} emitted after the event log was sealed`);
    const out = this.out;
    if (out.length >= HASH_EVERY_BYTES) this.hashBuffered();
    const start = out.length;
    const seq = this.seq;
    const t = this.clock.now();
    try {
      out.raw('{"data":');
      write(out, data);
      out.raw(',"seq":');
      out.number(seq);
      out.raw(',"source":');
      out.string(source);
      out.raw(',"t":');
      out.number(t);
      out.raw(',"type":');
      out.string(type);
      out.raw('}\n');
    } catch (error) {
      out.truncate(start); // a value that cannot be written (NaN, say) leaves no half line in the stream
      throw error;
    }
    this.seq++;
    if (this.retained === undefined && this.listeners.size === 0) return; // nobody watches: no strings, no objects
    const line = this.decodeUtf8(out.bytes, start, out.length - 1);
    this.retained?.push(line);
    if (this.listeners.size === 0) return;
    this.listeners.emit({ seq, t, type, source, data: data as unknown as { [key: string]: Json } }, line);
  }

  onEvent(listener: SimEventListener): () => void {
    return this.listeners.on(listener);
  }

  /** Canonical lines emitted so far (empty when created with retainLines: false). */
  lines(): readonly string[] {
    return this.retained ?? [];
  }

  /** SHA-256 (hex) of the stream. Seals the log: no event may follow. */
  hash(): string {
    if (this.digest === undefined) {
      this.hashBuffered();
      this.digest = this.hasher.digestHex();
    }
    return this.digest;
  }

  /** Hands the lines written so far to the hasher and empties the buffer for the next ones. */
  private hashBuffered(): void {
    this.hasher.update(this.out.bytes.subarray(0, this.out.length));
    this.out.truncate();
  }
}
