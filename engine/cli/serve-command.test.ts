// `twinbench serve` builds the UI when it is missing or stale (a fresh clone serves the app, not a 503 page),
// prints the URL it listens on, and turns a taken port or a bad flag into one clear line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, main, type CliIo } from './main';
import { serveCommandWith, type RendererBuilder, type ServeOptions } from './serve-command';

function captureIo(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => void lines.push(t), err: (t) => void lines.push(t), isTTY: false };
}

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'twinbench-serve-'));

/** A builder that writes a page instead of running Vite, and remembers where it was asked to build. */
function fakeBuilder(stale: boolean): RendererBuilder & { builtInto: string[] } {
  const builtInto: string[] = [];
  return {
    builtInto,
    isStale: () => stale,
    build: async (dir) => {
      builtInto.push(dir);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Twinbench</title><div id="root"></div>');
    },
  };
}

/** Serves with argv, fetches the page once, stops; returns the exit code, output and the page's status. */
async function serveOnce(argv: string[], options: ServeOptions = {}): Promise<{ code: number; lines: string[]; status: number; body: string }> {
  const io = captureIo();
  let status = 0;
  let body = '';
  const code = await execute(serveCommandWith({
    ...options,
    until: async (server) => {
      const page = await fetch(server.url);
      status = page.status;
      body = await page.text();
    },
  }), argv, io);
  return { code, lines: io.lines, status, body };
}

describe('twinbench serve', () => {
  it('builds a missing UI into the static folder, says so, and then serves the app (not the 503 page)', async () => {
    const dir = path.join(tempDir(), 'ui');
    const builder = fakeBuilder(true);
    const { code, lines, status, body } = await serveOnce(['--port', '0', '--static', dir], { builder });
    expect(code).toBe(0);
    expect(builder.builtInto).toEqual([dir]);
    expect(lines[0]).toMatch(/^Building the UI \(vite\) into .*ui … \(--no-build skips this\)$/);
    expect(lines[1]).toMatch(/^Twinbench is listening on http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(status).toBe(200);
    expect(body).toContain('<div id="root">');
  });

  it('does not build when the UI is fresh, nor with --no-build (then a missing UI is the 503 page)', async () => {
    const fresh = fakeBuilder(false);
    expect((await serveOnce(['--port', '0', '--static', tempDir()], { builder: fresh })).code).toBe(0);
    expect(fresh.builtInto).toEqual([]);
    const skipped = fakeBuilder(true);
    const { status } = await serveOnce(['--port', '0', '--static', tempDir(), '--no-build'], { builder: skipped });
    expect(skipped.builtInto).toEqual([]);
    expect(status).toBe(503);
  });

  it('names the folder and the cause when the build fails, in one line', async () => {
    const io = captureIo();
    const failing: RendererBuilder = { isStale: () => true, build: async () => Promise.reject(new Error('Rollup failed to resolve import "x"\n    at stack')) };
    expect(await execute(serveCommandWith({ builder: failing }), ['--port', '0', '--static', '/tmp/twinbench-x'], io)).toBe(1);
    expect(io.lines.at(-1)).toBe('twinbench serve: cannot build the UI into /tmp/twinbench-x — Rollup failed to resolve import "x"');
  });

  it('builds the real UI with Vite into an empty folder and serves it', async () => {
    const dir = tempDir();
    const { code, status, body } = await serveOnce(['--port', '0', '--static', dir]);
    expect(code).toBe(0);
    expect(status).toBe(200);
    expect(body).toContain('<div id="root">');
  }, 180_000);

  it('says which port is taken when --port names a busy one', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const io = captureIo();
      expect(await execute(serveCommandWith({ builder: fakeBuilder(false) }), ['--port', String(port)], io)).toBe(1);
      expect(io.lines).toEqual([`twinbench serve: port ${port} on 127.0.0.1 is already in use — pick another with --port N, or --port 0 for any free port`]);
    } finally {
      blocker.close();
    }
  });

  it('refuses hostile flag values with a usage error naming the flag (exit 2)', async () => {
    const file = path.join(tempDir(), 'file.txt');
    writeFileSync(file, 'x');
    const cases: [string[], string][] = [
      [['--port', 'eighty'], '--port takes a port number 0–65535, got "eighty"'],
      [['--port', '70000'], '--port takes a port number 0–65535, got "70000"'],
      [['--port', '-1'], '--port needs a value (for a value that starts with a dash, write --port=-…)'],
      [['--port=-1'], '--port takes a port number 0–65535, got "-1"'],
      [['--port', ''], '--port needs a value, got an empty one'],
      [['--port'], '--port needs a value'],
      [['--port', '1', '--port', '2'], '--port is given more than once'],
      [['--static', file], `--static ${file}: that is a file`],
      [['--static'], '--static needs a value'],
      [['--scenarios', '/no/such/folder'], '--scenarios /no/such/folder: no such folder'],
      [['--scenarios='], '--scenarios needs a value, got an empty one'],
      [['--no-build=yes'], '--no-build takes no value'],
      [['--frob'], 'unknown option --frob'],
      [['extra'], 'expected no arguments, got "extra"'],
    ];
    for (const [argv, message] of cases) {
      const io = captureIo();
      expect(await main(['serve', ...argv], io), argv.join(' ')).toBe(2);
      expect(io.lines.join('\n')).toContain(`twinbench serve: ${message}`);
    }
  });
});
