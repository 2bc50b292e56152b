// Makes the strings a message log keeps one copy each: JSON.parse gives every message its own copy of its source,
// destination, topic, kind, status, path and each hop's ends, link and format — the same few dozen values in a run,
// held 100k times. Each copy outlived the young generation with its message, so every minor collection copied them
// (twice) and they filled the old generation: replaying the flow scene's batches into the log, interning took the
// log from ~2.9 to ~2.1 KB a message and halved the time in minor collections. A hop's parent span is the span of
// the hop before it (or the message's own), so it shares that string. Only values from a small vocabulary are
// pooled; ids and spans are unique and stay as parsed.
import type { Envelope } from '../../protocol';

type Hop = Envelope['hops'][number];

/** Pooled strings at most: past this a run with ever-new values (a hostile feed) keeps its own copies. */
export const MAX_POOLED = 10_000;

export class MessageInterner {
  private readonly pool = new Map<string, string>();
  private readonly paths = new Map<string, readonly string[]>();

  /** The pooled copy of `value` (pooled now if there is room); anything but a string is returned as is. */
  string<T>(value: T): T {
    if (typeof value !== 'string') return value;
    const pooled = this.pool.get(value);
    if (pooled !== undefined) return pooled as T;
    if (this.pool.size < MAX_POOLED) this.pool.set(value, value);
    return value;
  }

  /** `envelope` with its shared values pooled, in place; returns it. */
  envelope(envelope: Envelope): Envelope {
    envelope.source = this.string(envelope.source);
    envelope.destination = this.string(envelope.destination);
    envelope.topic = this.string(envelope.topic);
    envelope.kind = this.string(envelope.kind);
    envelope.status = this.string(envelope.status);
    envelope.architecture = this.string(envelope.architecture);
    envelope.path = this.path(envelope.path);
    this.hops(envelope.hops, envelope.spanId);
    return envelope;
  }

  /** Hops pooled in place; `parentSpan` is the span the first of them descends from, when known. */
  hops(hops: readonly Hop[] | undefined, parentSpan?: string): void {
    if (!Array.isArray(hops)) return;
    let parent = parentSpan;
    for (const hop of hops) {
      if (typeof hop !== 'object' || hop === null) continue;
      hop.from = this.string(hop.from);
      hop.to = this.string(hop.to);
      hop.link = this.string(hop.link);
      hop.status = this.string(hop.status);
      if (hop.format !== undefined) hop.format = this.string(hop.format);
      if (parent !== undefined && hop.parentSpanId === parent) hop.parentSpanId = parent;
      parent = hop.spanId;
    }
  }

  clear(): void {
    this.pool.clear();
    this.paths.clear();
  }

  /** One array per route: a path is never changed once sent (Envelope.path is readonly). */
  private path(path: readonly string[]): readonly string[] {
    if (!Array.isArray(path) || !path.every((p) => typeof p === 'string')) return path;
    const key = path.join('\n');
    const pooled = this.paths.get(key);
    // The key is ambiguous for ends that contain a line break (["a\nb"] and ["a", "b"]): shared only when equal.
    if (pooled !== undefined) return pooled.length === path.length && pooled.every((p, i) => p === path[i]) ? pooled : path;
    if (this.paths.size >= MAX_POOLED) return path;
    const own = path.map((p) => this.string(p));
    this.paths.set(key, own);
    return own;
  }
}
