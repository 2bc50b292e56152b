// Matching scenario event patterns against the canonical stream. A source matches itself and everything under
// it (`vehicle/car1` matches `vehicle/car1/screen`), so a scenario can name the car rather than its parts.
import { canonicalJson } from '../../twins/kernel/canonical-json';
import type { Json } from '../../twins/kernel/types';
import type { SimEvent } from '../../twins/kernel/event-log';

export interface EventPattern {
  type: string;
  source?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

export function matchesEvent(pattern: EventPattern, event: SimEvent): boolean {
  if (event.type !== pattern.type) return false;
  if (pattern.source !== undefined && event.source !== pattern.source && !event.source.startsWith(`${pattern.source}/`)) return false;
  if (pattern.data !== undefined) {
    for (const [key, expected] of Object.entries(pattern.data)) {
      if (canonicalJson((event.data[key] ?? null) as Json) !== canonicalJson(expected as Json)) return false;
    }
  }
  return true;
}

export function describePattern(pattern: EventPattern): string {
  const data = pattern.data ? ` ${canonicalJson(pattern.data as Json)}` : '';
  return `${pattern.type}${pattern.source ? ` from ${pattern.source}` : ''}${data}`;
}
