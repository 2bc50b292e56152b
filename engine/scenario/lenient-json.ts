// Readers for a scenario document as written: the cross-checks and name checks run even where the schema refused
// the document, so a value may be of any type. Each reader answers "absent" for the wrong type instead of throwing,
// and the check reports only what it can be sure of.
export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
