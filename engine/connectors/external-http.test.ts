// The home cloud played by a real HTTP service with its own schema (examples/home-cloud-service): the doorbell
// scene runs through it end to end, and a party that never answers fails messages as timeouts, not the run.
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../twins/bus/envelope';
import { attachConnectors, type Connectors } from './index';
import { killHomeCloudServices, startHomeCloudService } from './test-support/home-cloud-service';
import { LOCK, confirmOnCarScreen, doorbellWorld, eventsOf, pipWasShown, pressDoorbell } from './test-support/doorbell-world';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killHomeCloudServices);

async function ringAndConfirm(sim: ReturnType<typeof doorbellWorld>, connectors: Connectors): Promise<void> {
  await connectors.runUntil(1_000);
  pressDoorbell(sim);
  await connectors.runUntil(5_000);
  confirmOnCarScreen(sim);
  await connectors.runUntil(60_000);
}

describe('external home cloud over HTTP (device-actions/v1)', () => {
  it.each(['direct', 'cloud-cloud'] as const)('under %s: the doorbell scene runs through the real service, and the unlock goes through it to the lock', async (architecture) => {
    const service = await startHomeCloudService();
    cleanups.push(() => service.stop());
    const sim = doorbellWorld(architecture);
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: service.url, codec: 'device-actions/v1' } } });
    cleanups.push(() => connectors.close());

    await ringAndConfirm(sim, connectors);

    // The service's own automation put the visitor on the car screen and asked the driver; the door is open, and the
    // video closed when the driver answered.
    expect(pipWasShown(sim, sim.vehicle('car1').parts.screen.id)).toBe(true);
    expect(pipWasShown(sim, sim.home('h1').device('screen.central_panel').id)).toBe(true);
    expect(sim.vehicle('car1').parts.screen.context.pictureInPicture).toBeNull();
    expect(sim.home('h1').device('lock.front_door').state).toBe('unlocked');
    const unlock = eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'lock/unlock')!.data as unknown as Envelope;
    const intoCloud = unlock.hops.find((h) => h.to === 'home-cloud')!;
    expect(intoCloud.measured).toBe(true);
    expect(unlock.hops.filter((h) => h.measured)).toHaveLength(1);
    expect(unlock.path.slice(-3)).toEqual(['home-cloud', 'home/h1/gateway', LOCK]);

    // The service saw the unlock in its own schema, with the hop's span as the W3C parent.
    const log = await service.log();
    const action = log.find((e) => e.path === '/v1/devices/lock.front_door/actions');
    expect(action?.body).toMatchObject({ home: 'h1', action: 'unlock' });
    expect(action?.traceparent).toBe(connectors.wireIds.traceparent(unlock.traceId, intoCloud.spanId));
    expect(log.some((e) => e.path === '/v1/events' && (e.body as { event: string }).event === 'doorbell_pressed')).toBe(true);
    // The car's own report (the call ended) names the car's home, which the service knows from the link.
    expect(log.some((e) => e.path === '/v1/events' && (e.body as { home: string; attributes: { doorbell_call?: string } }).home === 'h1'
      && (e.body as { attributes: { doorbell_call?: string } }).attributes.doorbell_call === 'ended')).toBe(true);
    expect(connectors.stats().externals[0]).toMatchObject({ address: 'home-cloud', refused: 0, timeouts: 0, outages: 0 });
    expect(connectors.stats().externals[0]!.latencyMs.count).toBeGreaterThan(3);
  });

  it('a refusal by the service fails the message as refused, with its reason', async () => {
    const service = await startHomeCloudService(['--refuse', 'unlock']);
    cleanups.push(() => service.stop());
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: service.url, codec: 'device-actions/v1' } } });
    cleanups.push(() => connectors.close());
    await ringAndConfirm(sim, connectors);
    const failed = eventsOf(sim, 'msg.failed').find((e) => e.data.topic === 'lock/unlock');
    expect(failed?.data).toMatchObject({ failure: 'refused' });
    expect(String(failed?.data.error)).toContain("'unlock' is not allowed by this home's policy");
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
  });

  it('pushes from the service (its webhook) enter the bus: a scene run in its app turns the lights off', async () => {
    const service = await startHomeCloudService();
    cleanups.push(() => service.stop());
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: service.url, codec: 'device-actions/v1' } } });
    cleanups.push(() => connectors.close());
    sim.home('h1').device('light.living_room').send({ type: 'LIGHT.TURN_ON' });
    await connectors.runUntil(1_000);
    expect(sim.home('h1').device('light.living_room').state).toBe('on');
    const res = await fetch(`${service.url}/v1/scenes/away/activate`, { method: 'POST', body: JSON.stringify({ home: 'h1' }) });
    const pushed = (await res.json()) as { ok: boolean; traceparent: string };
    expect(pushed).toMatchObject({ ok: true });
    await connectors.runUntil(5_000);
    expect(sim.home('h1').device('light.living_room').state).toBe('off');
    // The command continues the trace the service started: canonically under the run's mapping of it, which on
    // every wire is the service's own trace id again.
    const off = eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'light/turn_off' && e.data.destination === 'home/h1/light.living_room');
    expect(connectors.wireIds.trace(String(off?.data.traceId))).toBe(pushed.traceparent.split('-')[1]);
    expect(connectors.stats().externals[0]!.inbound).toBe(1);
  });

  it('an unanswered request times out: the message fails as a timeout and the run goes on', async () => {
    const silent: Server = createServer((req) => {
      if (req.method === 'GET') req.socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'); // answers the probe only
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => (silent.closeAllConnections(), silent.close(() => resolve()))));
    const port = (silent.address() as { port: number }).port;
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: `http://127.0.0.1:${port}`, timeoutMs: 300, webhookPort: null } } });
    cleanups.push(() => connectors.close());
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(60_000);
    const failed = eventsOf(sim, 'msg.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toMatchObject({ failure: 'timeout', destination: 'home-cloud', topic: 'event/state_changed' });
    expect(String(failed[0]!.data.error)).toMatch(/no reply from .* within 300 ms/);
    // The clock waited for the wire, then the hop took the measured time: roughly the timeout, in virtual ms.
    const hop = (failed[0]!.data as unknown as Envelope).hops.find((h) => h.to === 'home-cloud')!;
    expect(hop).toMatchObject({ status: 'failed', measured: true });
    expect(sim.now).toBe(60_000);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(connectors.stats().externals[0]).toMatchObject({ timeouts: 1, accepted: 0 });
  });
});
