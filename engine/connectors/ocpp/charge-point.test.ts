// The wallbox twins as OCPP 1.6J charge points of a real (test) CSMS over WebSocket, strict schemas both ways.
import { afterEach, describe, expect, it } from 'vitest';
import { startSmartCsms, type SmartCsms } from '../test-support/smart-csms';
import { HOUR, ocppMessages, ocppWorld, type OcppWorld } from '../test-support/ocpp-world';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(csmsOptions: Parameters<typeof startSmartCsms>[0], ocpp: { meterIntervalMs?: number; settleMs?: number } = {}, homes = 1): Promise<{ csms: SmartCsms; world: OcppWorld }> {
  const csms = await startSmartCsms(csmsOptions);
  cleanups.push(() => csms.close());
  const world = await ocppWorld({ url: csms.url, ...ocpp }, homes);
  cleanups.push(() => world.connectors.close());
  return { csms, world };
}

const methods = (csms: SmartCsms, identity = 'h1-evse.wallbox'): string[] => csms.received.filter((c) => c.identity === identity).map((c) => c.method);

describe('OCPP 1.6J charge point', () => {
  it('boots, reports its status, and its CALLs cross the bus to the csms with measured latency', async () => {
    const { csms, world } = await setUp({});
    await world.connectors.runUntil(60_000);
    expect(csms.identities()).toEqual(['h1-evse.wallbox']);
    expect(methods(csms).slice(0, 2)).toEqual(['BootNotification', 'StatusNotification']);
    expect(csms.received[1]!.params).toMatchObject({ connectorId: 1, status: 'Available', errorCode: 'NoError' });
    const boot = ocppMessages(world.sim).find((m) => m.data.topic === 'ocpp/BootNotification' && m.data.kind === 'event')!;
    expect(boot.type).toBe('msg.delivered');
    expect(boot.data.path).toEqual(['home/h1/evse.wallbox', 'csms']);
    const hop = (boot.data.hops as { measured?: boolean; link: string }[])[0]!;
    expect(hop).toMatchObject({ measured: true, link: 'home-broadband' });
    const reply = ocppMessages(world.sim).find((m) => m.data.topic === 'ocpp/BootNotification' && m.data.kind === 'response')!;
    expect(reply.data.payload).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(world.connectors.stats().ocpp!.chargePoints[0]).toMatchObject({ identity: 'h1-evse.wallbox', refused: 0, outages: 0 });
  });

  it('runs a transaction with Authorize, Start/StopTransaction and MeterValues at the configured interval', async () => {
    const { csms, world } = await setUp({}, { meterIntervalMs: 10 * 60_000 });
    await world.connectors.runUntil(60_000);
    world.apps.charging.plugIn('ev1', 6);
    await world.connectors.runUntil(HOUR);
    world.apps.charging.unplug('ev1');
    await world.connectors.runUntil(HOUR + 60_000);
    const sent = methods(csms).filter((m) => m !== 'Heartbeat');
    expect(sent.slice(0, 6)).toEqual(['BootNotification', 'StatusNotification', 'StatusNotification', 'Authorize', 'StartTransaction', 'StatusNotification']);
    const statuses = csms.received.filter((c) => c.method === 'StatusNotification').map((c) => c.params.status);
    // 6 kWh at 7.2 kW: full after 50 minutes, when the car stops drawing (SuspendedEV), then unplugged.
    expect(statuses).toEqual(['Available', 'Preparing', 'Charging', 'SuspendedEV', 'Available']);
    const meters = csms.received.filter((c) => c.method === 'MeterValues');
    expect(meters.length).toBe(5); // at 10, 20 … 50 minutes after the start
    const sampled = (meters[0]!.params.meterValue as { sampledValue: { measurand: string; unit: string; value: string }[] }[])[0]!.sampledValue;
    expect(sampled.map((s) => [s.measurand, s.unit])).toEqual([['Energy.Active.Import.Register', 'Wh'], ['Power.Active.Import', 'W']]);
    expect(Number(sampled[1]!.value)).toBe(7200);
    expect(Number(sampled[0]!.value)).toBeCloseTo(1200, -1); // 10 min at 7.2 kW
    const stop = csms.received.find((c) => c.method === 'StopTransaction')!;
    expect(stop.params).toMatchObject({ transactionId: 1, reason: 'EVDisconnected', idTag: 'ev1' });
    expect(Number(stop.params.meterStop)).toBeGreaterThan(5_900);
  });
});
