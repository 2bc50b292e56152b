// `twinbench serve [--port N]`: the app in browser mode — the built renderer and the engine's WebSocket on the
// loopback interface. Prints the URL and serves until interrupted (Ctrl-C).
import path from 'node:path';
import { startServer, type RunningServer } from '../server/server';
import { parseCommandArgs, UsageError, type CliIo } from './main';

export const SERVE_USAGE = `Usage: twinbench serve [options]
  --port N           port on 127.0.0.1 (default 5173, or the next free one; 0 = any free port)
  --scenarios DIR    a folder of scenarios the app may open (repeatable; default: the shipped scenarios/)
  --static DIR       the built renderer (default: dist/renderer)`;

export const DEFAULT_PORT = 5173;

export interface ServeOptions {
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  until?: (server: RunningServer) => Promise<void>;
}

export async function serveCommand(argv: string[], io: CliIo, options: ServeOptions = {}): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv, allowPositionals: false,
    options: { port: { type: 'string' }, scenarios: { type: 'string', multiple: true }, static: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return io.out(SERVE_USAGE), 0;
  let port = DEFAULT_PORT;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port takes a port number 0–65535, got "${values.port}"`);
    port = Number(values.port);
  }
  const server = await startServer({
    host: '127.0.0.1',
    port,
    // The default port is a suggestion; a port the user named is a requirement.
    portFallback: values.port === undefined,
    ...(values.scenarios ? { scenarioDirs: values.scenarios.map((d) => path.resolve(d)) } : {}),
    ...(values.static ? { staticDir: path.resolve(values.static) } : {}),
  });
  io.out(`Twinbench is listening on ${server.url}`);
  await (options.until ?? untilSignal)(server);
  await server.close();
  return 0;
}

/** Resolves on the first SIGINT or SIGTERM; later ones (a second Ctrl-C while closing) are absorbed, not fatal. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
}
