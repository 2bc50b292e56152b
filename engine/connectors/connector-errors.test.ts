// Bad endpoint configuration gives one clear ConnectorError naming the endpoint and the cause — and never the
// password. Brokers here are real Mosquittos (TLS with a self-signed certificate, a password file).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveBroker } from './broker-config';
import { ConnectorError } from './connector-error';
import { attachConnectors } from './index';
import { doorbellWorld } from './test-support/doorbell-world';
import { freePort, killAll, passwordFile, selfSignedCert, startMosquitto } from './test-support/mosquitto';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);

async function attachError(options: Parameters<typeof attachConnectors>[1]): Promise<ConnectorError> {
  const sim = doorbellWorld('direct');
  try {
    const connectors = await attachConnectors(sim, options);
    await connectors.close();
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectorError);
    return err as ConnectorError;
  }
  throw new Error('attachConnectors succeeded; expected a ConnectorError');
}

describe('bad endpoint configuration', () => {
  it('a malformed broker URL', async () => {
    const err = await attachError({ broker: 'mqtt//127.0.0.1:1883' });
    expect(err.message).toBe('broker mqtt//127.0.0.1:1883: not a valid URL. Write it like mqtt://127.0.0.1:1883, mqtts://host:8883, ws://host/mqtt or wss://host/mqtt');
  });

  it('a scheme that is not MQTT', async () => {
    expect((await attachError({ broker: 'http://127.0.0.1:1883' })).message).toMatch(/^broker http:\/\/127\.0\.0\.1:1883: unsupported scheme 'http'/);
  });

  it('an unreachable broker, without leaking the password in the URL', async () => {
    const port = await freePort();
    const err = await attachError({ broker: `mqtt://alice:hunter2@127.0.0.1:${port}` });
    expect(err.message).toBe(`broker mqtt://alice@127.0.0.1:${port}: connection refused at mqtt://alice@127.0.0.1:${port}. Is the server running and listening on that port?`);
    expect(JSON.stringify(err)).not.toContain('hunter2');
  });

  it('wrong credentials: the user is named, the password is not', async () => {
    const file = passwordFile('alice', 'correct-horse');
    cleanups.push(() => rmSync(dirname(file), { recursive: true, force: true }));
    const broker = await startMosquitto({ anonymous: false, extraConfig: `password_file ${file}` });
    cleanups.push(() => broker.stop());
    const err = await attachError({ broker: broker.url, brokerOptions: { username: 'alice', password: 'wrong-battery' } });
    expect(err.message).toBe(`broker ${broker.url}: the broker refused the credentials of user 'alice'. Check username and password (or the client certificate)`);
    expect(`${err.message} ${err.stack} ${JSON.stringify(err)}`).not.toContain('wrong-battery');
    // The right ones work, and the password is not in the stats either.
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { broker: broker.url, brokerOptions: { username: 'alice', password: 'correct-horse' } });
    cleanups.push(() => connectors.close());
    expect(JSON.stringify(connectors.stats())).not.toContain('correct-horse');
    expect(JSON.stringify(connectors.events.recent)).not.toContain('correct-horse');
  });

  it('a TLS failure (untrusted certificate), then the same broker trusted with its CA file', async () => {
    const tls = selfSignedCert();
    cleanups.push(() => rmSync(tls.dir, { recursive: true, force: true }));
    const port = await freePort();
    const broker = await startMosquitto({ port, extraConfig: `certfile ${tls.cert}\nkeyfile ${tls.key}` });
    cleanups.push(() => broker.stop());
    const err = await attachError({ broker: `mqtts://127.0.0.1:${port}` });
    expect(err.message).toMatch(new RegExp(`^broker mqtts://127\\.0\\.0\\.1:${port}: TLS handshake with mqtts://127\\.0\\.0\\.1:${port} failed \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\\)`));
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { broker: `mqtts://127.0.0.1:${port}`, brokerOptions: { caFile: tls.cert } });
    cleanups.push(() => connectors.close());
    expect(connectors.stats().broker).toMatchObject({ connected: true, protocolVersion: 5 });
  });

  it('a missing CA file, TLS files on a plain URL, half a client certificate', async () => {
    expect((await attachError({ broker: 'mqtts://127.0.0.1:8883', brokerOptions: { caFile: '/nonexistent/ca.pem' } })).message)
      .toBe('broker mqtts://127.0.0.1:8883: CA file (caFile) /nonexistent/ca.pem does not exist');
    expect((await attachError({ broker: 'mqtt://127.0.0.1:1883', brokerOptions: { caFile: '/etc/ssl/ca.pem' } })).message)
      .toBe('broker mqtt://127.0.0.1:1883: caFile given but mqtt:// is not TLS. Use mqtts:// to connect over TLS');
    expect(() => resolveBroker('wss://127.0.0.1/mqtt', { certFile: '/x.pem' })).toThrow('a client certificate needs both certFile and keyFile');
  });

  it('external parties and the OTLP collector: malformed, unreachable, unknown codec, two endpoints', async () => {
    const port = await freePort();
    expect((await attachError({ externals: { 'home-cloud': { http: 'http//nope' } } })).message).toMatch(/^external home-cloud \(http\/\/nope\): not a valid URL/);
    expect((await attachError({ externals: { 'home-cloud': { http: `http://127.0.0.1:${port}` } } })).message)
      .toBe(`external home-cloud (http://127.0.0.1:${port}): connection refused at http://127.0.0.1:${port}. Is the server running and listening on that port?`);
    expect((await attachError({ externals: { 'home-cloud': { ws: `ws://127.0.0.1:${port}/socket` } } })).message).toMatch(/^external home-cloud \(ws:\/\/127\.0\.0\.1:\d+\/socket\): connection refused/);
    expect((await attachError({ externals: { 'home-cloud': { http: `http://127.0.0.1:${port}`, codec: 'soap/1' } } })).message).toBe("external home-cloud: unknown codec 'soap/1'. Known: twinbench/v1, device-actions/v1");
    expect((await attachError({ externals: { 'home-cloud': { http: 'http://a', ws: 'ws://b' } } })).message).toBe('external home-cloud: more than one endpoint given (http, ws). Give exactly one of http, mqtt or ws');
    expect((await attachError({ externals: { 'kitchen': { http: 'http://a' } } })).message).toMatch(/^external kitchen: 'kitchen' is not a bus address/);
    expect((await attachError({ otlp: `http://127.0.0.1:${port}` })).message).toMatch(new RegExp(`^otlp http://127\\.0\\.0\\.1:${port}: connection refused`));
    expect((await attachError({ otlp: 'grpc://collector:4317' })).message).toBe('otlp grpc://collector:4317: OTLP/HTTP needs an http:// or https:// URL');
  });
});
