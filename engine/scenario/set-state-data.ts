// `setState: { data }` is checked against the fields the receiving machine's event declares
// (twins/sim/catalogue/event-data.ts, held to the machine's event type by the compiler): an unknown field is a
// misspelling the machine would silently ignore (`percentge`), a missing one leaves the machine reading undefined,
// a wrong type or enumeration value leaves it computing with garbage, and `at` would move the twin's clock.
import { eventDataFields, type FieldSpec, type FieldType } from '../../twins/sim/catalogue/event-data';
import type { PathProblem } from './issues';
import { show } from './schema-kit';
import { suggestion } from './suggest';
import type { Path } from './yaml-source';

type MakeProblem = (path: Path, message: string, at?: 'key' | 'value') => PathProblem;

const typeOf = (spec: FieldSpec): FieldType => (typeof spec === 'object' && !Array.isArray(spec) ? (spec as { optional: FieldType }).optional : (spec as FieldType));
const isOptional = (spec: FieldSpec): boolean => typeof spec === 'object' && !Array.isArray(spec);

function describeType(type: FieldType): string {
  return typeof type === 'string' ? (type === 'object' ? 'an object' : `a ${type}`) : `one of ${type.map((v) => JSON.stringify(v)).join(', ')}`;
}

function fits(type: FieldType, value: unknown): boolean {
  if (typeof type !== 'string') return typeof value === 'string' && type.includes(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/** Problems of `data` for `event` sent to a twin of `kind`; none when the event has no described fields. */
export function setStateDataProblems(kind: string, event: string, data: unknown, at: Path, problem: MakeProblem): PathProblem[] {
  const fields = eventDataFields(kind, event);
  if (fields === undefined) return [];
  const given = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const names = Object.keys(fields).sort();
  const problems: PathProblem[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (name === 'at') {
      problems.push(problem([...at, name], 'at is the virtual time the engine stamps on every event; schedule the step with `at:` instead', 'key'));
    } else if (!Object.hasOwn(fields, name)) {
      const known = names.length === 0 ? `${event} carries no data` : suggestion(name, names, 'field');
      problems.push(problem([...at, name], `${event} has no field ${show(name)}; ${known}`, 'key'));
    } else if (!fits(typeOf(fields[name]!), value)) {
      problems.push(problem([...at, name], `${event}'s ${name} must be ${describeType(typeOf(fields[name]!))}, not ${show(value)}`));
    }
  }
  const missing = names.filter((name) => !isOptional(fields[name]!) && !Object.hasOwn(given, name));
  if (missing.length > 0) {
    problems.push(problem(at, `${event} needs ${missing.map((name) => `${name} (${describeType(typeOf(fields[name]!))})`).join(', ')} in data`));
  }
  return problems;
}
