// The one time format: time of day, HH:MM:SS.mmm, from the scene's start time; countdowns in m:ss.
import { describe, expect, it } from 'vitest';
import { clockAt, formatCountdown, formatTimeOfDay } from './clock';

describe('clock', () => {
  it('formats a time of day with milliseconds', () => {
    expect(formatTimeOfDay(0)).toBe('00:00:00.000');
    expect(formatTimeOfDay(7 * 3600_000 + 30 * 60_000 + 2_703.4)).toBe('07:30:02.703');
    expect(clockAt(12_345, 18 * 3600_000)).toBe('18:00:12.345');
  });

  it('wraps past midnight and never shows a negative time', () => {
    expect(clockAt(2 * 3600_000, 23 * 3600_000)).toBe('01:00:00.000');
    expect(formatTimeOfDay(-1)).toBe('23:59:59.999');
    expect(formatTimeOfDay(24 * 3600_000 - 0.4)).toBe('00:00:00.000');
  });

  it('counts down whole seconds and stops at zero', () => {
    expect(formatCountdown(42_001)).toBe('0:43');
    expect(formatCountdown(60_000)).toBe('1:00');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
