// Matching one value of an event (a data field, a payload field) against what a scenario wrote. A plain value
// must be equal; an object is a subset: every key written must match, keys not written are ignored; an object
// made only of operator keys (`matches`, `gte`, `in`, `exists`, `contains`…) is a test. Written once here and
// used by triggers, failWhen and every expectation, so a matcher means the same thing wherever it appears.
// Pure: no I/O; twin state (for `groups` that compare a captured number with a twin's live value) is read
// through a reader the caller injects.
import { canonicalJson } from '../../../twins/kernel/canonical-json';
import type { Json } from '../../../twins/kernel/types';
import { starHeight } from './regex-safety';

export const OPERATORS = ['equals', 'matches', 'groups', 'gt', 'gte', 'lt', 'lte', 'in', 'exists', 'contains'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Reads a twin's value now: `state`, `context.x`, or a VSS path on a vehicle (see readTwinPath). */
export type StateReader = (twin: string, path: string) => unknown;

export interface MatchContext {
  readState?: StateReader | undefined;
}

/** A captured regex group compared with a twin's live value: |captured − value × scale| ≤ tolerance. */
export interface StateRef {
  twin: string;
  path: string;
  scale?: number;
  tolerance?: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose keys are all operators (and at least one): a test, not a subset of fields. */
export function isOperatorObject(value: unknown): value is Record<Operator, unknown> {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => (OPERATORS as readonly string[]).includes(key));
}

export function isStateRef(value: unknown): value is StateRef {
  return isRecord(value) && typeof value.twin === 'string' && typeof value.path === 'string';
}

const same = (a: unknown, b: unknown): boolean => canonicalJson((a ?? null) as Json) === canonicalJson((b ?? null) as Json);

/** Longest pattern a scenario may give: a readable check is short; a huge one is an attack on the checker. */
export const MAX_REGEX_LENGTH = 1000;
/** Longest text a pattern is run on: longer values do not match (no simulated value comes near it). */
export const MAX_REGEX_SUBJECT = 65_536;

/**
 * Why a pattern may not be used, or undefined when it may. A pattern with nested quantifiers (`(a+)+`,
 * `([a-z]+)*x`: star height above 1, regex-safety.ts) can backtrack exponentially on a hostile value and
 * hang a run, so it is refused before the run; the rewrite without nesting says the same thing.
 */
export function regexRefusal(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `a regular expression longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  if (starHeight(pattern) > 1) return 'nested quantifiers (like (a+)+) can take exponential time; write it without a quantifier on a quantified group';
  return undefined;
}

// Scenarios are matched against every event of a run: compile each pattern once. The loader has refused a
// pattern that is invalid or unsafe; one that reaches here anyway (a hand-built matcher) matches nothing.
const regexCache = new Map<string, RegExp | null>();
export function compiledRegex(pattern: string): RegExp | null {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    regex = regexRefusal(pattern) === undefined ? new RegExp(pattern) : null;
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** Does `actual` satisfy `matcher`? `null` written matches a missing field, as it always has. */
export function matchValue(matcher: unknown, actual: unknown, ctx: MatchContext = {}): boolean {
  if (isOperatorObject(matcher)) return matchOperators(matcher, actual, ctx);
  if (isRecord(matcher)) {
    if (!isRecord(actual)) return false;
    return Object.entries(matcher).every(([key, m]) => matchValue(m, actual[key], ctx));
  }
  return same(matcher, actual);
}

/** Every key of `fields` matches the same key of `actual` (the subset rule at the top level). */
export function matchFields(fields: Record<string, unknown>, actual: unknown, ctx: MatchContext = {}): boolean {
  return matchValue(fields, isRecord(actual) ? actual : {}, ctx);
}

function matchOperators(m: Partial<Record<Operator, unknown>>, actual: unknown, ctx: MatchContext): boolean {
  if (m.equals !== undefined && !same(m.equals, actual)) return false;
  if (m.exists !== undefined && (actual !== undefined && actual !== null) !== m.exists) return false;
  if (m.in !== undefined && !(Array.isArray(m.in) && m.in.some((option) => same(option, actual)))) return false;
  if (m.gt !== undefined || m.gte !== undefined || m.lt !== undefined || m.lte !== undefined) {
    if (typeof actual !== 'number') return false;
    if (m.gt !== undefined && !(actual > (m.gt as number))) return false;
    if (m.gte !== undefined && !(actual >= (m.gte as number))) return false;
    if (m.lt !== undefined && !(actual < (m.lt as number))) return false;
    if (m.lte !== undefined && !(actual <= (m.lte as number))) return false;
  }
  if (m.contains !== undefined) {
    if (Array.isArray(actual)) {
      if (!actual.some((item) => matchValue(m.contains, item, ctx))) return false;
    } else if (typeof actual === 'string' && typeof m.contains === 'string') {
      if (!actual.includes(m.contains)) return false;
    } else return false;
  }
  if (m.matches !== undefined) {
    if (typeof actual !== 'string' && typeof actual !== 'number') return false;
    const text = String(actual);
    const found = typeof m.matches === 'string' && text.length <= MAX_REGEX_SUBJECT ? compiledRegex(m.matches)?.exec(text) : undefined;
    if (!found) return false;
    if (m.groups !== undefined && !(isRecord(m.groups) && matchGroups(m.groups, found.groups ?? {}, ctx))) return false;
  }
  return true;
}

function matchGroups(groups: Record<string, unknown>, captured: Record<string, string | undefined>, ctx: MatchContext): boolean {
  return Object.entries(groups).every(([name, expected]) => {
    const text = captured[name];
    if (text === undefined) return false;
    const number = text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
    if (isStateRef(expected)) {
      const live = ctx.readState?.(expected.twin, expected.path);
      if (typeof live !== 'number' || number === undefined) return number === undefined && same(live, text);
      // 1e-9: 300000 m × 0.001 is 300.00000000000006 in floating point, and must still equal "300".
      return Math.abs(number - live * (expected.scale ?? 1)) <= (expected.tolerance ?? 0) + 1e-9;
    }
    return matchValue(expected, number ?? text, ctx);
  });
}

/** Short text of a matcher for verdict details: `{"text":{"matches":"^Range"}}`. */
export function describeFields(fields: Record<string, unknown>): string {
  return canonicalJson(fields as Json);
}
