// The bridge over a real Matter network exchange: matter.js's own controller commissions it at 127.0.0.1 with the
// setup passcode, toggles a light (the twin changes), reads a leak sensor the twin raised (through a Matter
// subscription), and is refused an unlock it holds no grant for (the door stays locked, `security.refused`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DoorLockClient } from '@matter/main/behaviors/door-lock';
import { OnOffClient } from '@matter/main/behaviors/on-off';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulation } from '../../../twins';
import { ConnectorEvents } from '../connector-events';
import { doorbellWorld, eventsOf, LOCK } from '../test-support/doorbell-world';
import { WireGate, runClock } from '../wire-gate';
import { startMatterBridge, type MatterBridge } from './matter-bridge';
import { matterControllerAddress } from './matter-party';
import { commissionAt, type TestController } from './test-support/matter-controller';

const PASSCODE = 20_202_021;
const DISCRIMINATOR = 3840;
const LIGHT = 'home/h1/light.hallway';
const LEAK = 'home/h1/binary_sensor.kitchen_leak';

/** Virtual time runs at about 4× real time in the background, pausing while the gate is held (a wire in use). */
function paceClock(sim: Simulation, gate: WireGate): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= runClock(sim.kernel.clock, gate, sim.now + 20).finally(() => (running = undefined));
  }, 5);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Matter bridge, commissioned over UDP by matter.js’s controller', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-matter-'));
  const sim = doorbellWorld('direct');
  const gate = new WireGate();
  const events = new ConnectorEvents();
  let bridge: MatterBridge;
  let controller: TestController;
  let stopClock: () => Promise<void>;

  beforeAll(async () => {
    bridge = await startMatterBridge(sim, gate, events, { storagePath: dir, port: 0, passcode: PASSCODE, discriminator: DISCRIMINATOR });
    stopClock = paceClock(sim, gate);
    const home = bridge.homes[0]!;
    controller = await commissionAt('127.0.0.1', home.port, PASSCODE, DISCRIMINATOR);
  }, 60_000);

  afterAll(async () => {
    await controller?.close();
    await bridge?.close();
    await stopClock?.();
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
});
