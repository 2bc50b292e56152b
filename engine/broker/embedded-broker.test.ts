import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from './embedded-broker';

describe('embedded broker', () => {
  it('listens on a free loopback port, carries retained messages, and closes with clients connected', async () => {
    const broker = await startEmbeddedBroker();
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    const a = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    await a.publishAsync('twinbench/v1/status', 'online', { retain: true, qos: 1 });
    const b = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    const got = new Promise<string>((resolve) => b.on('message', (_t, p) => resolve(p.toString())));
    await b.subscribeAsync('twinbench/v1/status');
    expect(await got).toBe('online');
    await broker.close();
    a.end(true);
    b.end(true);
  });

  it('refuses v5 clients (what the connectors detect to fall back to 3.1.1)', async () => {
    const broker = await startEmbeddedBroker();
    const refused = await mqtt.connectAsync(broker.url, { protocolVersion: 5, reconnectPeriod: 0 }).then(() => undefined, (err: { code?: number }) => err.code);
    expect(refused).toBe(1);
    await broker.close();
  });

  it('says which port is taken, and will not listen beyond loopback', async () => {
    const first = await startEmbeddedBroker();
    await expect(startEmbeddedBroker({ port: first.port })).rejects.toThrow(`cannot listen on 127.0.0.1:${first.port} (EADDRINUSE): the port is taken`);
    await first.close();
    await expect(startEmbeddedBroker({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/binds 127\.0\.0\.1 only/);
  });
});
