// MCP over Streamable HTTP: the SDK's own client drives the world; malformed JSON-RPC, a huge body, a foreign Host
// or Origin (DNS rebinding) and a wrong path are refused with an HTTP status and a JSON-RPC error, never a crash;
// the server listens on 127.0.0.1 only. The last test runs the real `twinbench mcp --http 0`.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunnableScenario } from '../cli/scenario-check';
import { startAgentHttp, type AgentHttp } from './agent-http';
import { createAgentServer } from './agent-server';
import { AgentSession } from './agent-session';

const root = path.resolve(import.meta.dirname, '../..');
const DOORBELL = path.join(root, 'scenarios/doorbell.yaml');
let http: AgentHttp;
let session: AgentSession;

beforeAll(async () => {
  session = new AgentSession(loadRunnableScenario(DOORBELL), 'direct');
  http = await startAgentHttp(() => createAgentServer(session, { loadScenario: loadRunnableScenario, version: 'test' }), 0);
});

afterAll(async () => {
  await http?.close();
  await session?.close();
});

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });

/** A raw POST with the headers given (node:http lets a test set Host, which fetch does not). */
function post(body: string, headers: Record<string, string> = {}, pathname = '/mcp'): Promise<{ status: number; body: string }> {
  const url = new URL(http.url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: url.port, path: pathname, method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('twinbench mcp over Streamable HTTP', () => {
  it('listens on 127.0.0.1 at /mcp', () => {
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('serves the SDK client: tools, a light on, an unlock refused, time advanced', async () => {
    const client = new Client({ name: 'twinbench-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('invoke_capability');
      const on = await client.callTool({ name: 'invoke_capability', arguments: { target: 'h1/light.hallway', capability: 'light/turn_on' } });
      expect(on.isError).toBeFalsy();
      expect(session.state('home/h1/light.hallway')).toMatchObject({ state: 'on' });
      const unlock = await client.callTool({ name: 'invoke_capability', arguments: { target: 'h1/lock.front_door', capability: 'lock/unlock' } });
      expect(unlock.isError).toBe(true);
      const before = session.now;
      await client.callTool({ name: 'advance_time', arguments: { seconds: 3 } });
      expect(session.now).toBe(before + 3_000);
    } finally {
      await client.close();
    }
  });

  it('answers malformed JSON-RPC with an error, and keeps serving', async () => {
    expect(await post('{"jsonrpc": "2.0", "id": 1, "method": ')).toMatchObject({ status: 400, body: expect.stringContaining('-32700') });
    const notRpc = await post('[1, 2, 3]');
    expect(notRpc.status).toBeGreaterThanOrEqual(400);
    expect(notRpc.body).toContain('"error"');
    expect((await post('x'.repeat(1_100_000))).status).toBe(413);
    expect((await post(INIT, {}, '/elsewhere')).status).toBe(404);
    expect((await post(INIT)).status).toBe(200);
  });

  it('refuses a foreign Host or Origin (DNS rebinding), serves its own', async () => {
    const port = new URL(http.url).port;
    expect((await post(INIT, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await post(INIT, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(INIT, { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('`twinbench mcp --http 0` prints its URL and serves until terminated', async () => {
    const child = spawn(process.execPath, ['bin/twinbench.mjs', 'mcp', 'scenarios/doorbell.yaml', '--http', '0', '--no-record'], { cwd: root });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const client = new Client({ name: 'twinbench-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      expect((await client.listTools()).tools).toHaveLength(8);
      await client.close();
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);
});
