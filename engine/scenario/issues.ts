// Problems in a scenario file, as the author sees them: `file:line:column: message`, all of them at once.
// Also turns zod's issues into such problems: picks the union branch the author meant, points unknown keys
// at the key and missing fields at the object that lacks them, and names the field in every message.
import type { core } from 'zod';
import { choiceNounOf, show } from './schema-kit';
import type { Path } from './yaml-source';

export interface ScenarioIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/** Thrown by the loader; `.issues` has every problem found, `.message` lists them one per line. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** A problem located by path in the parsed document (resolved to line:column once positions are known). */
export interface PathProblem {
  path: Path;
  /** Point at the key of a map entry rather than its value (unknown keys, one-too-many choices). */
  at?: 'key' | 'value';
  message: string;
}

/** `steps[0].do.doorbell` */
export function pathLabel(path: Path): string {
  let label = '';
  for (const part of path) label += typeof part === 'number' ? `[${part}]` : label ? `.${part}` : part;
  return label || 'scenario';
}

const withLabel = (path: Path, message: string): string => (path.length ? `${pathLabel(path)}: ${message}` : message);

export const article = (noun: string): string => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * Messages that need the schema behind the issue (allowed keys, the noun of a choice); given to zod as the
 * parse-level error map. Schema-level `error`s (durations, ids…) take precedence over it.
 */
export function scenarioErrorMap(issue: core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
    const allowed = Object.keys(shape ?? {});
    const noun = shape ? choiceNounOf(shape) : undefined;
    // One issue covers all unknown keys of an object; `{key}` is filled in per key when it is positioned.
    if (noun) {
      const choices = allowed.filter((key) => key !== 'id' && key !== 'description');
      return `unknown ${noun} "{key}"; expected one of: ${choices.join(', ')}`;
    }
    return `unknown key "{key}"; allowed here: ${allowed.join(', ')}`;
  }
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'missing required field';
    return `expected ${article(issue.expected === 'int' ? 'integer' : issue.expected)}, got ${show(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    return `invalid value ${show(issue.input)}; expected ${issue.values.map((value) => show(value)).join(', ')}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
    const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    if (issue.origin === 'array') return `expected ${bound} ${String(limit)} item${Number(limit) === 1 ? '' : 's'}`;
    if (issue.origin === 'string') return `expected ${bound} ${String(limit)} character${Number(limit) === 1 ? '' : 's'}`;
    return `${show(issue.input)} is too ${issue.code === 'too_small' ? 'small' : 'large'}: must be ${bound} ${String(limit)}`;
  }
  if (issue.code === 'invalid_key') return `invalid key ${show(issue.input)}`;
  return undefined;
}

type Issue = core.$ZodIssue;

/** A branch that failed only because the value has another type altogether (not what the author meant). */
function isTypeMismatch(branch: readonly Issue[]): boolean {
  if (branch.length !== 1 || branch[0]!.path.length !== 0) return false;
  const issue = branch[0]!;
  // An enum of words cannot be what a list or a map was meant to be.
  return issue.code === 'invalid_type' || (issue.code === 'invalid_value' && typeof issue.input === 'object' && issue.input !== null);
}

/** Positioned problems for zod issues (paths relative to `base`). */
export function problemsFromZod(issues: readonly Issue[], base: Path = []): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as (string | number)[])];
    // Optional fields never complain about `undefined`, so an issue about nothing is a missing field.
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined && path.length > 0) {
      const parent = path.slice(0, -1);
      problems.push({ path: parent, message: withLabel(parent, `missing required field "${String(path[path.length - 1])}"`) });
      continue;
    }
    if (issue.code === 'invalid_union') {
      const candidates = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (candidates.length === 0) {
        problems.push({ path, message: withLabel(path, issue.message) });
      } else {
        // Several branches accept the type: the one with fewest complaints is the likeliest intent.
        const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
        problems.push(...problemsFromZod(best, path));
      }
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const message = issue.message.includes('{key}') ? issue.message.replaceAll('{key}', key) : `${issue.message} (${key})`;
        problems.push({ path: [...path, key], at: 'key', message: withLabel(path, message) });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // The key schema's own message (e.g. "unknown gateway …") is the useful one; point at the key.
      const inner = issue.issues.map((keyIssue) => keyIssue.message).join('; ');
      problems.push({ path, at: 'key', message: withLabel(path.slice(0, -1), inner || issue.message) });
      continue;
    }
    const at = issue.code === 'custom' && (issue.params as { at?: string } | undefined)?.at === 'key' ? 'key' : 'value';
    problems.push({ path, at, message: withLabel(path, issue.message) });
  }
  return problems;
}
