// The browser-mode server end to end over real sockets: static files with their security headers, the protocol
// over a WebSocket (commands answered by id, events pushed), and the doors it keeps shut — other origins, other
// Host names, paths outside the renderer's folder, malformed requests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBSOCKET_PATH } from '../../protocol';
import { startServer, type RunningServer } from './server';
import { TestClient } from './test-support/ws-client';

let server: RunningServer;
let wsUrl: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'twinbench-renderer-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Twinbench</title>');
  server = await startServer({ port: 0, staticDir });
  wsUrl = `ws://127.0.0.1:${server.port}${WEBSOCKET_PATH}`;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

async function client(headers: Record<string, string> = {}): Promise<TestClient> {
  const c = await TestClient.open(wsUrl, headers);
  clients.push(c);
  return c;
}

describe('startServer', () => {
  it('serves the renderer with a strict Content-Security-Policy and nothing outside its folder', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Twinbench</title>');
    const escape = await fetch(`${server.url}%2e%2e/%2e%2e/package.json`);
    expect(escape.status).toBe(404);
  });

  it('says what to run when the renderer is not built', async () => {
    const bare = await startServer({ port: 0, staticDir: path.join(tmpdir(), 'twinbench-no-such-dir') });
    try {
      const page = await fetch(bare.url);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });

  it('speaks the protocol over the WebSocket: load, play to the end, verdict pushed', async () => {
    const c = await client({ Origin: `http://127.0.0.1:${server.port}` });
    const list = await c.invoke('listScenarios');
    expect(list.map((s) => s.file)).toContain('scenarios/doorbell.yaml');
    const info = await c.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'direct', handsOn: false });
    expect(info.architecture).toBe('direct');
    await c.waitFor('runState', (s) => s.state === 'ready');
    await c.invoke('play', { speed: 'max' });
    const final = await c.waitFor('verdict', (v) => v.kind === 'final');
    expect(final.kind === 'final' && final.result.passed).toBe(true);
    await c.waitFor('messages', (b) => b.envelopes.some((e) => e.topic === 'lock/unlock'));
    const snapshot = await c.invoke('getSnapshot');
    expect(snapshot?.homes[0]?.lock).toBe('unlocked');
  });

  it('answers a bad request with the reason, and the connection stays usable', async () => {
    const c = await client();
    await expect(c.invoke('play', { speed: -1 })).rejects.toThrow(/speed/);
    await expect(c.invoke('loadScenario', { file: '/etc/passwd', architecture: 'direct' })).rejects.toThrow(/unknown scenario/);
    await expect(c.invoke('sendTwinEvent', { twin: 'home/h1/lock.front_door', event: { type: 'unlock' } })).rejects.toThrow(/namespaced upper case/);
    expect(await c.invoke('listScenarios')).not.toHaveLength(0);
  });

  it('refuses WebSocket connections from other origins and other Host names', async () => {
    await expect(TestClient.open(wsUrl, { Origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(TestClient.open(wsUrl, { Host: 'attacker.example' })).rejects.toThrow(/403/);
    // fetch() will not forge a Host header; a DNS-rebinding page's browser would, so use node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request(server.url, { headers: { Host: 'attacker.example' } }, (res) => resolve(res.resume().statusCode)).on('error', reject).end();
    });
    expect(status).toBe(421);
  });
});
