// Canonical JSON: object keys sorted, no whitespace, non-finite numbers rejected. Two runs that produce the
// same events serialise to the same bytes, whatever order the code happened to build objects in. The event log
// writes its lines as bytes (json-writer.ts); this is the same serialisation as a string, for everyone else.
import { writtenText } from './json-writer';
import type { Json } from './types';

export function canonicalJson(value: Json | undefined): string {
  return writtenText((writer) => writer.json(value));
}
