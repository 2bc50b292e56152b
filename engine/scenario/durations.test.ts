import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseStartTime, parseTimeOfDay } from './durations';

describe('durations', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5_000],
    ['1.5s', 1_500],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1h0m5s250ms', 3_605_250],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 parsecs', '30m1h', '5s5s', '1h 30m', '-5s', 's', '5mss'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats back to the shortest reading', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(1_500)).toBe('1s500ms');
    expect(formatDuration(0)).toBe('0s');
    expect(parseDuration(formatDuration(93_784_005))).toBe(93_784_005);
  });
});

describe('times of day', () => {
  it('turns HH:MM into minutes after midnight', () => {
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('17:30')).toBe(1_050);
    expect(parseTimeOfDay('23:59')).toBe(1_439);
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('7:30')).toBeUndefined();
  });

  it('reads a start time with an optional calendar date', () => {
    expect(parseStartTime('17:30')).toEqual({ minutes: 1_050 });
    expect(parseStartTime('2028-02-29 06:00')).toEqual({ minutes: 360, date: '2028-02-29' });
    expect(parseStartTime('2026-06-21T08:15')).toEqual({ minutes: 495, date: '2026-06-21' });
    expect(parseStartTime('2026-02-29 06:00')).toBeUndefined();
    expect(parseStartTime('2026-13-01 06:00')).toBeUndefined();
  });
});
