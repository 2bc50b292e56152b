// Topic subscriptions with MQTT filter semantics: `+` matches exactly one level, `#` (last level only) matches
// the rest, including nothing ("home/#" matches "home"). Matching results are cached per topic, because a run
// uses a bounded set of topics and the bus must not scan every filter for every message.

/** True when `topic` matches the MQTT-style `filter`. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Throws on filters MQTT would reject, so a typo fails loudly at subscribe time. */
export function assertValidFilter(filter: string): void {
  const levels = filter.split('/');
  levels.forEach((level, i) => {
    if (level === '#' && i !== levels.length - 1) throw new Error(`topic filter '${filter}': '#' must be the last level`);
    if (level.length > 1 && (level.includes('#') || level.includes('+'))) {
      throw new Error(`topic filter '${filter}': wildcards must stand alone in their level ('${level}')`);
    }
  });
}

const MAX_CACHED_TOPICS = 4096;

export class SubscriptionIndex<THandler> {
  private readonly subscriptions: { filter: string; handler: THandler }[] = [];
  private readonly cache = new Map<string, readonly THandler[]>();

  get size(): number {
    return this.subscriptions.length;
  }

  add(filter: string, handler: THandler): () => void {
    assertValidFilter(filter);
    const entry = { filter, handler };
    this.subscriptions.push(entry);
    this.cache.clear();
    return () => {
      const i = this.subscriptions.indexOf(entry);
      if (i >= 0) this.subscriptions.splice(i, 1);
      this.cache.clear();
    };
  }

  /** Handlers whose filter matches `topic`, in subscription order. */
  match(topic: string): readonly THandler[] {
    let hit = this.cache.get(topic);
    if (hit === undefined) {
      // Topics with ids in them would grow the cache without bound; starting over is cheap.
      if (this.cache.size >= MAX_CACHED_TOPICS) this.cache.clear();
      hit = this.subscriptions.filter((s) => topicMatches(s.filter, topic)).map((s) => s.handler);
      this.cache.set(topic, hit);
    }
    return hit;
  }
}
