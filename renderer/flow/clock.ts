// One time model for the whole app (issue 18): every time shown is the scene's time of day, HH:MM:SS.mmm — the
// message list, the inspector, the top bar, the timeline and the replay scrubber agree, so a user can read a
// message's send time against the clock without converting "12.345 s since the start" in their head.
const DAY_MS = 24 * 3600 * 1000;

/** A time of day in ms since midnight as `HH:MM:SS.mmm` (wraps past midnight: a night scene goes on to 00:…). */
export function formatTimeOfDay(ms: number): string {
  const whole = Math.floor(((Math.round(ms) % DAY_MS) + DAY_MS) % DAY_MS);
  const two = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const s = Math.floor((whole % 60_000) / 1000);
  return `${two(h)}:${two(m)}:${two(s)}.${String(whole % 1000).padStart(3, '0')}`;
}

/** Virtual time `t` (ms since the scene started) as the scene's time of day. */
export function clockAt(t: number, startTimeOfDayMs: number): string {
  return formatTimeOfDay(startTimeOfDayMs + t);
}

/** A countdown in whole seconds, for prompts that expire: `0:42`. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
