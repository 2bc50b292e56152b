// Compares the messages of two runs. Messages are paired first by full content (source, destination, topic,
// kind, payload), the k-th occurrence in A with the k-th in B, then leftovers by route alone (a pair whose
// payload changed); what is still unpaired was removed or added. Pairing by content before route keeps one
// missing message from shifting every later message on the same route into a spurious "payload changed".
//
// Order is checked where it carries meaning, the causal order: within one trace (a request and what it caused)
// and per destination (a device must see "lock" then "unlock", not the reverse). Two independent flows whose
// completions interleave differently are not a difference; a latency shift within tolerance may do just that.
import { canonicalJson } from '../../twins/kernel/canonical-json';
import type { Json } from '../../twins/kernel/types';
import type { ComparedMessage } from './diff-load';
import type { DifferenceCollector } from './diff-types';

export function compareMessages(a: ComparedMessage[], b: ComparedMessage[], toleranceMs: number, out: DifferenceCollector): void {
  const partnerOfA = new Int32Array(a.length).fill(-1);
  const partnerOfB = new Int32Array(b.length).fill(-1);
  pair(a, b, partnerOfA, partnerOfB, contentKey);
  pair(a, b, partnerOfA, partnerOfB, routeKey);

  for (let i = 0; i < a.length; i++) {
    const m = a[i]!;
    const j = partnerOfA[i]!;
    if (j < 0) {
      out.add({ kind: 'message-removed', subject: label(m), detail: `message ${i + 1} of A (${m.status}) has no counterpart in B`, seqA: m.seq });
      continue;
    }
    comparePair(m, b[j]!, toleranceMs, out);
  }
  for (let j = 0; j < b.length; j++) {
    if (partnerOfB[j]! >= 0) continue;
    const m = b[j]!;
    out.add({ kind: 'message-added', subject: label(m), detail: `message ${j + 1} of B (${m.status}) has no counterpart in A`, seqB: m.seq });
  }
  compareCausalOrder(a, b, partnerOfA, out);
}

function pair(a: ComparedMessage[], b: ComparedMessage[], partnerOfA: Int32Array, partnerOfB: Int32Array, key: (m: ComparedMessage) => string): void {
  const queues = new Map<string, { items: number[]; head: number }>();
  for (let j = 0; j < b.length; j++) {
    if (partnerOfB[j]! >= 0) continue;
    const k = key(b[j]!);
    const queue = queues.get(k);
    if (queue === undefined) queues.set(k, { items: [j], head: 0 });
    else queue.items.push(j);
  }
  for (let i = 0; i < a.length; i++) {
    if (partnerOfA[i]! >= 0) continue;
    const queue = queues.get(key(a[i]!));
    if (queue === undefined || queue.head >= queue.items.length) continue;
    const j = queue.items[queue.head++]!;
    partnerOfA[i] = j;
    partnerOfB[j] = i;
  }
}

function comparePair(m: ComparedMessage, n: ComparedMessage, toleranceMs: number, out: DifferenceCollector): void {
  const where = { seqA: m.seq, seqB: n.seq };
  if (m.payload !== n.payload) {
    out.add({ kind: 'message-payload', subject: label(m), detail: `payload differs: ${describeJsonDifference(m.payload, n.payload)}`, ...where });
  } else if (m.deliveredPayload !== n.deliveredPayload) {
    out.add({ kind: 'message-payload', subject: label(m), detail: `payload as delivered differs: ${describeJsonDifference(m.deliveredPayload, n.deliveredPayload)}`, ...where });
  }
  if (m.status !== n.status || m.failure !== n.failure) {
    out.add({ kind: 'message-status', subject: label(m), detail: `${statusText(m)} in A, ${statusText(n)} in B`, ...where });
  }
  if (m.path !== n.path) {
    out.add({ kind: 'message-path', subject: label(m), detail: `path ${m.path} in A, ${n.path} in B`, ...where });
  } else {
    for (let h = 0; h < m.hops.length; h++) {
      const x = m.hops[h]!;
      const y = n.hops[h]!;
      if (x.latencyMs === undefined || y.latencyMs === undefined || !beyondTolerance(x.latencyMs, y.latencyMs, toleranceMs)) continue;
      out.add({
        kind: 'latency-hop',
        subject: label(m),
        detail: `hop ${h + 1} ${x.from} > ${x.to} (${x.link}): ${shift(x.latencyMs, y.latencyMs, toleranceMs)}`,
        ...where,
      });
    }
  }
  if (m.e2eMs !== null && n.e2eMs !== null && beyondTolerance(m.e2eMs, n.e2eMs, toleranceMs)) {
    out.add({ kind: 'latency-e2e', subject: label(m), detail: `end-to-end ${shift(m.e2eMs, n.e2eMs, toleranceMs)}`, ...where });
  }
}

function compareCausalOrder(a: ComparedMessage[], b: ComparedMessage[], partnerOfA: Int32Array, out: DifferenceCollector): void {
  const groups = new Map<string, number[]>(); // group → indices in A, ascending
  for (let i = 0; i < a.length; i++) {
    if (partnerOfA[i]! < 0) continue;
    for (const g of [`trace ${a[i]!.traceId}`, `destination ${a[i]!.destination}`]) {
      const list = groups.get(g);
      if (list === undefined) groups.set(g, [i]);
      else list.push(i);
    }
  }
  const moved = new Map<number, number>(); // index in A → the index in A it swapped with
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const positions = members.map((i) => partnerOfA[i]!);
    const kept = longestIncreasing(positions);
    for (let p = 0; p < members.length; p++) {
      if (kept[p] || moved.has(members[p]!)) continue;
      moved.set(members[p]!, members[swappedWith(positions, p)]!);
    }
  }
  for (const [i, other] of [...moved.entries()].sort((x, y) => x[0] - y[0])) {
    const m = a[i]!;
    const o = a[other]!;
    const relation = other < i ? 'after' : 'before';
    out.add({
      kind: 'message-order',
      subject: label(m),
      detail: `in A it completes ${relation} ${o.topic} (${o.source} > ${o.destination}), in B the other way round`,
      seqA: m.seq,
      seqB: b[partnerOfA[i]!]!.seq,
    });
  }
}

/** Marks the members of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: number[]): boolean[] {
  const tailIndex: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tailIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tailIndex[mid]!]! < values[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tailIndex[lo - 1]!;
    tailIndex[lo] = i;
  }
  const kept = new Array<boolean>(values.length).fill(false);
  for (let i = tailIndex.length > 0 ? tailIndex[tailIndex.length - 1]! : -1; i >= 0; i = previous[i]!) kept[i] = true;
  return kept;
}

/** The nearest group member that ended up on the other side of member p in B. */
function swappedWith(positions: number[], p: number): number {
  for (let q = p - 1; q >= 0; q--) if (positions[q]! > positions[p]!) return q;
  for (let r = p + 1; r < positions.length; r++) if (positions[r]! < positions[p]!) return r;
  return p;
}

function contentKey(m: ComparedMessage): string {
  return `${routeKey(m)}\u0000${m.payload}`;
}

function routeKey(m: ComparedMessage): string {
  return `${m.source}\u0000${m.destination}\u0000${m.topic}\u0000${m.kind}`;
}

function label(m: ComparedMessage): string {
  return `${m.source} > ${m.destination} ${m.topic} (${m.kind})`;
}

function statusText(m: ComparedMessage): string {
  return m.failure === null ? m.status : `${m.status} (${m.failure})`;
}

function shift(a: number, b: number, toleranceMs: number): string {
  const delta = b - a;
  return `${round(a)} ms in A, ${round(b)} ms in B (${delta > 0 ? '+' : ''}${round(delta)} ms, tolerance ${toleranceMs} ms)`;
}

/**
 * Compared in whole microseconds, the virtual clock's resolution: 2.703 − 2.7029999999999994 is floating-point
 * noise from subtracting two times, not a latency shift, and must not show as "2.703 ms in A, 2.703 ms in B".
 */
export function beyondTolerance(a: number, b: number, toleranceMs: number): boolean {
  return Math.abs(Math.round(b * 1000) - Math.round(a * 1000)) > Math.round(toleranceMs * 1000);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** `path: a → b` for the first place two canonical JSON texts differ. */
export function describeJsonDifference(aText: string, bText: string): string {
  const found = firstDifference(JSON.parse(aText) as Json, JSON.parse(bText) as Json, '');
  if (found === undefined) return 'same content';
  return `${found.path || '(whole payload)'}: ${show(found.a)} in A, ${show(found.b)} in B`;
}

function firstDifference(a: Json | undefined, b: Json | undefined, path: string): { path: string; a: Json | undefined; b: Json | undefined } | undefined {
  if (a === b) return undefined;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return { path, a, b };
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as { [k: string]: Json };
  const bo = b as { [k: string]: Json };
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  for (const key of keys) {
    const d = firstDifference(ao[key], bo[key], path === '' ? key : `${path}.${key}`);
    if (d) return d;
  }
  return undefined;
}

function show(value: Json | undefined): string {
  if (value === undefined) return '(absent)';
  const text = canonicalJson(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
