// One browser-mode WebSocket connection: requests answered by id, engine events pushed. Everything a client
// sends is hostile until shown otherwise. A frame that breaks RFC 6455 (invalid UTF-8, an unmasked frame, a
// reserved opcode or bit, a length over the limit) makes `ws` close the connection with the matching code
// (1002, 1007, 1009) and then emit 'error': with no listener that error used to crash the whole server.
// Work is bounded per connection: requests in flight, and what waits in the send buffer of a client that
// does not read.
import type { WebSocket } from 'ws';
import { COMMAND_NAMES, EVENT_NAMES, type CommandName, type EventName, type RequestFrame, type ServerFrame } from '../../protocol';
import type { EngineHost } from './engine-host';

/** Largest frame (and message) accepted; `ws` closes with 1009 past it. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Requests of one connection being worked on at once; past it a request is answered with an error at once. */
export const MAX_REQUESTS_IN_FLIGHT = 32;
/** A snapshot replaces the previous one, so a client that cannot keep up may skip some. */
const SNAPSHOT_BACKLOG_BYTES = 4 * 1024 * 1024;
/** A client this far behind on everything else is not reading at all: it is cut off rather than buffered for. */
const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_INVALID_PAYLOAD = 1007;
const CLOSE_POLICY = 1008;

function isRequestFrame(frame: unknown): frame is RequestFrame {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return false;
  const candidate = frame as Partial<RequestFrame>;
  return candidate.kind === 'request' && Number.isSafeInteger(candidate.id) && COMMAND_NAMES.includes(candidate.command as CommandName);
}

/** Waiting for a closing handshake is on the client's time; ws would wait 30 s, a hostile client forever. */
const CLOSE_HANDSHAKE_MS = 1_000;

function closeWith(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, reason);
  setTimeout(() => ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
}

export function connect(ws: WebSocket, engine: EngineHost): void {
  let inFlight = 0;
  // `ws` has already closed the connection with the right code when it emits this; nothing else is needed.
  ws.on('error', () => {});

  const send = (frame: ServerFrame, droppable = false): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (droppable && ws.bufferedAmount > SNAPSHOT_BACKLOG_BYTES) return;
    if (ws.bufferedAmount > MAX_BACKLOG_BYTES) {
      closeWith(ws, CLOSE_POLICY, 'not reading: too far behind');
      return;
    }
    ws.send(JSON.stringify(frame));
  };
  const offs = EVENT_NAMES.map((event: EventName) => engine.listen(event, (payload) => send({ kind: 'event', event, payload } as ServerFrame, event === 'snapshot')));
  ws.on('close', () => offs.forEach((off) => off()));

  ws.on('message', (data, isBinary) => {
    if (isBinary) return closeWith(ws, CLOSE_UNSUPPORTED_DATA, 'frames are JSON text');
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return closeWith(ws, CLOSE_INVALID_PAYLOAD, 'frames are JSON');
    }
    if (!isRequestFrame(frame)) {
      const id = (frame as { id?: unknown } | null)?.id;
      return send({ kind: 'response', id: Number.isSafeInteger(id) ? (id as number) : -1, ok: false, error: `not a request frame; commands: ${COMMAND_NAMES.join(', ')}` });
    }
    if (inFlight >= MAX_REQUESTS_IN_FLIGHT) {
      return send({ kind: 'response', id: frame.id, ok: false, error: `too many requests in flight (at most ${MAX_REQUESTS_IN_FLIGHT}): wait for answers` });
    }
    inFlight++;
    const { id, command, request } = frame;
    engine
      .invoke(command, request)
      .then(
        (response) => send({ kind: 'response', id, ok: true, response }),
        (err: unknown) => send({ kind: 'response', id, ok: false, error: (err as Error)?.message ?? String(err) }),
      )
      .finally(() => inFlight--);
  });
}
