// `twinbench mcp` as an agent meets it: the real executable spawned over stdio by the SDK's own client.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');
let client: Client;

const textOf = (result: Awaited<ReturnType<Client['callTool']>>): string => (result.content as { type: string; text: string }[])[0]!.text;

beforeAll(async () => {
  client = new Client({ name: 'twinbench-test', version: '1' });
  const transport = new StdioClientTransport({
    command: process.execPath, args: ['bin/twinbench.mjs', 'mcp', 'scenarios/doorbell.yaml', '--no-record'], cwd: root, stderr: 'pipe',
  });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe('twinbench mcp over stdio', () => {
  it('lists its tools and resources', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['advance_time', 'ask_occupant_to_unlock', 'get_twin_state', 'invoke_capability', 'list_capabilities', 'load_scenario', 'pause', 'play']);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(['twin://home/h1/light.living_room', 'vss://vehicle/car1']));
  });

  it('describes the twins, with critical flags', async () => {
    const twins = JSON.parse(textOf(await client.callTool({ name: 'list_capabilities', arguments: {} }))) as { address: string; commands: { topic: string; critical: boolean }[] }[];
    const lock = twins.find((t) => t.address === 'home/h1/lock.front_door')!;
    expect(lock.commands.find((c) => c.topic === 'lock/unlock')!.critical).toBe(true);
  });

  it('turns a light on, visible through get_twin_state and the twin resource', async () => {
    const result = await client.callTool({ name: 'invoke_capability', arguments: { target: 'home/h1/light.living_room', capability: 'light/turn_on', data: { brightness_pct: 40 } } });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result))).toMatchObject({ ok: true, answer: { state: 'on' } });
    expect(JSON.parse(textOf(await client.callTool({ name: 'get_twin_state', arguments: { address: 'h1/light.living_room' } })))).toMatchObject({ state: 'on' });
    const resource = await client.readResource({ uri: 'twin://home/h1/light.living_room' });
    expect(JSON.parse((resource.contents[0] as { text: string }).text)).toMatchObject({ state: 'on' });
  });

  it('refuses an unlock as a tool error with the reason', async () => {
    const result = await client.callTool({ name: 'invoke_capability', arguments: { target: 'home/h1/lock.front_door', capability: 'unlock' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/refused \(unauthorized\)/);
  });

  it('advances time, bounded; reads VSS signals', async () => {
    const result = JSON.parse(textOf(await client.callTool({ name: 'advance_time', arguments: { seconds: 1e12 } }))) as { bounded: boolean };
    expect(result.bounded).toBe(true);
    const vss = await client.readResource({ uri: 'vss://vehicle/car1' });
    expect(JSON.parse((vss.contents[0] as { text: string }).text)).toHaveProperty(['Vehicle.Speed']);
  });

  it('answers hostile inputs with tool errors and keeps serving', async () => {
    const bad = [
      { target: 'home/h1/light.nowhere', capability: 'turn_on' },
      { target: 'home/h1/light.living_room', capability: 'light/explode' },
      { target: 'home/h1/light.living_room', capability: 'turn_on', data: { brightness_pct: 'max' } },
      { target: 'x'.repeat(100_000), capability: 'turn_on' },
    ];
    for (const args of bad) {
      const result = await client.callTool({ name: 'invoke_capability', arguments: args });
      expect(result.isError, JSON.stringify(args).slice(0, 80)).toBe(true);
    }
    const wrongType = await client.callTool({ name: 'advance_time', arguments: { seconds: 'soon' } });
    expect(wrongType.isError).toBe(true);
    const missing = await client.callTool({ name: 'load_scenario', arguments: { file: '/nonexistent/x.yaml' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('/nonexistent/x.yaml');
    await expect(client.readResource({ uri: 'twin://home/h1/nowhere' })).rejects.toThrow(/no twin/);
    const notALock = await client.callTool({ name: 'ask_occupant_to_unlock', arguments: { target: 'home/h1/light.living_room' } });
    expect(notALock.isError).toBe(true);
    expect(textOf(notALock)).toMatch(/not a door lock/);
    expect((await client.listTools()).tools.length).toBe(8);
  });
});

describe('twinbench mcp --record', () => {
  it('records the agent\'s messages in the run, judged when the session ends', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-mcp-'));
    try {
      const db = path.join(dir, 'runs.db');
      const recorded = new Client({ name: 'twinbench-test', version: '1' });
      await recorded.connect(new StdioClientTransport({ command: process.execPath, args: ['bin/twinbench.mjs', 'mcp', '--record', db], cwd: root, stderr: 'pipe' }));
      await recorded.callTool({ name: 'invoke_capability', arguments: { target: 'h1/light.living_room', capability: 'turn_on' } });
      await recorded.close();
      // The child judges and records as it exits; give it the moment it needs.
      let runs = { code: 1, out: '', err: '' };
      for (let i = 0; i < 50 && !/doorbell/.test(runs.out); i++) {
        await new Promise((r) => setTimeout(r, 100));
        runs = await cli('runs', db);
      }
      expect(runs.out).toMatch(/doorbell\s+cloud-cloud\s+42\s+(passed|failed)/);
      const events = await cli('export', db, 'latest', '--format', 'jsonl');
      const delivered = events.out.split('\n').filter((l) => l.includes('"msg.delivered"') && l.includes('light/turn_on'));
      expect(delivered).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('twinbench mcp on a hostile stdin', () => {
  it('drops a line that is not JSON, answers an unknown method with an error, and goes on serving', async () => {
    const child = spawn(process.execPath, ['bin/twinbench.mjs', 'mcp', '--no-record'], { cwd: root });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.write('this is not json\n{"jsonrpc":"2.0","id":"x","method":"nope"}\n');
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`);
    for (let i = 0; i < 100 && !out.includes('"id":1'); i++) await new Promise((r) => setTimeout(r, 100));
    child.stdin.end();
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; error?: { code: number }; result?: unknown });
    expect(lines.find((l) => l.id === 'x')?.error?.code).toBe(-32601);
    expect(lines.find((l) => l.id === 1)?.result).toBeDefined();
  }, 60_000);
});
