// A valid `setState` data object for an event, built from the catalogue of its fields: the required ones only,
// each with a value of its type (the first value of an enumeration).
import { eventDataFields, type FieldSpec } from '../../../twins/sim/catalogue/event-data';

const SAMPLE = { number: 1, string: 'x', boolean: true, object: {} } as const;

export function sampleData(kind: string, event: string): Record<string, unknown> | undefined {
  const fields = eventDataFields(kind, event);
  if (fields === undefined) return undefined;
  const data: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields) as [string, FieldSpec][]) {
    if (typeof spec === 'object' && !Array.isArray(spec)) continue;
    data[name] = typeof spec === 'string' ? SAMPLE[spec] : (spec as readonly string[])[0];
  }
  return Object.keys(data).length > 0 ? data : undefined;
}
