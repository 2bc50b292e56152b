// An MQTT-over-WebSocket broker for the tests: aedes behind a node:http upgrade, framed with ws-frames (binary
// messages, subprotocol `mqtt`), since this machine's Mosquitto cannot open a websockets listener.
import { createServer, type Server } from 'node:http';
import { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import { FrameReader, OPCODE, acceptKey, encodeFrame } from '../ws-frames';

export async function startWsMqttBroker(): Promise<{ url: string; close(): Promise<void> }> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n`);
    const reader = new FrameReader();
    const stream = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        socket.write(encodeFrame(OPCODE.binary, chunk, false), done);
      },
      destroy(err, done) {
        socket.destroy();
        done(err);
      },
    });
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (frame.opcode === OPCODE.close) stream.push(null);
        else if (frame.opcode === OPCODE.binary || frame.opcode === OPCODE.text) stream.push(frame.payload);
      }
    });
    socket.on('close', () => stream.destroy());
    socket.on('error', () => undefined);
    aedes.handle(stream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
      }),
  };
}
