// The agent's data against a command's schema: each keyword the descriptions use must both pass and fail.
import { describe, expect, it } from 'vitest';
import { deviceCapabilities } from '../../twins/sim/capabilities';
import { checkData } from './input-check';

const schemaOf = (address: string, kind: string, command: string) => deviceCapabilities(address, kind).commands.find((c) => c.command === command)!.input;
const setTemperature = schemaOf('home/h1/climate.living_room', 'climate', 'set_temperature');

describe('checkData', () => {
  it('passes data that fits, extra attributes included', () => {
    expect(checkData(setTemperature, { temperature: 21, hvac_mode: 'cool', note: 'x' })).toBeUndefined();
  });

  it.each([
    [{}, '"temperature" is required'],
    [{ temperature: '21' }, '"temperature" must be a number, got "21"'],
    [{ temperature: 101 }, '"temperature" must be ≤ 100, got 101'],
    [{ temperature: -51 }, '"temperature" must be ≥ -50, got -51'],
    [{ temperature: 21, hvac_mode: 'warp' }, '"hvac_mode" must be one of off, cool, heat, auto, fan_only, got "warp"'],
    [{ temperature: 21, hvac_mode: 3 }, '"hvac_mode" must be a string, got 3'],
  ])('refuses %j', (data, reason) => {
    expect(checkData(setTemperature, data)).toBe(reason);
  });

  it('an own __proto__ attribute is only an extra attribute', () => {
    expect(checkData(setTemperature, JSON.parse('{"temperature": 20, "__proto__": {"required": ["x"]}}'))).toBeUndefined();
  });
});
