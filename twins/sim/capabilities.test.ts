// The capability descriptions must say what the twins really do: every described command is accepted by the
// device, every range bound is the table's own (the bound accepted, one step past it refused), and the critical
// flags are exactly the critical-commands table's.
import { describe, expect, it } from 'vitest';
import type { Json } from '../kernel/types';
import { topicNames } from './catalogue/topics';
import { deviceCapabilities, vehicleCapabilities, type CommandDescription, type JsonSchema } from './capabilities';
import { applyDeviceCommand } from './device-commands';
import { STANDARD_HOME } from './standard-home';
import { homeWithCar } from './test-support/world';
import { VEHICLE_ATTRIBUTE_RANGES } from './vehicle-commands';
import { enrolController } from './controller-parties';
import { CRITICAL_COMMANDS, scopeOf } from '../security/critical-commands';

/** The required attributes, each with a value its schema allows. */
const validData = (c: CommandDescription): { [key: string]: Json } => {
  const props = c.input.properties as { [key: string]: JsonSchema };
  const required = c.input.required as string[];
  return Object.fromEntries(Object.entries(props).filter(([name]) => required.includes(name)).map(([name, s]) => [name, Array.isArray(s.enum) ? s.enum[0]! : s.type === 'number' ? (s.minimum as number | undefined) ?? 0 : 'x']));
};

function freshDevice(address: string) {
  const { sim } = homeWithCar('direct');
  return sim.twin(address)!;
}

describe('capability descriptions', () => {
  it('describes every device kind of the standard home and the vehicle', () => {
    for (const d of STANDARD_HOME) {
      const description = deviceCapabilities(`home/h1/${d.type}.${d.id}`, d.type);
      expect(description.kind).toBe(d.type);
      // Storage takes no command and the validator knows no storage topic: an honest empty list.
      if (d.type !== 'storage') expect(description.commands.length, d.type).toBeGreaterThan(0);
    }
    expect(vehicleCapabilities('vehicle/car1').commands.map((c) => c.topic)).toContain('vehicle_climate/precondition');
  });

  it('uses only topics of the scenario validator\'s catalogue', () => {
    const topics = new Set(topicNames());
    for (const d of STANDARD_HOME) for (const c of deviceCapabilities(`home/h1/${d.type}.${d.id}`, d.type).commands) expect(topics.has(c.topic), c.topic).toBe(true);
    for (const c of vehicleCapabilities('vehicle/car1').commands) expect(topics.has(c.topic), c.topic).toBe(true);
  });

  it('every described device command, with valid data, is accepted by the device', () => {
    for (const d of STANDARD_HOME) {
      const address = `home/h1/${d.type}.${d.id}`;
      for (const c of deviceCapabilities(address, d.type).commands) {
        const outcome = applyDeviceCommand(freshDevice(address), { capability: c.capability, name: c.command, deviceId: `${d.type}.${d.id}`, attributes: validData(c) }, 'party/test');
        // A wallbox with no car refuses start_charging for its state, not because it does not know the command.
        if (!outcome.ok) expect(outcome.error, `${address} ${c.topic}`).not.toMatch(/does not support|bad attributes/);
      }
    }
  });

  it('each range bound is the device\'s own: the bound accepted, one step past it refused, a string refused', () => {
    let checked = 0;
    for (const d of STANDARD_HOME) {
      const address = `home/h1/${d.type}.${d.id}`;
      for (const c of deviceCapabilities(address, d.type).commands) {
        for (const [name, s] of Object.entries(c.input.properties as { [key: string]: JsonSchema })) {
          if (s.type !== 'number') continue;
          const send = (value: Json) => applyDeviceCommand(freshDevice(address), { capability: c.capability, name: c.command, deviceId: '', attributes: { ...validData(c), [name]: value } }, 'party/test').ok;
          const step = (s.maximum as number) - (s.minimum as number) <= 1 ? 0.01 : 1;
          expect(send(s.minimum as number), `${c.topic} ${name}=min`).toBe(true);
          expect(send(s.maximum as number), `${c.topic} ${name}=max`).toBe(true);
          expect(send((s.minimum as number) - step), `${c.topic} ${name}<min`).toBe(false);
          expect(send((s.maximum as number) + step), `${c.topic} ${name}>max`).toBe(false);
          expect(send('12'), `${c.topic} ${name}='12'`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('each car range bound is the car\'s own: the bound accepted, one step past it refused, a string refused', () => {
    // Direct: the home's app reaches the car unchanged (through the hub, an attribute the vehicle cloud has no
    // field for, like remote start's temperature, is refused before the car sees it).
    const { sim } = homeWithCar('direct');
    // Remote start is critical: sent by a controller the owner granted it, signed, so only the range can refuse it.
    const signer = enrolController(sim, 'range-test', [scopeOf('vehicle_remote', 'remote_start')]);
    const send = (c: CommandDescription, data: { [key: string]: Json }): boolean | undefined => {
      let ok: boolean | undefined;
      sim.sendFromHome(sim.automationHost('h1'), 'vehicle/car1', { capability: c.capability, name: c.command, deviceId: 'vehicle.car1', attributes: data }, 'command', {
        signer,
        onResponse: (_env, answer) => (ok = answer?.success !== false), onFailure: () => (ok = false),
      });
      sim.kernel.clock.runUntil(sim.now + 15_000);
      return ok;
    };
    let checked = 0;
    for (const c of vehicleCapabilities('vehicle/car1').commands) {
      for (const [name, s] of Object.entries(c.input.properties as { [key: string]: JsonSchema })) {
        if (s.type !== 'number') continue;
        const base = { ...(c.command === 'prompt' ? { title: 'Ready?' } : {}), ...(c.command === 'set_destination' ? { latitude: 0, longitude: 0 } : {}) };
        const at = (value: Json) => send(c, { ...base, [name]: value });
        expect(at(s.minimum as number), `${c.topic} ${name}=min`).toBe(true);
        expect(at(s.maximum as number), `${c.topic} ${name}=max`).toBe(true);
        expect(at((s.minimum as number) - 1), `${c.topic} ${name}<min`).toBe(false);
        expect(at((s.maximum as number) + 1), `${c.topic} ${name}>max`).toBe(false);
        expect(at('12'), `${c.topic} ${name}='12'`).toBe(false);
        checked++;
      }
    }
    // Every range the car enforces is described, on the command that reads it.
    const described = Object.values(VEHICLE_ATTRIBUTE_RANGES).reduce((n, r) => n + Object.keys(r).length, 0);
    expect(checked).toBe(described);
    const precondition = vehicleCapabilities('vehicle/car1').commands.find((c) => c.topic === 'vehicle_climate/precondition')!;
    expect((precondition.input.properties as { [key: string]: JsonSchema }).temperature).toMatchObject({ type: 'number', minimum: 15, maximum: 32 });
    const prompt = vehicleCapabilities('vehicle/car1').commands.find((c) => c.topic === 'vehicle_display/prompt')!;
    expect(prompt.input.required).toEqual(['title']);
    expect(send(prompt, {})).toBe(false);
  });

  it('marks required what the device cannot do without', () => {
    const cover = deviceCapabilities('home/h1/cover.living_room_curtains', 'cover');
    expect(cover.commands.find((c) => c.command === 'set_cover_position')!.input.required).toEqual(['position']);
    const light = deviceCapabilities('home/h1/light.living_room', 'light');
    expect(light.commands.find((c) => c.command === 'turn_on')!.input.required).toEqual([]);
    expect(light.commands.find((c) => c.command === 'turn_on')!.effect).toBe('LIGHT.TURN_ON');
  });

  it('critical flags match critical-commands, windows only where the table says so', () => {
    const critical = (address: string, kind: string) => deviceCapabilities(address, kind).commands.filter((c) => c.critical).map((c) => c.topic).sort();
    expect(critical('home/h1/lock.front_door', 'lock')).toEqual(['lock/unlock']);
    expect(critical('home/h1/cover.living_room_window', 'cover')).toEqual(['cover/open_cover', 'cover/set_cover_position']);
    expect(critical('home/h1/cover.living_room_curtains', 'cover')).toEqual([]);
    expect(critical('home/h1/light.living_room', 'light')).toEqual([]);
    const vehicleCritical = vehicleCapabilities('vehicle/car1').commands.filter((c) => c.critical).map((c) => c.topic).sort();
    const table = CRITICAL_COMMANDS.filter((c) => c.capability.startsWith('vehicle')).map((c) => `${c.capability}/${c.command}`).sort();
    expect(vehicleCritical).toEqual(table);
  });

  it('a kind with no command table only reads, and a made-up kind can do nothing', () => {
    expect(deviceCapabilities('home/h1/binary_sensor.smoke', 'binary_sensor').commands.map((c) => c.command)).toEqual(['get_state']);
    expect(deviceCapabilities('home/h1/x.__proto__', '__proto__').commands).toEqual([]);
  });
});
