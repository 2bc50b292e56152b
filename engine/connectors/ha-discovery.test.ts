// Home Assistant MQTT discovery against a real Mosquitto: retained configs for the home devices and the car,
// re-announced when HA comes online, and HA's commands turning the simulated devices.
import { spawnSync } from 'node:child_process';
import { createServer, connect, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { attachConnectors, type Connectors } from './index';
import { doorbellWorld } from './test-support/doorbell-world';
import { killAll, observe, startMosquitto, type Observer, mosquittoPublish } from './test-support/mosquitto';
import { until } from './test-support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);

const LIGHT_CONFIG = 'homeassistant/light/twinbench_h1/light_living_room/config';
const SOC_CONFIG = 'homeassistant/sensor/twinbench_car1/state_of_charge/config';

const publish = mosquittoPublish;


/**
 * What the broker retains now, as an observer sees it: retained messages first, then live changes to them (an empty
 * payload deletes). Topic → last payload.
 */
function retainedView(o: Observer): Map<string, string> {
  const view = new Map<string, string>();
  for (const m of o.messages) {
    if (m.payload === '') view.delete(m.topic);
    else view.set(m.topic, m.payload);
  }
  return view;
}

async function setup(): Promise<{ port: number; sim: ReturnType<typeof doorbellWorld>; connectors: Connectors }> {
  const broker = await startMosquitto();
  cleanups.push(() => broker.stop());
  const sim = doorbellWorld('direct');
  const connectors = await attachConnectors(sim, { broker: broker.url, haDiscovery: true });
  cleanups.push(() => connectors.close());
  return { port: broker.port, sim, connectors };
}

describe('Home Assistant MQTT discovery', () => {
  it('publishes retained configs for home devices (MAC-style ids) and the car (VIN), pointing at the state topics', async () => {
    const { port, sim, connectors } = await setup();
    const live = await observe(port, ['homeassistant/#']);
    cleanups.push(() => live.stop());
    await live.waitFor((m) => m.topic === 'homeassistant/device_tracker/twinbench_car1/location/config'); // the last one
    // A subscriber arriving afterwards (HA restarting) gets them all from the broker's retained store.
    const ha = await observe(port, ['homeassistant/#']);
    cleanups.push(() => ha.stop());
    const light = await ha.waitFor((m) => m.topic === LIGHT_CONFIG);
    expect(light.retained).toBe(true);
    const config = JSON.parse(light.payload);
    expect(config).toMatchObject({
      unique_id: 'twinbench_h1_light_living_room',
      state_topic: 'twinbench/v1/home/h1/light.living_room/state',
      command_topic: 'twinbench/v1/home/h1/light.living_room/command',
      brightness_command_topic: 'twinbench/v1/home/h1/light.living_room/command/brightness',
      // The run's own availability topic (its last will), not one shared by every run that ever used the broker.
      availability_topic: `twinbench/v1/runs/${connectors.runId}/status`,
      // `object_id` is deprecated by Home Assistant (2025.10) in favour of `default_entity_id` = <domain>.<slug>.
      default_entity_id: 'light.h1_living_room',
    });
    expect(config).not.toHaveProperty('object_id');
    expect(config.device.identifiers[0]).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(config.device.connections).toEqual([['mac', config.device.identifiers[0]]]);

    const soc = JSON.parse((await ha.waitFor((m) => m.topic === SOC_CONFIG)).payload);
    expect(soc.device.identifiers).toEqual([sim.vehicle('car1').vin]);
    expect(soc).toMatchObject({ device_class: 'battery', unit_of_measurement: '%', state_topic: 'twinbench/v1/vehicle/car1/state', default_entity_id: 'sensor.car1_state_of_charge' });
    expect(soc).not.toHaveProperty('object_id');
    for (const topic of [
      'homeassistant/climate/twinbench_h1/climate_living_room/config', 'homeassistant/cover/twinbench_h1/cover_living_room_curtains/config',
      'homeassistant/fan/twinbench_h1/fan_air_purifier/config', 'homeassistant/lock/twinbench_h1/lock_front_door/config',
      'homeassistant/binary_sensor/twinbench_h1/binary_sensor_smoke/config', 'homeassistant/device_tracker/twinbench_car1/location/config',
      'homeassistant/sensor/twinbench_car1/tire_pressure_row1_left/config', 'homeassistant/sensor/twinbench_car1/range/config',
    ]) await ha.waitFor((m) => m.topic === topic && m.retained);
    // What the state topics hold is what the templates read.
    const states = await observe(port, ['twinbench/v1/vehicle/car1/state', 'twinbench/v1/status']);
    cleanups.push(() => states.stop());
    const car = JSON.parse((await states.waitFor((m) => m.topic === 'twinbench/v1/vehicle/car1/state')).payload);
    expect(car.signals['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current']).toEqual(expect.any(Number));
    expect(car).toMatchObject({ vin: sim.vehicle('car1').vin, at_home: true });
    expect((await states.waitFor((m) => m.topic === 'twinbench/v1/status')).payload).toBe('online');
    const run = await observe(port, [`twinbench/v1/runs/${connectors.runId}/status`]);
    cleanups.push(() => run.stop());
    expect(run.messages).toEqual([expect.objectContaining({ payload: 'online', retained: true })]);
  });

  it('announces again when Home Assistant says online on homeassistant/status', async () => {
    const { port, connectors } = await setup();
    const ha = await observe(port, [LIGHT_CONFIG]);
    cleanups.push(() => ha.stop());
    await ha.waitFor(() => true); // the retained one
    expect(connectors.stats().haDiscovery?.announcements).toBe(1);
    publish(port, 'homeassistant/status', 'online');
    await until(() => ha.messages.length >= 2, 'the second announcement');
    expect(connectors.stats().haDiscovery?.announcements).toBe(2);
    publish(port, 'homeassistant/status', 'offline'); // HA going away changes nothing
    await new Promise((r) => setTimeout(r, 200));
    expect(connectors.stats().haDiscovery?.announcements).toBe(2);
  });

  it('a command on a light’s command topic turns the simulated light on, and its state comes back', async () => {
    const { port, sim, connectors } = await setup();
    const states = await observe(port, ['twinbench/v1/home/h1/light.living_room/#']);
    cleanups.push(() => states.stop());
    expect(sim.home('h1').device('light.living_room').state).toBe('off');
    publish(port, 'twinbench/v1/home/h1/light.living_room/command', 'ON');
    await until(() => connectors.stats().haDiscovery!.commands === 1, 'the command to arrive');
    await connectors.runUntil(sim.now + 1_000);
    expect(sim.home('h1').device('light.living_room').state).toBe('on');
    await states.waitFor((m) => m.topic.endsWith('/state') && JSON.parse(m.payload).state === 'on');
    await states.waitFor((m) => m.topic.endsWith('/response') && JSON.parse(m.payload).ok === true);
    // It went over the bus like any command: home gateway → light, on the LAN.
    const delivered = sim.kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'msg.delivered' && e.data.topic === 'light/turn_on');
    expect(delivered.data.path).toEqual(['home/h1/gateway', 'home/h1/light.living_room']);

    publish(port, 'twinbench/v1/home/h1/light.living_room/command/brightness', '128');
    await until(() => connectors.stats().haDiscovery!.commands === 2, 'the brightness command');
    await connectors.runUntil(sim.now + 1_000);
    expect(sim.home('h1').device('light.living_room').context.brightness).toBe(128);

    publish(port, 'twinbench/v1/home/h1/light.living_room/command', 'DANCE');
    const refusal = await states.waitFor((m) => m.topic.endsWith('/response') && JSON.parse(m.payload).ok === false);
    expect(JSON.parse(refusal.payload).error).toContain("'DANCE' is not a light command");

    // Out of the announced range: refused with the reason, not answered ok and ignored.
    publish(port, 'twinbench/v1/home/h1/light.living_room/command/brightness', '99999');
    const outOfRange = await states.waitFor((m) => m.topic.endsWith('/response') && /out of range/.test(JSON.parse(m.payload).error ?? ''));
    expect(JSON.parse(outOfRange.payload)).toMatchObject({ ok: false, error: expect.stringMatching(/^brightness 99999 is out of range 0–255/) });
    await connectors.runUntil(sim.now + 1_000);
    expect(sim.home('h1').device('light.living_room').context.brightness).toBe(128);
    expect(connectors.stats().haDiscovery!.commands).toBe(2);
  });

  it('a run that dies goes offline on its own availability topic; the next run takes its devices over and clears it', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    // The first run reaches the broker through a proxy we can cut: to the broker, the run died without DISCONNECT.
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect(broker.port, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
    const dying = await attachConnectors(doorbellWorld('direct'), { broker: `mqtt://127.0.0.1:${(proxy.address() as { port: number }).port}`, haDiscovery: true });
    cleanups.push(() => dying.close());
    const deadStatus = `twinbench/v1/runs/${dying.runId}/status`;
    const watch = await observe(broker.port, ['twinbench/v1/runs/+/status', LIGHT_CONFIG]);
    cleanups.push(() => watch.stop());
    await watch.waitFor((m) => m.topic === deadStatus && m.payload === 'online');
    proxy.close();
    for (const s of sockets) s.destroy();
    await watch.waitFor((m) => m.topic === deadStatus && m.payload === 'offline'); // the broker published its will
    // Home Assistant now shows the dead run's devices as unavailable, not live.
    expect(JSON.parse((await watch.waitFor((m) => m.topic === LIGHT_CONFIG)).payload).availability_topic).toBe(deadStatus);

    const sim = doorbellWorld('direct');
    const next = await attachConnectors(sim, { broker: broker.url, haDiscovery: true });
    cleanups.push(() => next.close());
    expect(next.stats().haDiscovery).toMatchObject({ clearedStaleRuns: 1 });
    const late = await observe(broker.port, ['twinbench/v1/runs/+/status', LIGHT_CONFIG]);
    cleanups.push(() => late.stop());
    // The dead run's status is gone; the light's config now follows the new run.
    await expect.poll(() => [...retainedView(late).keys()].filter((t) => t.startsWith('twinbench/v1/runs/'))).toEqual([`twinbench/v1/runs/${next.runId}/status`]);
    await expect.poll(() => JSON.parse(retainedView(late).get(LIGHT_CONFIG) ?? '{}').availability_topic).toBe(`twinbench/v1/runs/${next.runId}/status`);
  });

  it('removes configs of devices an earlier run had and this one has not, and its own when it ends; others are left alone', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    const retain = (topic: string, message: string): void => {
      const r = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-r', '-t', topic, '-m', message]);
      if (r.status !== 0) throw new Error(`mosquitto_pub failed: ${r.stderr.toString()}`);
    };
    const STALE = 'homeassistant/light/twinbench_h9/light_gone/config';
    const FOREIGN = 'homeassistant/light/zigbee2mqtt_0x01/light/config';
    const OTHER_ROOT = 'homeassistant/light/twinbench_h7/light_kept/config';
    const NOT_JSON = 'homeassistant/light/twinbench_h8/light_broken/config';
    retain(STALE, JSON.stringify({ state_topic: 'twinbench/v1/home/h9/light.gone/state', availability_topic: 'twinbench/v1/runs/0ld/status' }));
    retain(FOREIGN, JSON.stringify({ state_topic: 'zigbee2mqtt/lamp', availability_topic: 'twinbench/v1/runs/0ld/status/../x' }));
    retain(OTHER_ROOT, JSON.stringify({ state_topic: 'lab/bench-7/twinbench/v1/home/h7/light.kept/state' }));
    retain(NOT_JSON, '{not json');
    retain('twinbench/v1/runs/0ld/status', 'offline');
    retain('twinbench/v1/runs/alive/status', 'online'); // another bench on this root may still be running

    const connectors = await attachConnectors(doorbellWorld('direct'), { broker: broker.url, haDiscovery: true });
    expect(connectors.stats().haDiscovery).toMatchObject({ removedStaleConfigs: 1, clearedStaleRuns: 1 });
    const during = await observe(broker.port, ['homeassistant/#', 'twinbench/v1/runs/+/status']);
    cleanups.push(() => during.stop());
    const retained = (o: Observer): string[] => [...retainedView(o).keys()].sort();
    await expect.poll(() => retained(during)).not.toContain(STALE);
    await expect.poll(() => retained(during)).not.toContain('twinbench/v1/runs/0ld/status');
    await expect.poll(() => retained(during)).toEqual(expect.arrayContaining([FOREIGN, OTHER_ROOT, NOT_JSON, 'twinbench/v1/runs/alive/status', LIGHT_CONFIG, SOC_CONFIG]));

    await connectors.close();
    const after = await observe(broker.port, ['homeassistant/#', 'twinbench/v1/runs/+/status']);
    cleanups.push(() => after.stop());
    // The run is over: none of its devices, nor its status, remain for Home Assistant.
    await expect.poll(() => retained(after)).toEqual([FOREIGN, NOT_JSON, OTHER_ROOT, 'twinbench/v1/runs/alive/status'].sort());
  });
});
