// Attack tests for the Home Assistant command path (issue #16, H1): whoever publishes on a device's command topic
// is the enrolled party `ha-controller`, not the home gateway, so an UNLOCK or a window OPEN is refused unless
// granted — and the door also needs the occupant's confirmation. On the embedded broker an anonymous client cannot
// even connect. Real brokers: Mosquitto (anonymous clients allowed, as many home brokers are) and aedes.
import mqtt from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { attachConnectors, type Connectors } from './index';
import { LOCK, doorbellWorld, eventsOf } from './test-support/doorbell-world';
import { killAll, startMosquitto, mosquittoPublish } from './test-support/mosquitto';
import { until } from './test-support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);

const WINDOW = 'home/h1/cover.living_room_window';
const CURTAINS = 'home/h1/cover.living_room_curtains';
const topicOf = (address: string): string => `twinbench/v1/${address}/command`;

const anonymousPublish = mosquittoPublish;


async function onMosquitto(grants?: string[]): Promise<{ port: number; sim: ReturnType<typeof doorbellWorld>; connectors: Connectors }> {
  const broker = await startMosquitto();
  cleanups.push(() => broker.stop());
  const sim = doorbellWorld('direct');
  const connectors = await attachConnectors(sim, { broker: broker.url, haDiscovery: grants === undefined ? true : { grants } });
  cleanups.push(() => connectors.close());
  return { port: broker.port, sim, connectors };
}

async function commandArrives(sim: ReturnType<typeof doorbellWorld>, connectors: Connectors, n: number): Promise<void> {
  await until(() => connectors.stats().haDiscovery!.commands === n, `command ${n}`);
  await connectors.runUntil(sim.now + 2_000);
}

const refusals = (sim: ReturnType<typeof doorbellWorld>): Record<string, unknown>[] => eventsOf(sim, 'security.refused').map((e) => ({ source: e.source, ...e.data }));

describe('Home Assistant command topics meet the same policy as the car', () => {
  it('Mosquitto: an anonymous UNLOCK on the lock’s command topic leaves the door locked and is a security.refused', async () => {
    const { port, sim, connectors } = await onMosquitto();
    anonymousPublish(port, topicOf(LOCK), 'UNLOCK');
    await commandArrives(sim, connectors, 1);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    const [refusal] = refusals(sim);
    expect(refusal).toMatchObject({ command: 'lock/unlock', to: LOCK, reason: 'unauthorized', stage: 'authorisation', sender: 'party-ha-controller' });
    expect(String(refusal!.detail)).toContain('does not cover home.lock:unlock');
    // The gateway's key was never used for it: the signature is HA's own, and no grant-free path exists.
    expect(eventsOf(sim, 'security.verified')).toHaveLength(0);
    expect(eventsOf(sim, 'security.enrolled').map((e) => e.data.party)).toEqual(['party/ha-controller']);
  });

  it('Mosquitto: an anonymous window OPEN (or a position) is refused; the curtains, not critical, still open', async () => {
    const { port, sim, connectors } = await onMosquitto();
    anonymousPublish(port, topicOf(WINDOW), 'OPEN');
    await commandArrives(sim, connectors, 1);
    anonymousPublish(port, `${topicOf(WINDOW)}/position`, '100');
    await commandArrives(sim, connectors, 2);
    anonymousPublish(port, topicOf(CURTAINS), 'OPEN');
    await commandArrives(sim, connectors, 3);
    expect(sim.home('h1').device('cover.living_room_window').state).toBe('closed');
    expect(refusals(sim).map((r) => [r.command, r.reason])).toEqual([['cover/open_cover', 'unauthorized'], ['cover/set_cover_position', 'unauthorized']]);
    expect(sim.home('h1').device('cover.living_room_curtains').state).not.toBe('closed');
  });

  it('granted home.cover:open_cover, HA opens the window; granted home.lock:unlock, the door still needs the occupant', async () => {
    const { port, sim, connectors } = await onMosquitto(['home.cover:open_cover', 'home.lock:unlock']);
    anonymousPublish(port, topicOf(WINDOW), 'OPEN');
    await commandArrives(sim, connectors, 1);
    expect(sim.home('h1').device('cover.living_room_window').state).not.toBe('closed');
    expect(eventsOf(sim, 'security.verified')[0]?.data).toMatchObject({ command: 'cover/open_cover', sender: 'party-ha-controller' });
    anonymousPublish(port, topicOf(LOCK), 'UNLOCK');
    await commandArrives(sim, connectors, 2);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(String(refusals(sim)[0]?.detail)).toContain("needs the occupant's confirmation");
  });

  it('a grant that is not a scope is a clear error at attach time', async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop());
    await expect(attachConnectors(doorbellWorld('direct'), { broker: broker.url, haDiscovery: { grants: ['unlock-everything'] } }))
      .rejects.toThrow(/Home Assistant discovery: grants: .*unlock-everything is not a scope/);
  });

  it('embedded aedes: an anonymous client is turned away; with the run’s credentials, UNLOCK is still refused', async () => {
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { broker: 'embedded', haDiscovery: true });
    cleanups.push(() => connectors.close());
    const credentials = connectors.brokerCredentials!;
    expect(credentials.password.length).toBeGreaterThanOrEqual(32);
    const anonymous = await mqtt.connectAsync(connectors.brokerUrl!, { protocolVersion: 4, reconnectPeriod: 0 }).then(() => 0, (err: { code?: number }) => err.code);
    expect(anonymous).toBe(4);
    const wrong = await mqtt.connectAsync(connectors.brokerUrl!, { protocolVersion: 4, reconnectPeriod: 0, username: 'twinbench', password: 'guess' }).then(() => 0, (err: { code?: number }) => err.code);
    expect(wrong).toBe(4);
    expect(refusals(sim).map((r) => [r.source, r.via, r.reason])).toEqual([['broker', 'mqtt', 'unsigned'], ['broker', 'mqtt', 'forged']]);
    const ha = await mqtt.connectAsync(connectors.brokerUrl!, { protocolVersion: 4, reconnectPeriod: 0, ...credentials });
    cleanups.push(() => void ha.end(true));
    await ha.publishAsync(topicOf(LOCK), 'UNLOCK', { qos: 1 });
    await ha.publishAsync(topicOf(WINDOW), 'OPEN', { qos: 1 });
    await commandArrives(sim, connectors, 2);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(sim.home('h1').device('cover.living_room_window').state).toBe('closed');
    expect(refusals(sim).slice(2).map((r) => [r.command, r.reason, r.sender])).toEqual([
      ['lock/unlock', 'unauthorized', 'party-ha-controller'], ['cover/open_cover', 'unauthorized', 'party-ha-controller'],
    ]);
    // The credentials are this run's secret: not in the canonical stream.
    expect(sim.kernel.events.lines().join('\n')).not.toContain(credentials.password);
  });
});
