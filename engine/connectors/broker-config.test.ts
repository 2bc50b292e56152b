import { describe, expect, it } from 'vitest';
import { resolveBroker } from './broker-config';
import { ConnectorError, redactUrl } from './connector-error';

describe('broker configuration', () => {
  it('accepts the four URL forms, with credentials from the URL or the options', () => {
    for (const url of ['mqtt://127.0.0.1:1883', 'mqtts://broker.example:8883', 'ws://127.0.0.1:9001/mqtt', 'wss://broker.example/mqtt']) {
      expect(resolveBroker(url).url.startsWith(url.split(':')[0]!)).toBe(true);
    }
    const fromUrl = resolveBroker('wss://alice:s%40cret@broker.example/mqtt');
    expect(fromUrl.clientOptions).toMatchObject({ username: 'alice', password: 's@cret', rejectUnauthorized: true });
    expect(fromUrl.url).toBe('wss://broker.example/mqtt');
    expect(fromUrl.displayUrl).toBe('wss://alice@broker.example/mqtt');
    expect(resolveBroker('mqtt://127.0.0.1', { username: 'bob', password: 'x' }).clientOptions).toMatchObject({ username: 'bob', password: 'x' });
    // Reconnection is the session's (backoff with jitter), not mqtt.js's fixed period.
    expect(resolveBroker('mqtt://127.0.0.1').clientOptions.reconnectPeriod).toBe(0);
  });

  it('never lets a password into a label or an error', () => {
    expect(redactUrl('mqtts://alice:hunter2@broker.example:8883')).toBe('mqtts://alice@broker.example:8883');
    expect(redactUrl('mqtt://alice:hunter2@')).not.toContain('hunter2');
    expect(redactUrl('not a url://alice:hunter2@x')).not.toContain('hunter2');
    const err = (() => {
      try {
        resolveBroker('gopher://alice:hunter2@host');
      } catch (e) {
        return e as ConnectorError;
      }
      throw new Error('expected an error');
    })();
    expect(err.message).toBe("broker gopher://alice@host: unsupported scheme 'gopher'. Use mqtt://, mqtts://, ws:// or wss://");
    expect(() => resolveBroker('mqtt://127.0.0.1', { password: 'p' })).toThrow('a password was given without a username');
  });
});
