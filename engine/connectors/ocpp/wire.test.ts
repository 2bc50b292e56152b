// The charge point's wire and the virtual clock: held while a CALL is out, held a settle window longer after the
// messages a CSMS reacts to (so its profiles land at the same virtual instant), and security profile 1.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector-error';
import { ConnectorEvents } from '../connector-events';
import { startSmartCsms } from '../test-support/smart-csms';
import { WireGate } from '../wire-gate';
import { ocpp16 } from './ocpp16';
import { OcppWire } from './wire';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function wireTo(url: string, gate: WireGate, extra: { password?: string; settleMs?: number } = {}): Promise<OcppWire> {
  const wire = new OcppWire({ url, identity: 'h1-evse.wallbox', dialect: ocpp16, timeoutMs: 2_000, settleMs: extra.settleMs ?? 300, gate, events: new ConnectorEvents(), ...extra }, () => ({}));
  cleanups.push(() => wire.close());
  await wire.connect();
  return wire;
}

const call = (wire: OcppWire, action: string, params: Record<string, unknown>) =>
  new Promise<boolean>((resolve) => wire.call(action, params, () => undefined, (o) => resolve(o.ok)));

describe('OcppWire and the clock', () => {
  it('keeps the clock held for the settle window after a boot answer, but not after a heartbeat', async () => {
    const csms = await startSmartCsms();
    cleanups.push(() => csms.close());
    const gate = new WireGate();
    // Generous windows: the machine running the tests may be busy.
    const wire = await wireTo(csms.url, gate, { settleMs: 1_000 });
    const outcome = call(wire, 'BootNotification', ocpp16.boot('h1-evse.wallbox').params);
    expect(gate.isHeld).toBe(true); // on the wire
    expect(await outcome).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(gate.isHeld).toBe(true); // settling: the CSMS may still send a profile
    await new Promise((r) => setTimeout(r, 1_200));
    expect(gate.isHeld).toBe(false);
    expect(await call(wire, 'Heartbeat', {})).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.isHeld).toBe(false);
    expect(wire.stats()).toMatchObject({ calls: 2, accepted: 2, latencyMs: { count: 2 } });
  });

  it('fails a CALL the schema refuses before it leaves, as refused, without holding the clock', async () => {
    const csms = await startSmartCsms();
    cleanups.push(() => csms.close());
    const gate = new WireGate();
    const wire = await wireTo(csms.url, gate, { settleMs: 0 });
    const failure = await new Promise((resolve) => wire.call('StatusNotification', { connectorId: 'x' }, () => undefined, resolve));
    expect(failure).toMatchObject({ ok: false, failure: 'refused' });
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.isHeld).toBe(false);
  });
});

describe('security profile 1 (basic auth)', () => {
  it('connects with the right password and names the endpoint when it is wrong', async () => {
    const csms = await startSmartCsms({ password: 'correct horse' });
    cleanups.push(() => csms.close());
    await expect(wireTo(csms.url, new WireGate(), { password: 'correct horse' })).resolves.toBeInstanceOf(OcppWire);
    const wrong = wireTo(csms.url, new WireGate(), { password: 'battery staple' });
    await expect(wrong).rejects.toBeInstanceOf(ConnectorError);
    await expect(wrong).rejects.toThrow(/h1-evse.wallbox: cannot connect: Unauthorized.*TWINBENCH_OCPP_PASSWORD/);
    await expect(wrong).rejects.not.toThrow(/battery staple/);
  });
});

describe('a CSMS that misbehaves on the wire', () => {
  it('cannot hold the clock forever by calling again and again', async () => {
    const csms = await startSmartCsms();
    cleanups.push(() => csms.close());
    const gate = new WireGate();
    const settleMs = 50;
    const wire = new OcppWire({ url: csms.url, identity: 'h1-evse.wallbox', dialect: ocpp16, timeoutMs: 2_000, settleMs, gate, events: new ConnectorEvents() }, () => ({ status: 'Accepted' }));
    cleanups.push(() => wire.close());
    await wire.connect();
    const started = performance.now();
    let released = 0;
    gate.onChange((held) => {
      if (!held && released === 0) released = performance.now() - started;
    });
    const flood = setInterval(() => void csms.call('h1-evse.wallbox', 'ClearChargingProfile', {}).catch(() => undefined), 10);
    await new Promise((r) => setTimeout(r, 3_000));
    clearInterval(flood);
    expect(released).toBeGreaterThan(0);
    expect(released).toBeLessThan(20 * settleMs + 1_400); // the cap, one window and timer lag on a busy machine
  });

  it('that never answers makes the CALL a timeout after the wall-clock limit, and releases the clock', async () => {
    const csms = await startSmartCsms({ silentOn: ['Heartbeat'] });
    cleanups.push(() => csms.close());
    const gate = new WireGate();
    const wire = new OcppWire({ url: csms.url, identity: 'h1-evse.wallbox', dialect: ocpp16, timeoutMs: 300, settleMs: 0, gate, events: new ConnectorEvents() }, () => ({}));
    cleanups.push(() => wire.close());
    await wire.connect();
    const outcome = await new Promise((resolve) => wire.call('Heartbeat', {}, () => undefined, resolve));
    expect(outcome).toMatchObject({ ok: false, failure: 'timeout' });
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.isHeld).toBe(false);
    expect(wire.stats().timeouts).toBe(1);
  });
});
