// A device accepts a command only with valid attributes: an attribute that is present but out of range is a
// refusal with a reason, not something the device silently leaves out while answering ok.
import { describe, expect, it } from 'vitest';
import { gatewayAddress } from '../bus/addresses';
import type { Intent } from './ecosystem-codec';
import { homeWithCar } from './test-support/world';

const LIGHT = 'home/h1/light.living_room';

function answer(attributes: Intent['attributes']): { ok: boolean; error?: string; brightness: unknown } {
  const { sim } = homeWithCar('direct');
  sim.kernel.clock.runUntil(1_000);
  let outcome: { ok: boolean; error?: string } | undefined;
  sim.sendFromHome(gatewayAddress('h1'), LIGHT, { capability: 'light', name: 'turn_on', deviceId: 'light.living_room', attributes }, 'command', {
    onResponse: (_env, intent) => (outcome = { ok: intent?.success !== false, ...(intent?.error ? { error: String(intent.error) } : {}) }),
    onFailure: (reason) => (outcome = { ok: false, error: reason }),
  });
  sim.kernel.clock.runUntil(sim.now + 5_000);
  return { ...outcome!, brightness: sim.home('h1').device('light.living_room').context.brightness };
}

describe('light turn_on attributes', () => {
  it('accepts brightness_pct within 0–100', () => {
    expect(answer({ brightness_pct: 50 })).toMatchObject({ ok: true, brightness: 128 });
  });

  it.each([
    [{ brightness_pct: 39_215 }],
    [{ brightness_pct: -5 }],
    [{ brightness_pct: 'max' }],
    [{ color_temp_kelvin: 'warm' }],
    [{ color_temp_kelvin: 1e9 }],
  ])('refuses %j with a reason, and the light is unchanged', (attributes) => {
    const before = answer({}).brightness;
    const result = answer(attributes);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/bad attributes for 'turn_on'/);
    expect(result.brightness).toBe(before);
  });
});
