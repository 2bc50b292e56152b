// Browser mode: an HTTP server on the loopback interface that serves the built renderer and a WebSocket
// endpoint speaking the protocol (requests answered by id, engine events pushed to every client). Any web page
// can try to reach a local port, so the Host and Origin headers must name this server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WEBSOCKET_PATH } from '../../protocol';
import { MAX_FRAME_BYTES, connect } from './connection';
import { EngineHost } from './engine-host';
import type { LiveSessionOptions } from './live-session';
import { ScenarioCatalogue } from './scenario-catalogue';
import { DEFAULT_RENDERER_DIR, SECURITY_HEADER_LINES, serveStatic, setSecurityHeaders } from './static-files';

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** When the port is taken, try the next ones (up to 20) instead of failing. */
  portFallback?: boolean;
  /** The built renderer; default dist/renderer. */
  staticDir?: string;
  /** Folders of scenarios the app may open; default the shipped scenarios/. */
  scenarioDirs?: string[];
  /** An engine to serve (default: a new one). */
  engine?: EngineHost;
  session?: LiveSessionOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  engine: EngineHost;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const staticDir = options.staticDir ?? DEFAULT_RENDERER_DIR;
  const engine = options.engine ?? new EngineHost({
    ...options.session,
    ...(options.scenarioDirs ? { catalogue: new ScenarioCatalogue(options.scenarioDirs) } : {}),
  });
  let port = options.port ?? 0;
  const allowed = (): Set<string> => new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);

  const http = createServer((req, res) => {
    setSecurityHeaders(res);
    if (!allowed().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Twinbench answers only as ${host}:${port}\n`);
      return;
    }
    serveStatic(req, res, staticDir);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // Errors of one connection are that connection's (see connection.ts); the server itself must never emit an
  // unheard 'error', which Node turns into a crash.
  wss.on('error', () => {});
  http.on('upgrade', (req, socket, head) => {
    // A client that resets during the handshake (or after a 403) must not take the process with it.
    socket.on('error', () => socket.destroy());
    if (!isOwnPage(req, allowed()) || new URL(req.url ?? '/', 'http://x').pathname !== WEBSOCKET_PATH) {
      socket.end(`HTTP/1.1 403 Forbidden\r\n${SECURITY_HEADER_LINES}Connection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, engine));
  });

  // Node's own answer to an unparseable request carries no headers at all; the statuses are the ones it would send.
  http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\n${SECURITY_HEADER_LINES}Content-Length: 0\r\nConnection: close\r\n\r\n`);
  });

  port = await listen(http, host, port, options.portFallback ?? false);
  return {
    url: `http://${host}:${port}/`,
    port,
    engine,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (options.engine === undefined) engine.dispose();
    },
  };
}

/** A browser sends its page's origin; tools (tests, scripts) send none. */
function isOwnPage(req: IncomingMessage, hosts: Set<string>): boolean {
  if (!hosts.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && hosts.has(url.host);
  } catch {
    return false;
  }
}

async function listen(http: Server, host: string, port: number, fallback: boolean): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port + (port === 0 ? 0 : attempt), host, () => {
          http.off('error', reject);
          resolve();
        });
      });
      return (http.address() as AddressInfo).port;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !fallback || attempt >= 20 || port === 0) {
        throw new Error(`cannot listen on ${host}:${port + attempt}: ${(err as Error).message}${fallback ? '' : ' (pick another with --port N)'}`, { cause: err });
      }
    }
  }
}
