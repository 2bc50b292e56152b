// A minimal WebSocket server for the tests (node:http upgrade + ws-frames): answers each request frame with the
// test's handler and can push frames of its own. Enough to exercise the connectors' WebSocket client for real.
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { FrameReader, OPCODE, acceptKey, encodeFrame } from '../ws-frames';

export interface TestWsServer {
  url: string;
  received: Record<string, unknown>[];
  push(message: unknown): void;
  close(): Promise<void>;
}

export async function startWsServer(answer: (frame: Record<string, unknown>) => unknown): Promise<TestWsServer> {
  const sockets = new Set<Duplex>();
  const received: Record<string, unknown>[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`);
    sockets.add(socket);
    const reader = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (frame.opcode === OPCODE.close) return void socket.end();
        if (frame.opcode !== OPCODE.text) continue;
        const message = JSON.parse(frame.payload.toString('utf8')) as Record<string, unknown>;
        received.push(message);
        const reply = answer(message);
        if (reply !== undefined) socket.write(encodeFrame(OPCODE.text, Buffer.from(JSON.stringify({ id: message.id, body: reply })), false));
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/socket`,
    received,
    push: (message) => {
      for (const socket of sockets) socket.write(encodeFrame(OPCODE.text, Buffer.from(JSON.stringify(message)), false));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
