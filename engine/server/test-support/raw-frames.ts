// Test helper: WebSocket frames built byte by byte (RFC 6455 §5.2) and sent over a raw TCP socket, so a test
// can send what no well-behaved client library would: unmasked frames, reserved opcodes and bits, lengths
// that lie, invalid UTF-8, half a frame.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface FrameSpec {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  /** RSV1–RSV3 as a 3-bit number (no extension is negotiated, so any set bit is a protocol error). */
  rsv?: number;
  /** Clients must mask; false sends the payload in the clear. */
  masked?: boolean;
  /** The length written in the header, when it should lie about the payload. */
  declaredLength?: number | bigint;
  /** Send only this many bytes of the whole frame. */
  truncateTo?: number;
}

export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0);
  const masked = spec.masked ?? true;
  const length = spec.declaredLength ?? payload.length;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (BigInt(length) < 126n) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | Number(length)]);
  } else if (BigInt(length) < 65_536n) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(Number(length), 2);
    header[1] = (masked ? 0x80 : 0) | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(length), 2);
    header[1] = (masked ? 0x80 : 0) | 127;
  }
  header[0] = first;
  let body = payload;
  if (masked) {
    const key = randomBytes(4);
    body = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
    header = Buffer.concat([header, key]);
  }
  const whole = Buffer.concat([header, body]);
  return spec.truncateTo === undefined ? whole : whole.subarray(0, spec.truncateTo);
}

/** Opens a TCP connection and performs the WebSocket handshake by hand; resolves once the 101 has arrived. */
export function rawWebSocket(port: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/** Opcodes of the unmasked frames in what a server sent (a trailing partial frame is ignored). */
export function serverOpcodes(received: Buffer): number[] {
  const opcodes: number[] = [];
  let at = 0;
  while (at + 2 <= received.length) {
    let length = received[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) [length, header] = [received.readUInt16BE(at + 2), 4];
    else if (length === 127) [length, header] = [Number(received.readBigUInt64BE(at + 2)), 10];
    if (at + header + length > received.length) break;
    opcodes.push(received[at]! & 0x0f);
    at += header + length;
  }
  return opcodes;
}

/**
 * Writes the bytes, then waits until the server closes: a close frame or the end of the TCP connection,
 * whichever comes first, or `waitMs` passes. Then lets go.
 */
export async function sendAndHangUp(socket: Socket, bytes: Buffer, waitMs: number): Promise<'closed-by-server' | 'still-open'> {
  socket.on('error', () => {});
  let received = Buffer.alloc(0);
  const closed = new Promise<'closed-by-server'>((resolve) => {
    socket.once('close', () => resolve('closed-by-server'));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (serverOpcodes(received).includes(0x8)) resolve('closed-by-server');
    });
  });
  socket.write(bytes);
  const outcome = await Promise.race([closed, new Promise<'still-open'>((resolve) => setTimeout(() => resolve('still-open'), waitMs))]);
  socket.destroy();
  return outcome;
}
