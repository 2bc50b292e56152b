// Home Assistant command payloads: each number is checked against the range the discovery config announced,
// and a refusal says why. Before, `brightness 99999` was answered ok and silently ignored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HA_RANGES, translateHaCommand } from './ha-commands';

const TOPIC = 'twinbench/v1/home/h1/light.living_room/command/brightness';

describe('translateHaCommand', () => {
  it('turns HA brightness 0–255 into brightness_pct', () => {
    expect(translateHaCommand('light', 'brightness', '255', TOPIC)).toEqual({ ok: true, command: { name: 'turn_on', attributes: { brightness_pct: 100 } } });
    expect(translateHaCommand('light', 'brightness', '128', TOPIC)).toEqual({ ok: true, command: { name: 'turn_on', attributes: { brightness_pct: 50 } } });
  });

  it.each([
    ['light', 'brightness', '99999', /^brightness 99999 is out of range 0–255 \(on .*\/command\/brightness\)$/],
    ['light', 'brightness', '-1', /^brightness -1 is out of range 0–255/],
    ['light', 'brightness', '256', /^brightness 256 is out of range 0–255/],
    ['light', 'brightness', 'NaN', /^brightness 'NaN' is not a number/],
    ['light', 'brightness', 'Infinity', /^brightness 'Infinity' is not a number/],
    ['light', 'brightness', '', /^brightness '' is not a number/],
    ['light', 'color_temp_kelvin', '100000', /^color_temp_kelvin 100000 is out of range 2000–6500/],
    ['climate', 'temperature', '400', /^temperature 400 is out of range 16–30/],
    ['climate', 'mode', 'sauna', /^hvac mode 'sauna' is not one of off, cool, heat, auto, fan_only/],
    ['cover', 'position', '101', /^position 101 is out of range 0–100/],
    ['fan', 'percentage', '1e9', /^percentage 1000000000 is out of range 0–100/],
    ['light', '', 'DANCE', /^'DANCE' is not a light command/],
    ['light', '__proto__', '1', /is not a light command/],
    ['__proto__', '', 'ON', /is not a __proto__ command/],
  ])('refuses %s/%s %j with the reason', (kind, attribute, payload, reason) => {
    const result = translateHaCommand(kind, attribute, payload, TOPIC);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
  });

  it('accepts exactly the numbers within each announced range', () => {
    const attributes = [['light', 'brightness'], ['light', 'color_temp_kelvin'], ['climate', 'temperature'], ['cover', 'position'], ['fan', 'percentage']] as const;
    fc.assert(
      fc.property(fc.constantFrom(...attributes), fc.double({ min: -1e6, max: 1e6, noNaN: true }), ([kind, attribute], value) => {
        const [min, max] = HA_RANGES[attribute];
        expect(translateHaCommand(kind, attribute, String(value), TOPIC).ok).toBe(value >= min && value <= max);
      }),
      { numRuns: 500, seed: 16 },
    );
  });
});
