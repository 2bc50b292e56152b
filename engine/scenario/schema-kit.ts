// Building blocks of the scenario schema: ids, durations, times of day, twin references, free JSON and
// the "exactly one of these keys" rule that actions, triggers and expectations share. Every schema carries a
// description, because the generated scenarios/schema.json is what editors show while authors type.
import { z } from 'zod';
import {
  DURATION_HINT,
  DURATION_PATTERN,
  START_TIME_PATTERN,
  TIME_OF_DAY_PATTERN,
  durationToMs,
  parseStartTime,
  parseTimeOfDay,
} from './durations';
import { ID_PATTERN, TWIN_REF_HINT, TWIN_REF_PATTERN, normalizeTwinRef } from './twin-refs';

/** A value as it appears in messages: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export const Id = z
  .string()
  .regex(ID_PATTERN, {
    error: (iss) => `invalid id ${show(iss.input)}: use letters, digits, "-" and "_" (no "/", "." or spaces)`,
  })
  .describe('Identifier: letters, digits, "-" and "_".');

export const Duration = z
  .union(
    [
      z.number().nonnegative({ error: (iss) => `a duration cannot be negative (got ${show(iss.input)})` }),
      z.string().regex(DURATION_PATTERN, { error: (iss) => `invalid duration ${show(iss.input)}: ${DURATION_HINT}` }),
    ],
    { error: (iss) => (iss.code === 'invalid_union' ? `expected a duration, got ${show(iss.input)}: ${DURATION_HINT}` : undefined) },
  )
  .transform(durationToMs)
  .meta({
    id: 'Duration',
    description: 'A duration: a number of milliseconds, or a string such as "250ms", "5s", "2m", "1h30m", "1d".',
    examples: ['250ms', '5s', '1h30m'],
  });

export const TimeOfDay = z
  .string()
  .regex(TIME_OF_DAY_PATTERN, { error: (iss) => `invalid time of day ${show(iss.input)}: write "HH:MM" (24-hour clock)` })
  .transform((text) => parseTimeOfDay(text)!)
  .meta({ id: 'TimeOfDay', description: 'Time of day "HH:MM" on the 24-hour clock; resolved to minutes after midnight.' });

export const StartTime = z
  .string()
  .regex(START_TIME_PATTERN, {
    error: (iss) => `invalid start time ${show(iss.input)}: write "HH:MM" or "YYYY-MM-DD HH:MM"`,
    abort: true,
  })
  .refine((text) => parseStartTime(text) !== undefined, { error: (iss) => `no such calendar date in ${show(iss.input)}` })
  .transform((text) => parseStartTime(text)!)
  .describe(
    'Time of day at t = 0 ("17:30"), optionally with a date ("2026-06-21 17:30"). Tariffs and base-load profiles depend on it.',
  );

/** Twin references are validated by pattern and resolved to bus addresses (`h1/lock.x` → `home/h1/lock.x`). */
export const TwinRef = z
  .string()
  .regex(TWIN_REF_PATTERN, { error: (iss) => `not a twin id: ${show(iss.input)}; ${TWIN_REF_HINT}` })
  .transform(normalizeTwinRef)
  .meta({
    id: 'TwinRef',
    description: `A twin: ${TWIN_REF_HINT}.`,
    examples: ['h1/lock.front_door', 'vehicle/car1', 'h1/screen.central_panel', 'phone/alice'],
  });

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Free-form JSON payload (event data, twin event data, initial device attributes). */
export const JsonValue = z.json().meta({ id: 'JsonValue', description: 'Any JSON value.' });
export const JsonRecord = z.record(z.string(), JsonValue).describe('Free-form JSON object.');

/**
 * Objects whose keys are alternatives (an action, a trigger, an expectation), by their key set: the noun
 * names the choice in "unknown action" messages. Keyed by keys, not by schema, because zod clones a schema
 * (and its shape) on every `.superRefine`, `.meta` or `.describe`.
 */
const choiceNouns = new Map<string, string>();
const keySignature = (shape: object): string => Object.keys(shape).sort().join(',');

/** The noun of a choice object with this shape, if it is one. */
export function choiceNounOf(shape: object): string | undefined {
  return choiceNouns.get(keySignature(shape));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Requires exactly one of `keys` to be present. Runs even when a chosen value has errors of its own, so
 * "two actions in one step" is reported together with whatever is wrong inside them.
 */
export function exactlyOne<T extends z.ZodObject>(
  object: T,
  options: { keys: readonly string[]; noun: string; plural?: string; hint?: string },
): T {
  const { keys, noun, hint = '' } = options;
  // Only objects made of the alternatives (plus id/description) read well as "unknown <noun>".
  const others = Object.keys(object.shape).filter((key) => !keys.includes(key) && key !== 'id' && key !== 'description');
  if (others.length === 0) choiceNouns.set(keySignature(object.shape), noun);
  return object.superRefine(
    (value, ctx) => {
      const present = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
      if (present.length === 1) return;
      if (present.length === 0) {
        // An unknown key already produced "unknown action …"; "missing action" would only repeat it.
        if (ctx.issues.some((issue) => issue.code === 'unrecognized_keys' && (issue.path?.length ?? 0) === 0)) return;
        ctx.addIssue({ code: 'custom', message: `missing ${noun}: give one of ${keys.join(', ')}`, input: value });
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: [present[1]!],
        message: `only one ${noun} allowed here, found ${present.map((key) => `"${key}"`).join(' and ')}${hint}`,
        params: { at: 'key' },
        input: value,
      });
    },
    { when: (payload) => isRecord(payload.value) },
  );
}
