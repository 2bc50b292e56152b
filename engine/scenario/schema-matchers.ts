// Field matchers as written in a scenario (`data`, `payload`, `delivered` of an event matcher), checked when the
// file loads: a regular expression that does not compile, a range whose lower bound is above its upper bound, an
// empty `in` list or a group the regex does not define is a `file:line:column` error, never a run that cannot
// pass. What the operators mean is engine/runner/evaluate/field-matcher.ts; this file only says what is valid.
import { z } from 'zod';
import { OPERATORS, isOperatorObject, isRecord, isStateRef, regexRefusal } from '../runner/evaluate/field-matcher';
import { eventTypeNames } from './name-catalogue';
import { JsonValue, show } from './schema-kit';
import { normalizeTwinRef } from './twin-refs';

type Problem = { path: (string | number)[]; message: string };

const NAMED_GROUP = /\(\?<([A-Za-z_$][\w$]*)>/g;

function checkRegex(pattern: unknown, path: (string | number)[], problems: Problem[]): RegExp | undefined {
  if (typeof pattern !== 'string') {
    problems.push({ path, message: `matches needs a regular expression as a string, got ${show(pattern)}` });
    return undefined;
  }
  const refusal = regexRefusal(pattern);
  if (refusal === undefined) return new RegExp(pattern);
  problems.push({ path, message: `${show(pattern)}: ${refusal}` });
  return undefined;
}

function checkRange(m: Record<string, unknown>, path: (string | number)[], problems: Problem[]): void {
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (m[key] !== undefined && (typeof m[key] !== 'number' || !Number.isFinite(m[key]))) problems.push({ path: [...path, key], message: `${key} needs a number, got ${show(m[key])}` });
  }
  const low = (m.gte ?? m.gt) as number | undefined;
  const high = (m.lte ?? m.lt) as number | undefined;
  if (typeof low !== 'number' || typeof high !== 'number') return;
  const exclusive = m.gt !== undefined || m.lt !== undefined;
  if (low > high || (low === high && exclusive)) {
    const lowKey = m.gte !== undefined ? 'gte' : 'gt';
    problems.push({ path: [...path, lowKey], message: `empty range: ${lowKey} ${low} is above ${m.lte !== undefined ? 'lte' : 'lt'} ${high}, so nothing can match` });
  }
}

function checkGroups(groups: unknown, regex: RegExp | undefined, path: (string | number)[], problems: Problem[]): void {
  if (!isRecord(groups)) {
    problems.push({ path, message: `groups maps a named group of the regex to what it must equal, got ${show(groups)}` });
    return;
  }
  const defined = regex ? [...regex.source.matchAll(NAMED_GROUP)].map((found) => found[1]!) : undefined;
  for (const [name, expected] of Object.entries(groups)) {
    const at = [...path, name];
    if (defined && !defined.includes(name)) {
      problems.push({ path: at, message: `the regular expression has no group named "${name}"; write (?<${name}>…) in matches${defined.length ? ` (it has ${defined.join(', ')})` : ''}` });
    }
    if (isStateRef(expected)) {
      for (const key of Object.keys(expected)) {
        if (!['twin', 'path', 'scale', 'tolerance'].includes(key)) problems.push({ path: [...at, key], message: `unknown key "${key}" in a twin reference; allowed: twin, path, scale, tolerance` });
      }
      if (expected.scale !== undefined && typeof expected.scale !== 'number') problems.push({ path: [...at, 'scale'], message: `scale needs a number, got ${show(expected.scale)}` });
      if (expected.tolerance !== undefined && !(typeof expected.tolerance === 'number' && expected.tolerance >= 0)) {
        problems.push({ path: [...at, 'tolerance'], message: `tolerance needs a number ≥ 0, got ${show(expected.tolerance)}` });
      }
    } else checkMatcher(expected, at, problems);
  }
}

/** Twin references inside matchers (`groups: { km: { twin, path } }`), with their paths, for the cross-checks. */
export function twinRefsIn(value: unknown, path: readonly (string | number)[], found: { twin: string; path: (string | number)[] }[] = []): typeof found {
  if (Array.isArray(value)) value.forEach((item, i) => twinRefsIn(item, [...path, i], found));
  else if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'groups' && isRecord(inner)) {
        for (const [name, ref] of Object.entries(inner)) {
          if (isStateRef(ref)) found.push({ twin: ref.twin, path: [...path, 'groups', name, 'twin'] });
          else twinRefsIn(ref, [...path, 'groups', name], found);
        }
      } else twinRefsIn(inner, [...path, key], found);
    }
  }
  return found;
}

/** Every problem in a field matcher (recursively through subset objects), with its path. */
export function checkMatcher(value: unknown, path: (string | number)[], problems: Problem[]): void {
  if (!isRecord(value)) return;
  const keys = Object.keys(value);
  const operators = keys.filter((key) => (OPERATORS as readonly string[]).includes(key));
  if (operators.length > 0 && operators.length < keys.length) {
    const fields = keys.filter((key) => !operators.includes(key));
    problems.push({
      path,
      message: `mixes matcher operators (${operators.join(', ')}) with field names (${fields.join(', ')}); to match an object that has such keys, write { equals: {…} }`,
    });
    return;
  }
  if (!isOperatorObject(value)) {
    for (const [key, inner] of Object.entries(value)) checkMatcher(inner, [...path, key], problems);
    return;
  }
  const regex = value.matches !== undefined ? checkRegex(value.matches, [...path, 'matches'], problems) : undefined;
  if (value.groups !== undefined) {
    if (value.matches === undefined) problems.push({ path: [...path, 'groups'], message: 'groups needs matches: the named groups of that regular expression' });
    checkGroups(value.groups, regex, [...path, 'groups'], problems);
  }
  checkRange(value, path, problems);
  if (value.in !== undefined && !(Array.isArray(value.in) && value.in.length > 0)) {
    problems.push({ path: [...path, 'in'], message: `in needs a non-empty list of values, got ${show(value.in)}` });
  }
  if (value.exists !== undefined && typeof value.exists !== 'boolean') {
    problems.push({ path: [...path, 'exists'], message: `exists needs true or false, got ${show(value.exists)}` });
  }
  if (value.contains !== undefined) checkMatcher(value.contains, [...path, 'contains'], problems);
}

/** One value's matcher (a state expectation's `is`): a value, a subset object or an object of operators. */
export function fieldMatcher(description: string) {
  return JsonValue.superRefine((value, ctx) => {
    const problems: Problem[] = [];
    checkMatcher(value, [], problems);
    for (const problem of problems) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: value });
  }).describe(description);
}

/** `{ field: matcher }`: each field of the event data (or payload) must match; fields not written are ignored. */
export function fieldMatchers(description: string) {
  return z
    .record(z.string(), JsonValue)
    .superRefine((fields, ctx) => {
      const problems: Problem[] = [];
      checkMatcher(fields, [], problems);
      for (const problem of problems) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: fields });
    })
    .meta({
      description:
        `${description} A value must be equal; an object matches as a subset; an object of operators tests the value: ` +
        '{ matches: regex, groups: { name: value | { twin, path, scale, tolerance } } }, { gte, lte, gt, lt }, { in: [..] }, ' +
        '{ exists: true|false }, { contains: value } (array item or substring), { equals: value } (exact).',
      examples: [{ topic: 'lock/unlock' }, { answer: { in: ['declined', 'timeout'] } }, { text: { matches: '^Range is \\d+ km' } }],
    });
}

export const EventMatcher = z
  .strictObject({
    // The catalogue is an enum for editors only: the loader's name check gives the error, with a suggestion.
    type: z
      .string()
      .min(1)
      .meta({ enum: eventTypeNames() })
      .describe('Event type in the canonical stream, e.g. doorbell.pressed, screen.pip.shown, lock.unlocked.'),
    source: z
      .string()
      .min(1)
      .transform(normalizeTwinRef)
      .optional()
      .describe('Twin that emitted it, e.g. h1/lock.front_door or vehicle/car1; any source when omitted.'),
    data: fieldMatchers('Fields of the event data.').optional(),
    payload: fieldMatchers('Fields of a message\'s payload as its sender wrote it (msg.* events).').optional(),
    delivered: fieldMatchers('Fields of a message\'s payload as it reached its destination, after any hub translation (msg.* events).').optional(),
  })
  .meta({ id: 'EventMatcher', description: 'Matches events of the canonical event stream.' });
