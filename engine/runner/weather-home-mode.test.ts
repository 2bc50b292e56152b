// Home mode adapts to the scenario's weather (README "Home mode adapts to the weather"): a `weather` step raises the
// alert for every home, and the arrival's home mode then precools in a heatwave and shuts windows in a rainstorm.
// Each case is run with and without the weather, so the check cannot pass for another reason.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../scenario';
import { runScenario } from './run-scenario';

const scene = (weather: string): string => `
scenario: weather-home-mode
duration: 30m
seed: 3
architectures: [direct]
entities:
  users: [{ id: alice, home: h1, vehicle: car1, preferences: { temperature: 24 } }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1, at: work }]
steps:
  - { id: open-window, at: 0s, do: { setState: { twin: h1/cover.living_room_window, event: COVER.OPEN } } }
${weather}
  - { id: drive-home, at: 2m, do: { drive: { vehicle: car1, to: home } } }
  - { id: confirm, on: { event: { type: prompt.shown, source: vehicle/car1 } }, do: { confirm: { screen: vehicle/car1 } } }
expect:
  - { id: ac, state: { twin: h1/climate.living_room, path: context.targetTemperature, equals: 22 } }
  - { id: cool, state: { twin: h1/climate.living_room, path: context.hvacMode, equals: cool } }
  - { id: window-shut, state: { twin: h1/cover.living_room_window, path: state, equals: closed } }
  - { id: window-never-opened-by-home-mode, count: { event: { type: msg.delivered, data: { topic: cover/open_cover, destination: home/h1/cover.living_room_window } }, eq: 0 } }
`;

async function failures(weather: string): Promise<string[]> {
  const { scenario } = loadScenarioText(scene(weather), 'weather-home-mode.yaml');
  const result = await runScenario(scenario, 'direct');
  return result.expectations.filter((e) => !e.passed).map((e) => e.id);
}

describe('home mode and the weather of a scenario', () => {
  it('a heatwave precools (22 °C for a driver who likes 24, cool mode); without it the AC goes to 24', async () => {
    expect(await failures('  - { id: heat, at: 1m, do: { weather: { kind: heatwave, intensity: severe, temperature: 38 } } }')).toEqual(['window-shut']);
    expect(await failures('')).toEqual(expect.arrayContaining(['ac', 'window-shut']));
  });

  it('a rainstorm (raised while the car is out) shuts the open window; home mode never opens one', async () => {
    const failed = await failures('  - { id: storm, at: 1m, do: { weather: { kind: rainstorm, intensity: severe } } }');
    expect(failed).not.toContain('window-shut');
    expect(failed).not.toContain('window-never-opened-by-home-mode');
  });
});
