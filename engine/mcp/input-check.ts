// The agent's `data` checked against a command's input schema (twins/sim/capabilities.ts) before anything is sent,
// so a wrong type or an out-of-range value comes back at once with the attribute named. Only the schema keywords
// the descriptions use are read: type (number, string, object), enum, minimum, maximum, required. The device still
// checks on arrival; this is the agent's early, clearer answer, not the policy.
import type { Json } from '../../twins/kernel/types';
import type { JsonSchema } from '../../twins/sim/capabilities';

/** Why `data` does not fit `schema`, or undefined when it does. */
export function checkData(schema: JsonSchema, data: { [key: string]: Json }): string | undefined {
  const properties = (schema.properties ?? {}) as { [key: string]: JsonSchema };
  for (const name of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(data, name)) return `"${name}" is required`;
  }
  for (const [name, value] of Object.entries(data)) {
    if (!Object.hasOwn(properties, name)) continue; // extra attributes travel; the device ignores what it does not read
    const problem = checkValue(properties[name]!, value);
    if (problem !== undefined) return `"${name}" ${problem}`;
  }
  return undefined;
}

function checkValue(schema: JsonSchema, value: Json): string | undefined {
  if (schema.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${JSON.stringify(value)}`;
    if (typeof schema.minimum === 'number' && value < schema.minimum) return `must be ≥ ${schema.minimum}, got ${value}`;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return `must be ≤ ${schema.maximum}, got ${value}`;
  }
  if (schema.type === 'string' && typeof value !== 'string') return `must be a string, got ${JSON.stringify(value)}`;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `must be one of ${schema.enum.join(', ')}, got ${JSON.stringify(value)}`;
  return undefined;
}
