// Attack and failure tests of the Matter command path at the node level (commands invoked on the bridge's own
// endpoints, no controller on the network): a grant alone does not open the door, a granted window does open, a
// gateway that is down or a simulation that never answers is a Matter FAILURE or TIMEOUT, never a hang, and a bad
// grant is refused when the bridge starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Status } from '@matter/main/types';
import { afterEach, describe, expect, it } from 'vitest';
import { gatewayAddress } from '../../../twins/bus/addresses';
import { ConnectorError } from '../connector-error';
import { ConnectorEvents } from '../connector-events';
import { doorbellWorld, eventsOf, LOCK } from '../test-support/doorbell-world';
import { WireGate } from '../wire-gate';
import { startMatterBridge, type MatterBridge, type MatterBridgeOptions } from './matter-bridge';
import { paceClock } from './test-support/pace';
import { TwinDoorLockServer, TwinEnergyEvseServer, TwinOnOffServer, TwinWindowCoveringServer } from './twin-behaviors';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 30_000);

async function bridged(options: Partial<MatterBridgeOptions> = {}, pace = true) {
  const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-matter-policy-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const sim = doorbellWorld('direct');
  const gate = new WireGate();
  const events = new ConnectorEvents();
  const bridge: MatterBridge = await startMatterBridge(sim, gate, events, { storagePath: dir, port: 0, ...options });
  cleanups.push(() => bridge.close());
  if (pace) cleanups.push(paceClock(sim, gate));
  return { sim, bridge, events };
}

/** Invoke a command on the bridged endpoint of `address` as matter.js would on a controller's request. */
async function invoke<T>(bridge: MatterBridge, address: string, type: new (...args: never[]) => T, command: (server: T) => unknown): Promise<void> {
  await bridge.endpoint(address)!.act((agent) => command(agent.get(type as never) as T));
}

describe('Matter commands meet the policy', () => {
  it('a controller granted home.lock:unlock still cannot open the door: the occupant did not confirm', async () => {
    const { sim, bridge } = await bridged({ grants: ['home.lock:unlock'] });
    await expect(invoke(bridge, LOCK, TwinDoorLockServer, (s) => s.unlockDoor())).rejects.toMatchObject({ code: Status.UnsupportedAccess });
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    const refusal = eventsOf(sim, 'security.refused').find((e) => e.data.to === LOCK)!;
    expect(refusal.data).toMatchObject({ reason: 'unauthorized', sender: 'party-matter-controller' });
    expect(String(refusal.data.detail)).toContain('needs the occupant\'s confirmation');
  }, 30_000);

  it('a controller granted home.cover:open_cover opens the window (the grant is what made the difference)', async () => {
    const { sim, bridge } = await bridged({ grants: ['home.cover:open_cover'] });
    await invoke(bridge, 'home/h1/cover.living_room_window', TwinWindowCoveringServer, (s) => s.upOrOpen());
    expect(['opening', 'open']).toContain(sim.home('h1').device('cover.living_room_window').state);
    expect(eventsOf(sim, 'security.verified').some((e) => e.data.to === 'home/h1/cover.living_room_window')).toBe(true);
  }, 30_000);

  it('the wallbox: EnableCharging at 16 A is a 3.68 kW limit and a session for the plugged-in car; Disable ends it', async () => {
    const { sim, bridge } = await bridged();
    const wallbox = sim.home('h1').device('evse.wallbox');
    wallbox.send({ type: 'EVSE.PLUG_IN' });
    await bridge.settled();
    await invoke(bridge, 'home/h1/evse.wallbox', TwinEnergyEvseServer, (s) => s.enableCharging({ chargingEnabledUntil: null, minimumChargeCurrent: 6_000, maximumChargeCurrent: 16_000 }));
    expect(wallbox.state).toBe('charging');
    expect(wallbox.context.powerLimitKw).toBe(3.68);
    await invoke(bridge, 'home/h1/evse.wallbox', TwinEnergyEvseServer, (s) => s.disable());
    expect(wallbox.state).toBe('connected');
  }, 30_000);

  it('every HVAC mode of the twin shows on the thermostat (auto needs Matter\'s AutoMode feature), with no sync error', async () => {
    const { sim, bridge, events } = await bridged({}, false);
    const shown: unknown[] = [];
    for (const mode of ['auto', 'heat', 'cool', 'fan_only', 'off']) {
      sim.home('h1').device('climate.bedroom').send({ type: 'CLIMATE.SET_HVAC_MODE', hvacMode: mode });
      await bridge.settled();
      shown.push((bridge.endpoint('home/h1/climate.bedroom')!.state as unknown as { thermostat: { systemMode: number } }).thermostat.systemMode);
    }
    expect(shown).toEqual([1, 4, 3, 7, 0]);
    expect(events.recent.filter((e) => e.type === 'connector.error')).toEqual([]);
  }, 30_000);

  it('every state the bridged twins go through is a valid Matter state: no sync error anywhere', async () => {
    const { sim, bridge, events } = await bridged({}, false);
    const send = (entityId: string, ...evts: { type: string; [key: string]: unknown }[]): void => {
      for (const e of evts) sim.home('h1').device(entityId).send(e);
    };
    send('light.hallway', { type: 'LIGHT.TURN_ON', brightness: 0 }, { type: 'LIGHT.TURN_ON', brightness: 255 }, { type: 'LIGHT.TURN_OFF' });
    send('cover.living_room_curtains', { type: 'COVER.OPEN' }, { type: 'COVER.STOP' }, { type: 'COVER.SET_POSITION', position: 100 }, { type: 'COVER.CLOSE' });
    send('fan.air_purifier', { type: 'FAN.TURN_ON', percentage: 100 }, { type: 'FAN.SET_PERCENTAGE', percentage: 1 }, { type: 'FAN.TURN_OFF' });
    send('lock.front_door', { type: 'DOOR.UNLOCK', by: 'test' }, { type: 'LOCK.JAMMED' }, { type: 'LOCK.JAM_CLEARED' }, { type: 'DOOR.LOCK' });
    send('climate.living_room', { type: 'CLIMATE.SET_TEMPERATURE', targetTemperature: 30 }, { type: 'CLIMATE.SET_TEMPERATURE', targetTemperature: 16 });
    send('binary_sensor.smoke', { type: 'SENSOR.DETECTED' }, { type: 'SENSOR.CLEARED' });
    send('evse.wallbox', { type: 'EVSE.PLUG_IN' }, { type: 'EVSE.START_CHARGING' }, { type: 'EVSE.SET_POWER_LIMIT', powerLimitKw: 0 }, { type: 'EVSE.STOP_CHARGING' }, { type: 'EVSE.UNPLUG' });
    sim.kernel.clock.runUntil(sim.now + 120_000); // covers travel, rooms drift
    await bridge.settled();
    expect(events.recent.filter((e) => e.type === 'connector.error').map((e) => e.data.reason)).toEqual([]);
  }, 30_000);

  it('with the home gateway down a Matter On fails with FAILURE and the light stays off', async () => {
    const { sim, bridge } = await bridged();
    sim.gateways.send(gatewayAddress('h1'), { type: 'GATEWAY.FAIL' });
    await expect(invoke(bridge, 'home/h1/light.hallway', TwinOnOffServer, (s) => s.on())).rejects.toMatchObject({ code: Status.Failure });
    expect(sim.home('h1').device('light.hallway').state).toBe('off');
    expect(bridge.stats()).toMatchObject({ commands: 1, failed: 1, accepted: 0 });
  }, 30_000);

  it('a simulation that never answers (paused) is a Matter TIMEOUT after the bridge’s wait, not a hang', async () => {
    const { sim, bridge } = await bridged({ timeoutMs: 300 }, false);
    await expect(invoke(bridge, 'home/h1/light.hallway', TwinOnOffServer, (s) => s.on())).rejects.toMatchObject({ code: Status.Timeout });
    expect(bridge.stats().timeouts).toBe(1);
    // When the simulation runs again, the late answer is a failed message (it reaches nobody), not a success.
    sim.kernel.clock.runUntil(sim.now + 1_000);
    const late = eventsOf(sim, 'msg.failed').find((e) => e.data.destination === 'home/h1/matter-controller');
    expect(late?.data).toMatchObject({ failure: 'timeout' });
  }, 30_000);

  it('refuses to start with a grant that is not a scope, or a passcode Matter forbids', async () => {
    await expect(bridged({ grants: ['unlock everything'] })).rejects.toThrow(ConnectorError);
    await expect(bridged({ grants: ['unlock everything'] })).rejects.toThrow(/grants: matter-controller: unlock everything is not a scope/);
    await expect(bridged({ passcode: 12345678 })).rejects.toThrow(/passcode 12345678 is not allowed by Matter/);
    await expect(bridged({ discriminator: 5000 })).rejects.toThrow(/discriminator 5000 is not a 12-bit number/);
  }, 30_000);
});
