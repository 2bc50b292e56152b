// Frame-level fuzzing of the browser-mode WebSocket: a thousand malformed frames over raw TCP sockets. Before
// the fix one frame of invalid UTF-8, one unmasked frame or one reserved opcode killed the whole server, because
// the `ws` error event had no listener. The server must stay up, keep answering a normal client, and not grow.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBSOCKET_PATH } from '../../protocol';
import { startServer, type RunningServer } from './server';
import { frame, rawWebSocket, sendAndHangUp, type FrameSpec } from './test-support/raw-frames';
import { TestClient } from './test-support/ws-client';

let server: RunningServer;

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'twinbench-renderer-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Twinbench</title>');
  server = await startServer({ port: 0, staticDir });
});
afterAll(async () => {
  await server.close();
});

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const RESERVED_OPCODES = [0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf];
const MIB = 1024 * 1024;

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const BAD_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('ok\xc0\xaf', 'latin1')];

/** One malformed frame (or a few bytes of one) per kind the server must survive; `n` varies the details. */
const KINDS: Record<string, (n: number) => FrameSpec | Buffer> = {
  'invalid UTF-8 text': (n) => ({ opcode: TEXT, payload: BAD_UTF8[n % BAD_UTF8.length] }),
  'unmasked client frame': (n) => ({ opcode: TEXT, payload: json({ kind: 'request', id: n, command: 'listScenarios' }), masked: false }),
  'reserved opcode': (n) => ({ opcode: RESERVED_OPCODES[n % RESERVED_OPCODES.length]!, payload: Buffer.from('x') }),
  'RSV bits without an extension': (n) => ({ opcode: TEXT, rsv: 1 + (n % 7), payload: Buffer.from('{}') }),
  'length header of 2^62 bytes': () => ({ opcode: TEXT, declaredLength: 2n ** 62n, truncateTo: 14 }),
  'length header just over 1 MiB': () => ({ opcode: BINARY, declaredLength: MIB + 1, truncateTo: 14 }),
  'truncated frame': (n) => ({ opcode: TEXT, payload: json({ kind: 'request', id: n, command: 'listScenarios' }), truncateTo: 3 + (n % 20) }),
  'truncated header': (n) => Buffer.from([0x81, 0xfe].slice(0, 1 + (n % 2))),
  'bad JSON': (n) => ({ opcode: TEXT, payload: Buffer.from(['{', '{"kind":', 'nul', '[1,2', '"\\u12"'][n % 5]!) }),
  'JSON of the wrong shape': (n) => ({
    opcode: TEXT,
    payload: json([null, 42, [], { kind: 'request' }, { kind: 'request', id: 'x', command: 'listScenarios' }, { kind: 'request', id: n, command: 'rm -rf' }, { kind: 'request', id: n, command: 'loadScenario', request: 7 }, { kind: 'request', id: n, command: 'loadScenario', request: { file: '../../etc/passwd' } }][n % 8]),
  }),
  'huge JSON just under 1 MiB': (n) => ({ opcode: TEXT, payload: json({ kind: 'request', id: n, command: 'loadScenario', request: { file: 'x'.repeat(MIB - 200) } }) }),
  'JSON over 1 MiB': () => ({ opcode: TEXT, payload: json({ kind: 'request', id: 1, command: 'listScenarios', pad: 'x'.repeat(MIB) }) }),
  'continuation with no start': () => ({ opcode: 0x0, payload: Buffer.from('tail') }),
  'fragmented control frame': () => ({ opcode: PING, fin: false, payload: Buffer.from('p') }),
  'control frame over 125 bytes': () => ({ opcode: PING, payload: Buffer.alloc(200, 1) }),
  'close frame with an invalid code': () => ({ opcode: CLOSE, payload: Buffer.from([0x03, 0xe7]) }),
  'close frame with a 1-byte body': () => ({ opcode: CLOSE, payload: Buffer.from([0x03]) }),
  'binary frame': (n) => ({ opcode: BINARY, payload: Buffer.alloc(n % 64, n) }),
};
const KIND_NAMES = Object.keys(KINDS);

// What the server retains, not what the collector has yet to free: collect before each measure.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const retainedHeap = (): number => {
  collect();
  return process.memoryUsage().heapUsed;
};

const FRAMES = 1_000;
const CONCURRENCY = 25;

describe('the browser-mode WebSocket under malformed frames', () => {
  it(`stays up through ${FRAMES} malformed frames on raw sockets, answers a normal client, and does not grow`, async () => {
    const wsPath = WEBSOCKET_PATH;
    const sample = fc.sample(fc.tuple(fc.constantFrom(...KIND_NAMES), fc.nat(1_000)), { numRuns: FRAMES, seed: 16 });
    // Every kind at least once, whatever the sample drew.
    const cases = [...KIND_NAMES.map((kind, n): [string, number] => [kind, n]), ...sample].slice(0, FRAMES);
    const heapBefore = retainedHeap();
    const outcomes = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const [kind, n] = cases[next++]!;
        const built = KINDS[kind]!(n);
        const bytes = Buffer.isBuffer(built) ? built : frame(built);
        const socket = await rawWebSocket(server.port, wsPath);
        const outcome = await sendAndHangUp(socket, bytes, 1_000);
        outcomes.set(`${kind}: ${outcome}`, (outcomes.get(`${kind}: ${outcome}`) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    // Protocol errors close the connection (RFC 6455 §7.1.7); they do not close the server.
    for (const kind of ['invalid UTF-8 text', 'unmasked client frame', 'reserved opcode', 'RSV bits without an extension', 'length header of 2^62 bytes', 'JSON over 1 MiB', 'bad JSON']) {
      expect(outcomes.get(`${kind}: still-open`), kind).toBeUndefined();
    }

    const normal = await TestClient.open(`ws://127.0.0.1:${server.port}${wsPath}`);
    try {
      const list = await normal.invoke('listScenarios');
      expect(list.length).toBeGreaterThan(0);
    } finally {
      normal.close();
    }
    const grownMb = (retainedHeap() - heapBefore) / MIB;
    expect(grownMb, 'heap growth, MB').toBeLessThan(64);
  }, 120_000);

  it('answers a flood of requests without unbounded work: past the in-flight limit, requests are refused', async () => {
    const c = await TestClient.open(`ws://127.0.0.1:${server.port}${WEBSOCKET_PATH}`);
    try {
      const answers = await Promise.allSettled(Array.from({ length: 500 }, () => c.invoke('listScenarios')));
      const refused = answers.filter((answer) => answer.status === 'rejected');
      expect(refused.length, 'requests refused past the in-flight limit').toBeGreaterThan(0);
      for (const answer of refused) expect(String((answer as PromiseRejectedResult).reason)).toMatch(/too many requests in flight/);
      expect(answers.filter((answer) => answer.status === 'fulfilled').length).toBeGreaterThan(0);
      expect(await c.invoke('listScenarios')).not.toHaveLength(0);
    } finally {
      c.close();
    }
  });
});
