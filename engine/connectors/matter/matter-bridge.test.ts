// The bridge over a real Matter network exchange: matter.js's own controller commissions it at 127.0.0.1 with the
// setup passcode (no mDNS: it is confined to `lo`, where multicast fails), toggles a light (the twin changes), reads a leak sensor the twin raised (through a Matter
// subscription), and is refused an unlock it holds no grant for (the door stays locked, `security.refused`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Environment } from '@matter/main';
import { DoorLockClient } from '@matter/main/behaviors/door-lock';
import { LevelControlClient } from '@matter/main/behaviors/level-control';
import { OnOffClient } from '@matter/main/behaviors/on-off';
import { WindowCoveringClient } from '@matter/main/behaviors/window-covering';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation, installStandardApps, standardHomeDevices } from '../../../twins';
import { eventDataOfLine } from '../../../twins/bus/envelope-record';
import type { Json } from '../../../twins/kernel/types';
import { nodeEventLogHost } from '../../host-event-log';
import { exportRun, Recorder, type RunRecorder } from '../../recorder';
import { ConnectorEvents } from '../connector-events';
import { eventsOf, LOCK } from '../test-support/doorbell-world';
import { WireGate } from '../wire-gate';
import { startMatterBridge, type MatterBridge } from './matter-bridge';
import { matterControllerAddress } from './matter-party';
import { commissionAt, type TestController } from './test-support/matter-controller';
import { paceClock, until } from './test-support/pace';

const PASSCODE = 20_202_021;
const DISCRIMINATOR = 3840;
const LIGHT = 'home/h1/light.hallway';
const LEAK = 'home/h1/binary_sensor.kitchen_leak';

/** The doorbell scene's home and car, recorded into SQLite as the CLI records a run. */
function recordedWorld(run: RunRecorder): Simulation {
  const sim = new Simulation({
    seed: 1, architecture: 'direct', map: { kind: 'generate', options: { homes: 4 } },
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1', preferences: { temperature: 23, lighting: 'soft' } }],
    homes: [{ id: 'h1', devices: standardHomeDevices() }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at: 'home' }],
  }, { ...nodeEventLogHost(), listeners: [run.listener] });
  installStandardApps(sim);
  return sim;
}

describe('Matter bridge, commissioned over UDP by matter.js’s controller', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-matter-'));
  const recorder = Recorder.open(path.join(dir, 'runs.db'));
  const recording = recorder.startRun({ scenario: 'matter-bridge-test', seed: 1, architecture: 'direct' });
  const sim = recordedWorld(recording);
  const gate = new WireGate();
  const events = new ConnectorEvents();
  let bridge: MatterBridge;
  let controller: TestController;
  let stopClock: () => Promise<void>;

  beforeAll(async () => {
    // mDNS only on loopback, where multicast fails: nothing below may depend on DNS-SD discovery.
    Environment.default.vars.set('mdns.networkInterface', 'lo');
    bridge = await startMatterBridge(sim, gate, events, { storagePath: dir, port: 0, passcode: PASSCODE, discriminator: DISCRIMINATOR });
    stopClock = paceClock(sim, gate);
    const home = bridge.homes[0]!;
    controller = await commissionAt('127.0.0.1', home.port, PASSCODE, DISCRIMINATOR);
  }, 60_000);

  afterAll(async () => {
    await controller?.close();
    await bridge?.close();
    await stopClock?.();
    recorder.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('prints pairing codes for the port it listens on, and bridges the devices Matter has types for', () => {
    const home = bridge.homes[0]!;
    expect(home.manualPairingCode).toMatch(/^\d{11}$/);
    expect(home.qrPairingCode).toMatch(/^MT:[0-9A-Z.-]+$/);
    expect(home.port).toBeGreaterThan(0);
    expect(home.bridged).toEqual(expect.arrayContaining([`${LIGHT} (DimmableLight)`, `${LOCK} (DoorLock)`, `${LEAK} (WaterLeakDetector)`]));
    expect(home.skipped).toEqual(expect.arrayContaining(['home/h1/camera.front_door', 'home/h1/binary_sensor.gas']));
    expect(controller.commissionMs).toBeGreaterThan(0);
  });

  it('a Matter On turns the light twin on, as a bus message whose answer crossed the Matter wire (measured)', async () => {
    expect(sim.home('h1').device('light.hallway').state).toBe('off');
    await controller.endpoint('light.hallway').commandsOf(OnOffClient).on!();
    expect(sim.home('h1').device('light.hallway').state).toBe('on');
    await until(() => eventsOf(sim, 'msg.delivered').some((e) => e.data.destination === matterControllerAddress('h1')), 'the answer delivered');
    const command = eventsOf(sim, 'msg.delivered').find((e) => e.data.source === matterControllerAddress('h1') && e.data.destination === LIGHT)!;
    expect(command.data.path).toEqual([matterControllerAddress('h1'), 'home/h1/gateway', LIGHT]);
    const answer = eventsOf(sim, 'msg.delivered').find((e) => e.data.destination === matterControllerAddress('h1'))!;
    const hops = answer.data.hops as { to: string; measured?: boolean }[];
    expect(hops.at(-1)).toMatchObject({ to: matterControllerAddress('h1'), measured: true });
    expect(bridge.stats().latencyMs.count).toBeGreaterThanOrEqual(1);
    // The twin's state came back as the attribute the controller is subscribed to.
    await until(() => controller.endpoint('light.hallway').state.onOff?.onOff === true, 'onOff attribute');
  }, 30_000);

  it('a leak the twin detects is read through Matter (BooleanState)', async () => {
    expect(controller.endpoint('binary_sensor.kitchen_leak').state.booleanState?.stateValue).toBe(false);
    sim.home('h1').device('binary_sensor.kitchen_leak').send({ type: 'SENSOR.DETECTED' });
    await until(() => controller.endpoint('binary_sensor.kitchen_leak').state.booleanState?.stateValue === true, 'the leak on Matter');
  }, 30_000);

  it('an unlock without a grant fails with UNSUPPORTED_ACCESS; the door stays locked and the refusal is in the stream', async () => {
    const unlock = controller.endpoint('lock.front_door').commandsOf(DoorLockClient).unlockDoor!({});
    await expect(unlock).rejects.toMatchObject({ code: 0x7e });
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    const refusal = eventsOf(sim, 'security.refused').find((e) => e.data.to === LOCK)!;
    expect(refusal.data).toMatchObject({ command: 'lock/unlock', reason: 'unauthorized', sender: 'party-matter-controller' });
    expect(String(refusal.data.detail)).toContain('does not cover home.lock:unlock');
    expect(controller.endpoint('lock.front_door').state.doorLock?.lockState).toBe(1); // Locked
    expect(bridge.stats().refused).toBe(1);
  }, 30_000);

  it('dims a light: moveToLevel 127 is the twin at 50 %, and the level the controller reads follows the twin', async () => {
    await controller.endpoint('light.living_room').commandsOf(LevelControlClient).moveToLevel!({ level: 127, transitionTime: null, optionsMask: {}, optionsOverride: {} });
    const light = sim.home('h1').device('light.living_room');
    expect(light.state).toBe('on');
    expect(light.context.brightness).toBe(Math.round((50 * 255) / 100));
    await until(() => controller.endpoint('light.living_room').state.levelControl?.currentLevel === 127, 'currentLevel 127');
  }, 30_000);

  it('the curtains open on a Matter upOrOpen, the window does not: opening a window is a critical command', async () => {
    await controller.endpoint('cover.living_room_curtains').commandsOf(WindowCoveringClient).upOrOpen!();
    expect(['opening', 'open']).toContain(sim.home('h1').device('cover.living_room_curtains').state);
    const window = sim.home('h1').device('cover.living_room_window');
    const before = window.state;
    await expect(controller.endpoint('cover.living_room_window').commandsOf(WindowCoveringClient).upOrOpen!()).rejects.toMatchObject({ code: 0x7e });
    expect(window.state).toBe(before);
    expect(eventsOf(sim, 'security.refused').some((e) => e.data.to === 'home/h1/cover.living_room_window' && e.data.command === 'cover/open_cover')).toBe(true);
  }, 30_000);

  it('a controller’s write of the purifier’s speed turns the fan twin on at that percentage', async () => {
    await controller.endpoint('fan.air_purifier').set({ fanControl: { percentSetting: 40 } });
    const fan = sim.home('h1').device('fan.air_purifier');
    await until(() => fan.state === 'on' && fan.context.percentage === 40, 'the purifier at 40 %');
  }, 30_000);

  it('a controller’s write of the thermostat’s system mode changes the climate twin’s HVAC mode', async () => {
    await controller.endpoint('climate.bedroom').set({ thermostat: { systemMode: 4 } }); // Heat
    await until(() => sim.home('h1').device('climate.bedroom').context.hvacMode === 'heat', 'the bedroom heating');
  }, 30_000);

  it('a controller’s write of the cooling setpoint is the climate twin’s new target', async () => {
    await controller.endpoint('climate.living_room').set({ thermostat: { occupiedCoolingSetpoint: 2400 } });
    await until(() => sim.home('h1').device('climate.living_room').context.targetTemperature === 24, 'the living room at 24 °C');
  }, 30_000);

  it('a write the twin never gets (home gateway down) is undone: the aroma diffuser reads off again', async () => {
    sim.gateways.send('home/h1/gateway', { type: 'GATEWAY.FAIL' });
    try {
      await controller.endpoint('fan.aroma_diffuser').set({ fanControl: { percentSetting: 70 } });
      await until(() => bridge.stats().failed >= 1, 'the write to fail on the bus', 20_000);
      await until(() => controller.endpoint('fan.aroma_diffuser').state.fanControl?.percentSetting === 0, 'the diffuser back to 0 %');
      expect(sim.home('h1').device('fan.aroma_diffuser').state).toBe('off');
    } finally {
      sim.gateways.send('home/h1/gateway', { type: 'GATEWAY.RECOVER' });
    }
  }, 40_000);

  it('hostile values never reach the twin: a lift beyond 100 % or level 255 is a CONSTRAINT_ERROR from Matter itself', async () => {
    const curtains = sim.home('h1').device('cover.living_room_curtains');
    const light = sim.home('h1').device('light.living_room');
    const before = { curtains: curtains.view(), light: light.view(), commands: bridge.stats().commands };
    await expect(controller.endpoint('cover.living_room_curtains').commandsOf(WindowCoveringClient).goToLiftPercentage!({ liftPercent100thsValue: 20_000 })).rejects.toMatchObject({ code: 0x87 });
    await expect(controller.endpoint('light.living_room').commandsOf(LevelControlClient).moveToLevel!({ level: 255, transitionTime: null, optionsMask: {}, optionsOverride: {} })).rejects.toMatchObject({ code: 0x87 });
    expect({ curtains: curtains.view(), light: light.view(), commands: bridge.stats().commands }).toEqual(before);
  }, 30_000);

  it('held the virtual clock while answers were on the Matter wire', () => {
    expect(gate.heldMs).toBeGreaterThan(0);
    expect(gate.pending).toBe(0);
  });

  it('the recording holds the Matter command and its answer, the Matter hop marked measured', () => {
    recorder.flush();
    let jsonl = '';
    exportRun({ db: recorder.db, run: recording.runId }, { format: 'jsonl', write: (chunk) => void (jsonl += chunk) });
    type Delivered = { source?: string; destination?: string; hops?: { to: string; measured?: boolean }[] };
    const delivered = jsonl.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: { [key: string]: Json } })
      .filter((e) => e.type === 'msg.delivered')
      .map((e) => ({ data: eventDataOfLine(e.type, e.data) as unknown as Delivered })); // the compact record, expanded
    expect(delivered.some((e) => e.data.source === matterControllerAddress('h1') && e.data.destination === LIGHT)).toBe(true);
    const answers = delivered.filter((e) => e.data.destination === matterControllerAddress('h1'));
    expect(answers.length).toBeGreaterThanOrEqual(5);
    for (const answer of answers) expect(answer.data.hops!.at(-1)).toMatchObject({ to: matterControllerAddress('h1'), measured: true });
  });
});
