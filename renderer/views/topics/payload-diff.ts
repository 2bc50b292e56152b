// What changed between two consecutive payloads of a topic, as MQTT Explorer shows it: each leaf by its JSON path
// (`attributes.power_limit_kw`), added, removed or changed, plus the numeric leaves a topic's chart can plot.
import type { Json } from '../../../protocol';

export type LeafChange =
  | { path: string; kind: 'added'; after: Json }
  | { path: string; kind: 'removed'; before: Json }
  | { path: string; kind: 'changed'; before: Json; after: Json };

/** Every leaf of a JSON value by its path; arrays by index (`items[2].id`); the root leaf's path is `(value)`. */
export function leaves(value: Json, prefix = ''): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (v: Json, path: string): void => {
    if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x] as const) : Object.entries(v).map(([k, x]) => [path === '' ? k : `.${k}`, x] as const);
      if (entries.length === 0) out.set(path || '(value)', Array.isArray(v) ? [] : {});
      for (const [key, x] of entries) walk(x, `${path}${key}`);
    } else {
      out.set(path || '(value)', v);
    }
  };
  walk(value, prefix);
  return out;
}

export function diffPayloads(before: Json, after: Json): LeafChange[] {
  const a = leaves(before);
  const b = leaves(after);
  const changes: LeafChange[] = [];
  for (const [path, x] of a) {
    if (!b.has(path)) changes.push({ path, kind: 'removed', before: x });
    else if (JSON.stringify(x) !== JSON.stringify(b.get(path))) changes.push({ path, kind: 'changed', before: x, after: b.get(path)! });
  }
  for (const [path, y] of b) if (!a.has(path)) changes.push({ path, kind: 'added', after: y });
  return changes;
}

/** The paths of the numeric leaves of a payload: what the topic chart offers to plot. */
export function numericPaths(value: Json): string[] {
  return [...leaves(value)].filter(([, v]) => typeof v === 'number' && Number.isFinite(v)).map(([p]) => p);
}

/** The number at a leaf path, or undefined when the payload has none there. */
export function numberAt(value: Json, path: string): number | undefined {
  const v = leaves(value).get(path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
