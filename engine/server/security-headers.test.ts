// Every answer of the browser-mode server carries the same security headers, whatever its status: the page,
// a missing file, a refused method, a misdirected request (421: wrong Host), a refused WebSocket upgrade and
// an unparseable request. A header set only on the happy path protects nothing on the others.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';

let server: RunningServer;
let bare: RunningServer;

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'twinbench-renderer-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Twinbench</title>');
  server = await startServer({ port: 0, staticDir });
  bare = await startServer({ port: 0, staticDir: path.join(tmpdir(), 'twinbench-no-such-dir') });
});
afterAll(async () => {
  await server.close();
  await bare.close();
});

const EXPECTED = {
  'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': expect.stringContaining('camera=()'),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function get(port: number, pathname: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: { Host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The raw head of whatever the server answers to `text` sent as is. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(text);
  });
}

describe('security headers on every response', () => {
  it.each([
    ['the page', '/', {}, 200],
    ['a missing file', '/nope.js', {}, 404],
    ['a path outside the folder', '/%2e%2e/%2e%2e/package.json', {}, 404],
    ['a refused method', '/', { method: 'POST' }, 405],
    ['a misdirected request (wrong Host)', '/', { host: 'evil.example:80' }, 421],
    ['a malformed URL', '/%E0%A4%A', {}, 400],
  ] as const)('%s', async (_name, pathname, options, status) => {
    const answer = await get(server.port, pathname, options);
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatchObject(EXPECTED);
  });

  it('the page that says the renderer is not built (503)', async () => {
    const answer = await get(bare.port, '/');
    expect(answer.status).toBe(503);
    expect(answer.headers).toMatchObject(EXPECTED);
  });

  it('a refused WebSocket upgrade (403) and an unparseable request (400)', async () => {
    const upgrade = await raw(server.port, `GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    expect(upgrade).toMatch(/^HTTP\/1\.1 403 /);
    expect(upgrade).toMatch(/\r\nCross-Origin-Resource-Policy: same-origin\r\n/);
    expect(upgrade).toMatch(/\r\nPermissions-Policy: .*camera=\(\)/);
    const garbage = await raw(server.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toMatch(/\r\nCross-Origin-Resource-Policy: same-origin\r\n/);
    const hugeHeader = await raw(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Pad: ${'x'.repeat(64 * 1024)}\r\n\r\n`);
    expect(hugeHeader).toMatch(/^HTTP\/1\.1 431 /);
    expect(hugeHeader).toMatch(/\r\nPermissions-Policy: /);
  });
});
