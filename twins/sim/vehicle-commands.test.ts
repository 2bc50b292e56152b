// Attack tests for the car's check (issue #16, M1): it judges a command by its effect, not by the capability the
// sender claims. A stranger (the gateway of a home the car is not paired with) gets nothing in — not by a
// command, not by an "event", not by a harmless-sounding capability — and a remote start without a signature is
// refused even from the car's own home. "Disarm the home security" said in the car is a signed disarm the home
// refuses (the car's grant does not cover it), never another device's command.
import { describe, expect, it } from 'vitest';
import { ARCHITECTURES, type Architecture, type MessageKind } from '../bus/envelope';
import { installStandardApps } from './apps';
import { homePayload } from './ecosystem-codec';
import { Simulation } from './simulation';
import { standardHomeDevices } from './standard-home';
import { vehicleCommandOf } from './vehicle-commands';

type Line = { type: string; source: string; data: Record<string, unknown> };
const ofType = (sim: Simulation, type: string): Line[] => sim.kernel.events.lines().map((l) => JSON.parse(l) as Line).filter((e) => e.type === type);

/** car1 is paired with h1; h2 next door is a stranger to it. */
function twoHomes(architecture: Architecture): { sim: Simulation; apps: ReturnType<typeof installStandardApps> } {
  const sim = new Simulation({
    seed: 1, architecture, map: { kind: 'generate', options: { homes: 4 } },
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1', preferences: { temperature: 23 } }],
    homes: [{ id: 'h1', devices: standardHomeDevices() }, { id: 'h2', devices: standardHomeDevices() }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at: 'home' }],
  });
  return { sim, apps: installStandardApps(sim) };
}

/** Posts `capability/name` to car1 exactly as given: no signature, as `source`. */
function raw(sim: Simulation, source: string, capability: string, name: string, kind: MessageKind = 'command'): string[] {
  const answers: string[] = [];
  const intent = { capability, name, deviceId: 'vehicle.car1', attributes: {} };
  sim.sendRaw(source, 'vehicle/car1', `${capability}/${name}`, kind, homePayload(intent, kind === 'query' ? 'query' : kind === 'event' ? 'event' : 'command'), {
    onResponse: (_env, answer) => answers.push(answer?.success === false ? `refused: ${answer.error}` : 'ok'),
    onFailure: (reason) => answers.push(`failed: ${reason}`),
  });
  sim.kernel.clock.runUntil(sim.now + 10_000);
  return answers;
}

describe('the effect of a command on the car', () => {
  it('classifies by what the car does: remote start and unlock are critical; cabin climate, display, status are not', () => {
    expect(vehicleCommandOf({ capability: 'vehicle_remote', name: 'remote_start' })).toEqual({ effect: 'start', critical: true });
    expect(vehicleCommandOf({ capability: 'vehicle_lock', name: 'unlock' })).toEqual({ effect: 'unlock', critical: true });
    expect(vehicleCommandOf({ capability: 'vehicle_climate', name: 'precondition' })).toEqual({ effect: 'cabin-climate', critical: false });
    expect(vehicleCommandOf({ capability: 'vehicle', name: 'get_state' })).toEqual({ effect: 'status', critical: false });
    expect(vehicleCommandOf({ capability: 'vehicle_climate', name: 'toString' })).toEqual({ effect: 'unknown', critical: false });
  });
});

describe.each(ARCHITECTURES.filter((a) => a !== 'local'))('under %s, the car refuses a stranger', (arch) => {
  it('an unsigned precondition from an unpaired home is refused as unpaired, and the cabin stays off', () => {
    const { sim } = twoHomes(arch);
    expect(raw(sim, 'home/h2/gateway', 'vehicle_climate', 'precondition')).toEqual([expect.stringMatching(/^refused: refused \(unpaired\): home\/h2\/gateway is not paired with vehicle:car1/)]);
    expect(sim.vehicle('car1').parts.hvac.state).toBe('off');
    expect(ofType(sim, 'security.refused')[0]).toMatchObject({ source: 'vehicle/car1', data: { reason: 'unpaired', stage: 'verification', command: 'vehicle_climate/precondition', from: 'home/h2/gateway' } });
  });

  it('nor by an event, a status query or a command the car does not know', () => {
    const { sim } = twoHomes(arch);
    expect(raw(sim, 'home/h2/gateway', 'vehicle_remote', 'remote_start', 'event')).toEqual([]);
    expect(raw(sim, 'home/h2/gateway', 'vehicle_climate', 'precondition', 'event')).toEqual([]);
    expect(raw(sim, 'home/h2/gateway', 'vehicle', 'get_state', 'query')[0]).toMatch(/refused \(unpaired\)/);
    // The hub translates only what its schema knows, so under cloud-cloud an unknown command fails there first.
    expect(raw(sim, 'home/h2/gateway', 'vehicle_display', 'self_destruct')[0]).toMatch(arch === 'cloud-cloud' ? /cannot translate/ : /refused \(unpaired\)/);
    expect(sim.vehicle('car1').parts.hvac.state).toBe('off');
    expect(ofType(sim, 'security.refused').map((e) => e.data.reason)).toEqual(['unsigned', 'unpaired', 'unpaired', ...(arch === 'cloud-cloud' ? [] : ['unpaired'])]);
  });

  it('an unsigned remote start from the car’s own home cloud is refused as unsigned; preconditioning from it is taken', () => {
    const { sim } = twoHomes(arch);
    expect(raw(sim, 'home-cloud', 'vehicle_remote', 'remote_start')[0]).toMatch(/refused \(unsigned\)/);
    expect(sim.vehicle('car1').parts.hvac.state).toBe('off');
    expect(raw(sim, 'home-cloud', 'vehicle_climate', 'precondition')).toEqual(['ok']);
    expect(sim.vehicle('car1').parts.hvac.state).not.toBe('off');
  });
});

describe('voice commands that touch security', () => {
  it('"Disarm the home security" from the car is signed, and refused: the car\'s grant does not cover disarming', () => {
    const { sim, apps } = twoHomes('direct');
    const panel = sim.home('h1').device('alarm_control_panel.house');
    panel.send({ type: 'ALARM.ARM_AWAY' });
    apps.voice.hearInCar('car1', 'Disarm the home security');
    sim.kernel.clock.runUntil(10_000);
    expect(ofType(sim, 'security.refused')[0]).toMatchObject({ data: { command: 'alarm_control_panel/alarm_disarm', from: 'vehicle/car1', reason: 'unauthorized' } });
    expect(panel.state).toBe('armed_away');
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
  });

  it('"Arm security" or "lights off" said at home acts on the home, not a question about the car', () => {
    const { sim, apps } = twoHomes('direct');
    sim.home('h1').device('light.living_room').send({ type: 'LIGHT.TURN_ON' });
    apps.voice.hearAtHome('h1', 'Arm security', 'alice');
    apps.voice.hearAtHome('h1', 'Lights off', 'alice');
    sim.kernel.clock.runUntil(20_000);
    expect(sim.home('h1').device('alarm_control_panel.house').state).toBe('armed_away');
    expect(sim.home('h1').device('light.living_room').state).toBe('off');
    expect(ofType(sim, 'msg.delivered').some((e) => e.data.topic === 'vehicle/get_state')).toBe(false);
  });

  it('"Start the car" at home is a signed remote start the car verifies; the speaker says so', () => {
    const { sim, apps } = twoHomes('cloud-cloud');
    apps.voice.hearAtHome('h1', 'Start the car', 'alice');
    sim.kernel.clock.runUntil(20_000);
    expect(ofType(sim, 'security.verified')[0]?.data).toMatchObject({ command: 'vehicle_remote/remote_start', to: 'vehicle/car1', from: 'home-cloud' });
    expect(sim.vehicle('car1').parts.hvac.state).not.toBe('off');
    expect(sim.kernel.events.lines().some((l) => l.includes('Your car is starting.'))).toBe(true);
  });
});
