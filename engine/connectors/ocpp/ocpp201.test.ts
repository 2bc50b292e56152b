// The same charge point speaking OCPP 2.0.1: TransactionEvent instead of Start/StopTransaction and MeterValues,
// Available/Occupied statuses, and RequestStart/RequestStopTransaction; strict 2.0.1 schemas both ways.
import { afterEach, describe, expect, it } from 'vitest';
import { EPOCH, ocppWorld, type OcppWorld } from '../test-support/ocpp-world';
import { startSmartCsms, type SmartCsms } from '../test-support/smart-csms';

const CP = 'h1-evse.wallbox';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ csms: SmartCsms; world: OcppWorld }> {
  const csms = await startSmartCsms({ version: '2.0.1' });
  cleanups.push(() => csms.close());
  const world = await ocppWorld({ url: csms.url, version: '2.0.1', meterIntervalMs: 10 * 60_000 });
  cleanups.push(() => world.connectors.close());
  return { csms, world };
}

const events = (csms: SmartCsms) => csms.received.filter((c) => c.method === 'TransactionEvent').map((c) => c.params);

describe('OCPP 2.0.1 charge point', () => {
  it('reports a local session as one TransactionEvent stream with periodic meter values', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    world.apps.charging.plugIn('ev1', 3);
    await world.connectors.runUntil(40 * 60_000);
    world.apps.charging.unplug('ev1');
    await world.connectors.runUntil(41 * 60_000);
    expect(csms.received.map((c) => c.method).slice(0, 4)).toEqual(['BootNotification', 'StatusNotification', 'StatusNotification', 'Authorize']);
    expect(csms.received.filter((c) => c.method === 'StatusNotification').map((c) => c.params.connectorStatus)).toEqual(['Available', 'Occupied', 'Available']);
    const stream = events(csms);
    // 3 kWh at 7.2 kW: full after 25 minutes (SuspendedEV), meter values every 10 minutes until unplugged at 40.
    expect(stream.map((e) => `${e.eventType}/${e.triggerReason}`)).toEqual([
      'Started/Authorized', 'Updated/ChargingStateChanged', 'Updated/MeterValuePeriodic', 'Updated/MeterValuePeriodic',
      'Updated/ChargingStateChanged', 'Updated/MeterValuePeriodic', 'Ended/EVDeparted',
    ]);
    expect(stream.map((e) => e.seqNo)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((stream[4]!.transactionInfo as { chargingState: string }).chargingState).toBe('SuspendedEV');
    expect(new Set(stream.map((e) => (e.transactionInfo as { transactionId: string }).transactionId))).toEqual(new Set(['h1-evse.wallbox-1']));
    expect((stream[6]!.transactionInfo as { stoppedReason: string }).stoppedReason).toBe('EVDisconnected');
    const sampled = (stream[2]!.meterValue as { sampledValue: { measurand: string; value: number; unitOfMeasure: { unit: string } }[] }[])[0]!.sampledValue;
    expect(sampled.map((s) => [s.measurand, s.value, s.unitOfMeasure.unit])).toEqual([['Energy.Active.Import.Register', 1200, 'Wh'], ['Power.Active.Import', 7200, 'W']]);
  });

  it('obeys SetChargingProfile, ClearChargingProfile, RequestStartTransaction and RequestStopTransaction', async () => {
    const { csms, world } = await setUp();
    await world.connectors.runUntil(10_000);
    const schedule = [{ id: 1, startSchedule: new Date(EPOCH).toISOString(), chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 4_000 }] }];
    const max = { id: 3, stackLevel: 0, chargingProfilePurpose: 'ChargingStationMaxProfile', chargingProfileKind: 'Absolute', chargingSchedule: schedule };
    await expect(csms.call(CP, 'SetChargingProfile', { evseId: 1, chargingProfile: max })).resolves.toEqual({ status: 'Rejected' });
    await expect(csms.call(CP, 'SetChargingProfile', { evseId: 0, chargingProfile: max })).resolves.toEqual({ status: 'Accepted' });
    expect(world.evse().powerLimitKw).toBe(4);
    await expect(csms.call(CP, 'GetCompositeSchedule', { evseId: 1, duration: 600 })).resolves.toMatchObject({
      status: 'Accepted', schedule: { evseId: 1, duration: 600, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 4000 }] },
    });
    world.sim.home('h1').device('evse.wallbox').send({ type: 'EVSE.PLUG_IN' });
    const start = await csms.call(CP, 'RequestStartTransaction', { remoteStartId: 77, idToken: { idToken: 'CARD42', type: 'ISO14443' } });
    expect(start).toEqual({ status: 'Accepted', transactionId: 'h1-evse.wallbox-1' });
    await world.connectors.runUntil(60_000);
    expect(events(csms)[0]).toMatchObject({ eventType: 'Started', triggerReason: 'RemoteStart', transactionInfo: { remoteStartId: 77 } });
    await expect(csms.call(CP, 'ClearChargingProfile', { chargingProfileCriteria: { chargingProfilePurpose: 'ChargingStationMaxProfile' } })).resolves.toEqual({ status: 'Accepted' });
    expect(world.evse().powerLimitKw).toBe(7.2);
    await expect(csms.call(CP, 'RequestStopTransaction', { transactionId: 'nope' })).resolves.toEqual({ status: 'Rejected' });
    await expect(csms.call(CP, 'RequestStopTransaction', { transactionId: 'h1-evse.wallbox-1' })).resolves.toEqual({ status: 'Accepted' });
    await world.connectors.runUntil(120_000);
    expect(events(csms).at(-1)).toMatchObject({ eventType: 'Ended', triggerReason: 'RemoteStop', transactionInfo: { stoppedReason: 'Remote' } });
  });
});
