// `twinbench serve [--port N]`: the app in browser mode — the built renderer and the engine's WebSocket on the
// loopback interface. Builds the renderer first when it is missing or older than its sources (so a fresh clone
// works without `npm run build`), prints the URL and serves until interrupted (Ctrl-C).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildRenderer, DEFAULT_RENDERER_OUT_DIR, rendererIsStale } from '../build/renderer-build';
import { startServer, type RunningServer } from '../server/server';
import { CliError, UsageError } from './cli-errors';
import { defineCommand } from './command-spec';

export const DEFAULT_PORT = 5173;

export interface RendererBuilder {
  isStale(outDir: string): boolean;
  build(outDir: string): Promise<void>;
}

export interface ServeOptions {
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  until?: (server: RunningServer) => Promise<void>;
  /** Default: Vite, as `npm run build` does it. */
  builder?: RendererBuilder;
}

const viteBuilder: RendererBuilder = { isStale: rendererIsStale, build: buildRenderer };

/** The serve command with its waiting and building injectable (tests); `serveCommand` is the real one. */
export function serveCommandWith(options: ServeOptions) {
  return defineCommand(
    {
      name: 'serve',
      args: '',
      positionals: { min: 0, max: 0 },
      summary: 'the app in a browser: serves the UI and the engine on 127.0.0.1',
      description: 'Builds the UI first when it is missing or older than its sources, then prints the URL to open.',
      options: {
        port: { type: 'string', value: 'N', help: `port on 127.0.0.1 (default ${DEFAULT_PORT}, or the next free one; 0 = any free port)` },
        scenarios: { type: 'string', multiple: true, value: 'DIR', help: 'a folder of scenarios the app may open (default: the shipped scenarios/)' },
        static: { type: 'string', value: 'DIR', help: 'the built UI to serve (default: dist/renderer)' },
        'no-build': { type: 'boolean', help: 'serve the UI as it is, without building it when missing or stale' },
      },
    },
    async ({ values }, io) => {
      let port = DEFAULT_PORT;
      if (values.port !== undefined) {
        if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port takes a port number 0–65535, got "${values.port}"`);
        port = Number(values.port);
      }
      const staticDir = values.static !== undefined ? path.resolve(values.static) : DEFAULT_RENDERER_OUT_DIR;
      if (values.static !== undefined && existsSync(staticDir) && !statSync(staticDir).isDirectory()) {
        throw new UsageError(`--static ${values.static}: that is a file; name the folder of the built UI`);
      }
      for (const dir of values.scenarios ?? []) {
        if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--scenarios ${dir}: no such folder`);
      }
      if (!values['no-build']) {
        const builder = options.builder ?? viteBuilder;
        if (builder.isStale(staticDir)) {
          io.out(`Building the UI (vite) into ${path.relative(process.cwd(), staticDir) || '.'} … (--no-build skips this)`);
          try {
            await builder.build(staticDir);
          } catch (err) {
            throw new CliError(`cannot build the UI into ${staticDir} — ${(err as Error).message.split('\n')[0]}`, 1, { cause: err });
          }
        }
      }
      const server = await listen(port, values.port === undefined, staticDir, values.scenarios);
      io.out(`Twinbench is listening on ${server.url}`);
      await (options.until ?? untilSignal)(server);
      await server.close();
      return 0;
    },
  );
}

export const serveCommand = serveCommandWith({});

async function listen(port: number, fallback: boolean, staticDir: string, scenarios: string[] | undefined): Promise<RunningServer> {
  try {
    return await startServer({
      host: '127.0.0.1',
      port,
      // The default port is a suggestion; a port the user named is a requirement.
      portFallback: fallback,
      ...(scenarios ? { scenarioDirs: scenarios.map((d) => path.resolve(d)) } : {}),
      staticDir,
    });
  } catch (err) {
    const code = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EADDRINUSE') {
      throw new CliError(fallback
        ? `ports ${port}–${port + 20} on 127.0.0.1 are all in use — pick a free one with --port N, or --port 0 for any`
        : `port ${port} on 127.0.0.1 is already in use — pick another with --port N, or --port 0 for any free port`);
    }
    if (code === 'EACCES') throw new CliError(`not allowed to listen on port ${port} — ports below 1024 need privileges; pick another with --port N`);
    throw new CliError(`cannot listen on 127.0.0.1:${port} — ${(err as Error).message}`, 1, { cause: err });
  }
}

/** Resolves on the first SIGINT or SIGTERM; later ones (a second Ctrl-C while closing) are absorbed, not fatal. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
}
