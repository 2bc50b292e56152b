// Turns machine context and emitted events into JSON for the canonical stream: drops undefined and functions,
// maps non-finite numbers to null and rounds floats to micro-units, so a value the physics computes as
// 23.999999999997 on one path and 24.000000000001 on another cannot split two otherwise identical runs' hashes.
import type { Json } from '../kernel/types';

const SCALE = 1e6;

export function toJson(value: unknown): Json {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return null;
      return Number.isInteger(value) ? value : Math.round(value * SCALE) / SCALE;
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
    case 'bigint':
      return value.toString();
    default:
      break;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(toJson);
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value as object)) {
    if (v === undefined || typeof v === 'function') continue;
    out[key] = toJson(v);
  }
  return out;
}

/** A state value (`'locked'` or `{ prompt: 'idle', pip: 'shown' }`) as one stable string: `pip.shown,prompt.idle`. */
export function stateValueString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return Object.keys(value)
    .sort()
    .map((key) => {
      const inner = stateValueString((value as Record<string, unknown>)[key]);
      return inner === '' ? key : `${key}.${inner}`;
    })
    .join(',');
}
