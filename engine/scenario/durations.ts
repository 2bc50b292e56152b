// Durations and times of day as scenario authors write them ("250ms", "5s", "1h30m", "17:30"), turned into
// the numbers the simulation runs on: virtual milliseconds and minutes after midnight.

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;

/**
 * Units must appear largest first and at most once ("1h30m", not "30m1h"), so a duration reads one way only.
 * The same pattern goes into the JSON Schema, which is why it is a single regular expression.
 */
export const DURATION_PATTERN =
  /^(?=\d)(?:\d+(?:\.\d+)?d)?(?:\d+(?:\.\d+)?h)?(?:\d+(?:\.\d+)?m(?!s))?(?:\d+(?:\.\d+)?s)?(?:\d+(?:\.\d+)?ms)?$/;

/** What a scenario author is told when a duration does not parse. */
export const DURATION_HINT = 'write a number of milliseconds or a string such as "250ms", "5s", "2m", "1h30m", "1d"';

/** Milliseconds of a duration string, or undefined when it is not one. Rounded to whole virtual ms. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|d|h|m|s)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2] as keyof typeof UNIT_MS];
  }
  return Math.round(total);
}

/** Durations may also be plain numbers (already milliseconds). */
export function durationToMs(value: number | string): number {
  if (typeof value === 'number') return value;
  const ms = parseDuration(value);
  if (ms === undefined) throw new Error(`not a duration: ${JSON.stringify(value)}`);
  return ms;
}

/** The shortest readable form, for messages: 90_000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM" (24-hour clock), or undefined. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = TIME_OF_DAY_PATTERN.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A start time: "17:30", or with a calendar date "2026-06-21 17:30" (a "T" separator works too). */
export const START_TIME_PATTERN = /^(?:(\d{4}-\d{2}-\d{2})[T ])?([01]\d|2[0-3]):([0-5]\d)$/;

export interface StartTime {
  /** Minutes after midnight at t = 0. */
  minutes: number;
  /** ISO calendar date (YYYY-MM-DD) of t = 0, when the scenario gives one (weekday tariffs, seasons). */
  date?: string;
}

export function parseStartTime(text: string): StartTime | undefined {
  const match = START_TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  const date = match[1];
  if (date === undefined) return { minutes };
  return isCalendarDate(date) ? { minutes, date } : undefined;
}

/** Rejects 2026-02-30 and friends, without Date (kept pure so twins could reuse it). */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}
