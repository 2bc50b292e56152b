import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from './embedded-broker';

describe('embedded broker', () => {
  it('listens on a free loopback port, carries retained messages, and closes with clients connected', async () => {
    const broker = await startEmbeddedBroker();
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    const a = await mqtt.connectAsync(broker.url, { protocolVersion: 4, ...broker.credentials });
    await a.publishAsync('twinbench/v1/status', 'online', { retain: true, qos: 1 });
    const b = await mqtt.connectAsync(broker.url, { protocolVersion: 4, ...broker.credentials });
    const got = new Promise<string>((resolve) => b.on('message', (_t, p) => resolve(p.toString())));
    await b.subscribeAsync('twinbench/v1/status');
    expect(await got).toBe('online');
    await broker.close();
    a.end(true);
    b.end(true);
  });

  it('takes no anonymous client, nor a wrong password: each start makes its own credentials', async () => {
    const broker = await startEmbeddedBroker();
    const other = await startEmbeddedBroker();
    expect(broker.credentials.username).toBe('twinbench');
    expect(broker.credentials.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(other.credentials.password).not.toBe(broker.credentials.password);
    const code = (options: mqtt.IClientOptions): Promise<number | undefined> =>
      mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0, ...options }).then((c) => (c.end(true), 0), (err: { code?: number }) => err.code);
    expect(await code({})).toBe(4); // anonymous: bad username or password
    expect(await code({ username: 'twinbench', password: 'guess' })).toBe(4);
    expect(await code({ username: 'twinbench', password: other.credentials.password })).toBe(4);
    expect(await code({ username: 'admin', password: broker.credentials.password })).toBe(4);
    expect(await code(broker.credentials)).toBe(0);
    await broker.close();
    await other.close();
  });

  it('refuses v5 clients (what the connectors detect to fall back to 3.1.1)', async () => {
    const broker = await startEmbeddedBroker();
    const refused = await mqtt.connectAsync(broker.url, { protocolVersion: 5, reconnectPeriod: 0, ...broker.credentials }).then(() => undefined, (err: { code?: number }) => err.code);
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
