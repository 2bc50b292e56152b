// What a CSMS may do to a charge point, friendly or not: hold back the boot, be down, send malformed or unknown
// CALLs, set impossible profiles, start and stop charging remotely. The charge point never crashes and keeps going.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Simulation } from '../../../twins';
import { ConnectorError } from '../connector-error';
import { attachConnectors } from '../index';
import { EPOCH, HOUR, ocppMessages, ocppWorld, until, type OcppWorld } from '../test-support/ocpp-world';
import { startSmartCsms, type SmartCsms, type SmartCsmsOptions } from '../test-support/smart-csms';

const CP = 'h1-evse.wallbox';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: SmartCsmsOptions = {}): Promise<{ csms: SmartCsms; world: OcppWorld }> {
  const csms = await startSmartCsms(options);
  cleanups.push(() => csms.close());
  const world = await ocppWorld({ url: csms.url });
  cleanups.push(() => world.connectors.close());
  return { csms, world };
}

const sent = (csms: SmartCsms, method: string) => csms.received.filter((c) => c.method === method);
const profile = (over: Record<string, unknown> = {}, schedule: Record<string, unknown> = {}) => ({
  chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute', ...over,
  chargingSchedule: { startSchedule: new Date(EPOCH).toISOString(), chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 3_000 }], ...schedule },
});

describe('boot held back by the CSMS', () => {
  for (const answer of ['Pending', 'Rejected'] as const) {
    it(`retries after the interval when ${answer}, and sends nothing else until accepted`, async () => {
      const { csms, world } = await setUp({ boot: [answer, 'Accepted'], bootIntervalS: 120 });
      world.apps.charging.plugIn('ev1', 5);
      await world.connectors.runUntil(119_000);
      expect(csms.received.map((c) => c.method)).toEqual(['BootNotification']);
      await world.connectors.runUntil(121_000);
      expect(csms.received.map((c) => c.method).slice(0, 3)).toEqual(['BootNotification', 'BootNotification', 'StatusNotification']);
      // What happened meanwhile follows the accepted boot, in order.
      expect(sent(csms, 'StartTransaction')).toHaveLength(1);
    });
  }
});

describe('a CSMS that is down', () => {
  it('at the start is one clear error naming the charge point\'s endpoint', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const attempt = ocppWorld({ url: `ws://127.0.0.1:${port}/ocpp` });
    await expect(attempt).rejects.toBeInstanceOf(ConnectorError);
    await expect(attempt).rejects.toThrow(`ocpp ws://127.0.0.1:${port}/ocpp/h1-evse.wallbox: cannot connect`);
  });

  it('says so when the scenario has no wallbox to connect', async () => {
    const sim = new Simulation({ seed: 1, architecture: 'direct', map: { kind: 'generate', options: { homes: 1 } }, homes: [{ id: 'h1', devices: [{ type: 'light', entityId: 'light.hall' }] }], vehicles: [] });
    await expect(attachConnectors(sim, { ocpp: { url: 'ws://127.0.0.1:9/ocpp' } })).rejects.toThrow(/ocpp ws:\/\/127.0.0.1:9\/ocpp: the scenario has no wallbox/);
  });

  it('rejects a URL that is not ws:// or carries credentials, before connecting', async () => {
    await expect(ocppWorld({ url: 'http://127.0.0.1:1/ocpp' })).rejects.toThrow(/not a ws:\/\/ or wss:\/\/ URL/);
    await expect(ocppWorld({ url: 'ws://user:secret@127.0.0.1:1/ocpp' })).rejects.toThrow(/TWINBENCH_OCPP_PASSWORD/);
    await expect(ocppWorld({ url: 'not a url' })).rejects.toThrow(/is not a URL/);
  });

  it('during the run becomes recorded failures, never a crash', async () => {
    const { csms, world } = await setUp({ bootIntervalS: 60 });
    await world.connectors.runUntil(30_000);
    await csms.close();
    await until(() => world.events.some((e) => e.type === 'connector.disconnected'), 'the disconnect');
    await world.connectors.runUntil(5 * 60_000);
    const failed = ocppMessages(world.sim).filter((m) => m.type === 'msg.failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.data).toMatchObject({ topic: 'ocpp/Heartbeat', failure: 'outage' });
    expect(world.connectors.stats().ocpp!.chargePoints[0]!.outages).toBeGreaterThan(0);
  });
});

describe('CALLs from the CSMS', () => {
  it('answers a CALL that violates the schema with a CALLERROR, and keeps working', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    csms.sendRaw(CP, [2, 'bad-1', 'SetChargingProfile', { connectorId: 'one', csChargingProfiles: {} }]);
    csms.sendRaw(CP, 'this is not OCPP-J');
    await until(() => world.connectors.stats().ocpp!.chargePoints[0]!.inboundRejected >= 2, 'both rejected');
    expect(world.events.some((e) => String(e.data.reason).includes('violates the ocpp1.6 schema'))).toBe(true);
    await until(() => csms.frames.some((f) => f.startsWith('[4,"bad-1",')), 'the CALLERROR');
    expect(JSON.parse(csms.frames.find((f) => f.startsWith('[4,"bad-1",'))!)[2]).toMatch(/TypeConstraintViolation|FormatViolation|OccurrenceConstraintViolation/);
    expect(world.evse().powerLimitKw).toBe(7.2);
    await expect(csms.call(CP, 'SetChargingProfile', { connectorId: 0, csChargingProfiles: profile() })).resolves.toEqual({ status: 'Accepted' });
    expect(world.evse().powerLimitKw).toBe(3);
  });

  it('answers an action it does not implement with NotImplemented, and a made-up one with a ProtocolError', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    await expect(csms.call(CP, 'GetConfiguration', {})).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
    csms.sendRaw(CP, [2, 'u-1', 'NoSuchAction', {}]);
    await until(() => csms.frames.some((f) => f.startsWith('[4,"u-1",')), 'the CALLERROR');
    // Not an action of OCPP 1.6 at all: strict validation refuses it before any handler (ocpp-rpc says ProtocolError).
    expect(JSON.parse(csms.frames.find((f) => f.startsWith('[4,"u-1",'))!)[2]).toBe('ProtocolError');
    await world.connectors.runUntil(HOUR);
    expect(sent(csms, 'Heartbeat').length).toBeGreaterThan(5);
  });

  it('clamps a limit above the wallbox maximum, and refuses profiles the specification forbids', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    const set = (params: Record<string, unknown>) => csms.call(CP, 'SetChargingProfile', params);
    await expect(set({ connectorId: 1, csChargingProfiles: profile({}, { chargingSchedulePeriod: [{ startPeriod: 0, limit: 32_000 }] }) })).resolves.toEqual({ status: 'Accepted' });
    expect(world.evse().powerLimitKw).toBe(7.2);
    await expect(set({ connectorId: 1, csChargingProfiles: profile({ chargingProfileId: 2, chargingProfilePurpose: 'ChargePointMaxProfile' }) })).resolves.toEqual({ status: 'Rejected' });
    await expect(set({ connectorId: 1, csChargingProfiles: profile({ chargingProfileId: 3, chargingProfilePurpose: 'TxProfile' }) })).resolves.toEqual({ status: 'Rejected' });
    expect(world.events.find((e) => e.type === 'connector.ocpp-refused')?.data).toEqual({ action: 'SetChargingProfile', reason: 'a TxProfile needs a running transaction' });
    await expect(set({ connectorId: 2, csChargingProfiles: profile({ chargingProfileId: 4 }) })).resolves.toEqual({ status: 'Rejected' });
    await expect(set({ connectorId: 0, csChargingProfiles: profile({ chargingProfileId: 5 }, { chargingSchedulePeriod: [{ startPeriod: 60, limit: 1 }] }) })).resolves.toEqual({ status: 'Rejected' });
    await expect(set({ connectorId: 0, csChargingProfiles: profile({ chargingProfileId: 6 }, { chargingSchedulePeriod: [{ startPeriod: 0, limit: -5 }] }) })).resolves.toEqual({ status: 'Rejected' });
    expect(world.evse().powerLimitKw).toBe(7.2);
  });

  it('reports its composite schedule in W or A, and refuses a connector it does not have', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(HOUR);
    await csms.call(CP, 'SetChargingProfile', { connectorId: 0, csChargingProfiles: profile({}, { chargingSchedulePeriod: [{ startPeriod: 0, limit: 3_000 }, { startPeriod: 2 * 3600, limit: 6_900 }] }) });
    const composite = await csms.call(CP, 'GetCompositeSchedule', { connectorId: 1, duration: 7200 });
    expect(composite).toMatchObject({
      status: 'Accepted', connectorId: 1, scheduleStart: new Date(EPOCH + HOUR).toISOString(),
      chargingSchedule: { duration: 7200, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 3000 }, { startPeriod: 3600, limit: 6900 }] },
    });
    const amps = (await csms.call(CP, 'GetCompositeSchedule', { connectorId: 0, duration: 7200, chargingRateUnit: 'A' })) as { chargingSchedule: { chargingSchedulePeriod: { limit: number }[] } };
    expect(amps.chargingSchedule.chargingSchedulePeriod.map((p) => p.limit)).toEqual([4, 10]);
    await expect(csms.call(CP, 'GetCompositeSchedule', { connectorId: 2, duration: 60 })).resolves.toEqual({ status: 'Rejected' });
  });

  it('clears profiles by id, and says Unknown when none matches', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    await csms.call(CP, 'SetChargingProfile', { connectorId: 0, csChargingProfiles: profile({ chargingProfileId: 9 }) });
    expect(world.evse().powerLimitKw).toBe(3);
    await expect(csms.call(CP, 'ClearChargingProfile', { id: 8 })).resolves.toEqual({ status: 'Unknown' });
    await expect(csms.call(CP, 'ClearChargingProfile', { id: 9 })).resolves.toEqual({ status: 'Accepted' });
    expect(world.evse().powerLimitKw).toBe(7.2);
    await world.connectors.runUntil(20_000); // the calls, answered at once, reach the flow a link latency later
    const shown = ocppMessages(world.sim).filter((m) => m.data.topic === 'ocpp/ClearChargingProfile');
    expect(shown).toHaveLength(2);
    expect(shown[0]!.data).toMatchObject({ source: 'csms', destination: 'home/h1/evse.wallbox', kind: 'event' });
  });

  it('applies a profile sent in reply to the boot before the first meter values', async () => {
    const { csms, world } = await setUp({ onBoot: { connectorId: 0, csChargingProfiles: profile() }, reply: 'after' });
    world.apps.charging.plugIn('ev1', 5);
    await world.connectors.runUntil(16 * 60_000);
    const power = (sent(csms, 'MeterValues')[0]!.params.meterValue as { sampledValue: { value: string }[] }[])[0]!.sampledValue[1]!.value;
    expect(power).toBe('3000');
  });

  it('stops charging on RemoteStopTransaction for the running transaction only', async () => {
    const { csms, world } = await setUp();
    world.apps.charging.plugIn('ev1', 20);
    await world.connectors.runUntil(10 * 60_000);
    await expect(csms.call(CP, 'RemoteStopTransaction', { transactionId: 99 })).resolves.toEqual({ status: 'Rejected' });
    await expect(csms.call(CP, 'RemoteStopTransaction', { transactionId: 1 })).resolves.toEqual({ status: 'Accepted' });
    await world.connectors.runUntil(11 * 60_000);
    expect(world.sim.home('h1').device('evse.wallbox').state).toBe('connected');
    expect(sent(csms, 'StopTransaction')[0]!.params).toMatchObject({ transactionId: 1, reason: 'Remote' });
    expect(sent(csms, 'StatusNotification').at(-1)!.params.status).toBe('Finishing');
  });

  it('starts charging on RemoteStartTransaction with its TxProfile, without a local Authorize', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    await expect(csms.call(CP, 'RemoteStartTransaction', { idTag: 'CARD42' })).resolves.toEqual({ status: 'Rejected' }); // no car yet
    world.sim.home('h1').device('evse.wallbox').send({ type: 'EVSE.PLUG_IN' });
    const txProfile = profile({ chargingProfileId: 7, stackLevel: 2, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative' }, {
      startSchedule: undefined, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10, numberPhases: 1 }],
    });
    await expect(csms.call(CP, 'RemoteStartTransaction', { connectorId: 1, idTag: 'CARD42', chargingProfile: txProfile })).resolves.toEqual({ status: 'Accepted' });
    expect(world.evse().powerLimitKw).toBeCloseTo(2.3);
    await world.connectors.runUntil(60_000);
    expect(sent(csms, 'Authorize')).toHaveLength(0);
    expect(sent(csms, 'StartTransaction')[0]!.params).toMatchObject({ idTag: 'CARD42', connectorId: 1 });
  });
});
