// Device cards' controls go through the bus and the security layer like every command: a light turns on by its
// command's response, a critical unlock nobody signed for is refused with the reason, and hostile requests are
// refused before anything is sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol';
import { EngineHost } from './engine-host';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

async function loaded(file = 'scenarios/doorbell.yaml'): Promise<EngineHost> {
  host = new EngineHost({ recordingFile: null });
  await host.invoke('loadScenario', { file, architecture: 'cloud-cloud' });
  return host;
}

/** Steps the run until the command's response (or its failure) has arrived. */
function settle(h: EngineHost, messageId: string): { request: Envelope; response?: Envelope } {
  const seen = new Map<string, Envelope>();
  const off = h.session.run!.sim.bus.onEnvelope((_phase, env) => void seen.set(env.id, env));
  for (let i = 0; i < 5_000; i++) {
    const request = seen.get(messageId);
    const response = [...seen.values()].find((e) => e.kind === 'response' && e.correlationId === messageId && e.status === 'delivered');
    if (response || request?.status === 'failed') {
      off();
      return { request: request!, ...(response ? { response } : {}) };
    }
    h.session.step();
  }
  off();
  throw new Error(`no answer to ${messageId}`);
}

describe('sendDeviceCommand', () => {
  it('turns a light on by a home-cloud command over the bus, not by poking its machine', async () => {
    const h = await loaded();
    const light = h.session.session!.twins.find((t) => t.kind === 'light')!.address;
    const before = h.session.getTwin(light).state;
    const sent = await h.invoke('sendDeviceCommand', { device: light, command: 'turn_on', attributes: { brightness_pct: 40 } });
    expect(sent.source).toBe('home/h1/gateway');
    expect(h.session.getTwin(light).state).toBe(before); // nothing moved yet: the command is on the wire
    const { request, response } = settle(h, sent.messageId);
    expect(request).toMatchObject({ source: 'home/h1/gateway', destination: light, topic: 'light/turn_on' });
    expect(request.hops.length).toBeGreaterThan(0);
    expect(response?.payload).toMatchObject({ success: true });
    expect(h.session.getTwin(light).state).toBe('on');
  });

  it('refuses an unlock that no one signed for, with the security layer\'s reason, and the door stays locked', async () => {
    const h = await loaded();
    const lock = h.session.session!.twins.find((t) => t.kind === 'lock')!.address;
    const sent = await h.invoke('sendDeviceCommand', { device: lock, command: 'unlock' });
    const { request, response } = settle(h, sent.messageId);
    const refused = request.status === 'failed' || (response?.payload as { success?: boolean } | undefined)?.success === false;
    expect(refused).toBe(true);
    expect(JSON.stringify(response?.payload ?? request.error)).toMatch(/refused \(unauthorized\): access grant \S+ does not cover home\.lock:unlock/);
    expect(h.session.getTwin(lock).state).toBe('locked');
  });

  it('answers a command the device does not have with the device\'s reason', async () => {
    const h = await loaded();
    const light = h.session.session!.twins.find((t) => t.kind === 'light')!.address;
    const sent = await h.invoke('sendDeviceCommand', { device: light, command: 'unlock' });
    const { response } = settle(h, sent.messageId);
    expect(response?.payload).toMatchObject({ success: false, error: expect.stringContaining('does not support') });
  });

  it('refuses hostile requests before sending anything', async () => {
    const h = await loaded();
    const count = h.session.run!.sim.bus.stats().sent;
    await expect(h.invoke('sendDeviceCommand', { device: 'vehicle/car1/screen', command: 'turn_on' })).rejects.toThrow(/not a home device/);
    await expect(h.invoke('sendDeviceCommand', { device: 'home/h1/nothing', command: 'turn_on' })).rejects.toThrow(/no twin at home\/h1\/nothing/);
    await expect(h.invoke('sendDeviceCommand', { device: 'home/h1/lock.front_door', command: '__proto__' })).rejects.toThrow(/lower-case service name/);
    await expect(h.invoke('sendDeviceCommand', { device: 'home/h1/lock.front_door', command: 'unlock', extra: 1 } as never)).rejects.toThrow(/sendDeviceCommand/);
    await expect(h.invoke('sendDeviceCommand', { device: 'home/h1/lock.front_door', command: 'x'.repeat(65) })).rejects.toThrow(/service name/);
    expect(h.session.run!.sim.bus.stats().sent).toBe(count);
  });
});
