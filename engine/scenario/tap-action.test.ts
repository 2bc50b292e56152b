// Car-screen taps (`tap`): hostile input is refused at its line:column with the reason, and a tap in a run takes
// the car assistant's command path (the device changes; a control the home lacks is refused with the reason).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const WORLD = 'scenario: t\nduration: 2m\narchitectures: direct\nentities:\n  users: [{ id: alice, home: h1, vehicle: car1 }]\n  homes: [{ id: h1 }]\n  vehicles: [{ id: car1, home: h1, owner: alice }]\n';
const tapping = (tap: string, expect = '  - { id: on, state: { twin: h1/light.living_room, path: state, equals: "on" } }'): string =>
  `${WORLD}steps:\n  - { id: tap, at: 1s, do: { tap: ${tap} } }\nexpect:\n${expect}\n`;

describe('tap', () => {
  it.each([
    ['a home screen instead of the car\'s', '{ screen: h1/screen.tv, control: light.on }', /a tap is on a car screen: vehicle\/<id>, got "h1\/screen.tv"/],
    ['a control that is not a home control', '{ screen: vehicle/car1, control: car.unlock }', /control: .*light\.on/],
    ['a setpoint on a light', '{ screen: vehicle/car1, control: light.on, temperature: 22 }', /temperature and mode belong to ac\.set, not to light\.on/],
    ['ac.set with nothing to set', '{ screen: vehicle/car1, control: ac.set }', /ac\.set needs a temperature or a mode/],
    ['a room the home model does not know', '{ screen: vehicle/car1, control: light.on, room: attic }', /room: /],
  ])('refuses %s, naming the place', (_name, tap, message) => {
    const issues = issueLines(tapping(tap));
    expect(issues.join('\n')).toMatch(message);
    expect(issues[0]).toMatch(/^\d+:\d+: /);
  });

  it('turns the device on through the car, and refuses a control the home lacks with the reason', async () => {
    const on = await runScenario(loadScenarioText(tapping('{ screen: vehicle/car1, control: light.on, room: living_room }'), 't.yaml').scenario, 'direct');
    expect(on.passed).toBe(true);
    const refused: string[] = [];
    const off = await runScenario(loadScenarioText(tapping('{ screen: vehicle/car1, control: ac.on, room: hallway }'), 't.yaml').scenario, 'direct', {
      listeners: [(e) => void (e.type === 'voice.refused' && refused.push(String(e.data.reason)))],
    });
    expect(off.passed).toBe(false);
    expect(refused).toEqual(['home h1 has no AC in the hallway']);
  });
});
