// A scenario's `connectors:` section in the app: the broker's password comes from the host's resolver (never the
// scenario or the page), a refused or missing password is the run's note and not a crash, and the run is mirrored.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, passwordFile, startMosquitto } from '../connectors/test-support/mosquitto';
import { brokerIdentity, liveConnectorOptions, type BrokerIdentity } from './live-connectors';
import { LiveSession } from './live-session';
import { ScenarioCatalogue } from './scenario-catalogue';
import { connectedScenarioDir } from './test-support/connected-scenario';
import { PublishedEvents } from './test-support/recorder';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);

type Section = Parameters<typeof liveConnectorOptions>[0];
const section = (s: object): Section => ({ external: {}, ...s }) as Section;

describe('liveConnectorOptions', () => {
  it('asks the resolver for the password of the scenario’s broker, by host and user', () => {
    const asked: BrokerIdentity[] = [];
    const options = liveConnectorOptions(section({ broker: 'mqtt://alice@broker.lan:1883', haDiscovery: true }), (b) => (asked.push(b), 's3cret'));
    expect(asked).toEqual([{ url: 'mqtt://alice@broker.lan:1883', host: 'broker.lan', username: 'alice' }]);
    expect(options).toEqual({ broker: 'mqtt://alice@broker.lan:1883', haDiscovery: true, brokerOptions: { password: 's3cret' } });
    expect(liveConnectorOptions(section({ broker: 'mqtt://broker.lan' }), () => undefined)).toEqual({ broker: 'mqtt://broker.lan' });
  });

  it('asks for nothing without a broker of its own, and for no connection without a section', () => {
    const never = (): string => {
      throw new Error('not asked');
    };
    expect(liveConnectorOptions(undefined, never)).toBeUndefined();
    expect(liveConnectorOptions(section({}), never)).toBeUndefined();
    expect(liveConnectorOptions(section({ haDiscovery: true }), never)).toEqual({ broker: 'embedded', haDiscovery: true });
    expect(liveConnectorOptions(section({ otlp: 'http://127.0.0.1:4318' }), never)).toEqual({ otlp: 'http://127.0.0.1:4318' });
  });

  it('refuses a password in the scenario’s URL, a malformed URL and external parties, each with the reason', () => {
    expect(() => liveConnectorOptions(section({ broker: 'mqtt://alice:hunter2@broker.lan' }), () => undefined)).toThrow(/must not contain a password/);
    expect(() => brokerIdentity('mqtt://[::1')).toThrow(/is not a URL/);
    expect(() => liveConnectorOptions(section({ external: { 'home-cloud': { http: 'http://x', codec: 'twinbench/v1' } } }), () => undefined)).toThrow(/home-cloud.*twinbench run/);
    expect(() => liveConnectorOptions(section({ ocpp: { url: 'ws://csms.lan/ocpp', version: '1.6' } }), () => undefined)).toThrow(/OCPP charge points \(CSMS ws:\/\/csms.lan\/ocpp\).*twinbench run/);
  });
});

describe('LiveSession with a scenario that connects a broker', () => {
  async function protectedBroker(): Promise<{ port: number; url: string }> {
    const file = passwordFile('alice', 'correct-horse');
    cleanups.push(() => rmSync(dirname(file), { recursive: true, force: true }));
    const broker = await startMosquitto({ anonymous: false, extraConfig: `password_file ${file}` });
    cleanups.push(() => broker.stop());
    return broker;
  }

  function session(port: number, resolver: (b: BrokerIdentity) => string | undefined): LiveSession {
    const scenarios = connectedScenarioDir(`broker: mqtt://alice@127.0.0.1:${port}`);
    cleanups.push(() => scenarios.remove());
    const s = new LiveSession(new PublishedEvents().publish, { catalogue: new ScenarioCatalogue([scenarios.dir]), recordingFile: null, brokerPassword: resolver });
    cleanups.push(() => s.dispose());
    s.load({ file: 'scenarios/doorbell-connected.yaml', architecture: 'direct' });
    return s;
  }

  it('connects with the password the host resolves, and mirrors the live run', async () => {
    const broker = await protectedBroker();
    const s = session(broker.port, (b) => (b.host === '127.0.0.1' && b.username === 'alice' ? 'correct-horse' : undefined));
    await s.connected();
    expect(s.status().note).toBeUndefined();
    expect(s.connectors?.stats().broker).toMatchObject({ connected: true });
    // A subscriber of its own (alice too: the broker admits no one else) finds the lock's state retained there.
    const client = await mqtt.connectAsync(broker.url, { username: 'alice', password: 'correct-horse', protocolVersion: 5 });
    cleanups.push(() => client.endAsync());
    const state = new Promise<{ retain: boolean; body: { state: string } }>((resolve) => client.on('message', (topic, payload, packet) => topic.endsWith('/state') && resolve({ retain: packet.retain, body: JSON.parse(payload.toString()) })));
    await client.subscribeAsync('twinbench/v1/home/h1/lock.front_door/state');
    expect(await state).toEqual({ retain: true, body: expect.objectContaining({ state: 'locked' }) });
    // Played to the end, the run lets go of the broker: it says `offline` as it leaves.
    s.play('max');
    for (let i = 0; i < 500 && s.status().state !== 'finished'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.status().state).toBe('finished');
    expect(s.connectors).toBeUndefined();
    const offline = new Promise<string>((resolve) => client.on('message', (topic, payload) => topic === 'twinbench/v1/status' && payload.toString() === 'offline' && resolve(topic)));
    await client.subscribeAsync('twinbench/v1/status');
    expect(await offline).toBe('twinbench/v1/status');
  });

  it('without the right password the run goes on, and its note says why without the password', async () => {
    const broker = await protectedBroker();
    const s = session(broker.port, () => 'wrong-battery');
    await s.connected();
    expect(s.status().note).toContain("refused the credentials of user 'alice'");
    expect(s.status().note).not.toContain('wrong-battery');
    expect(s.connectors).toBeUndefined();
    s.step();
    expect(s.status().t).toBeGreaterThan(0); // simulated, not stuck
  });
});
