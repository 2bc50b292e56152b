// `twinbench serve` prints the URL it listens on and serves the engine there; a bad --port is a usage error.
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './main';
import { serveCommand } from './serve-command';

function captureIo(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => void lines.push(t), err: (t) => void lines.push(t), isTTY: false };
}

describe('twinbench serve', () => {
  it('prints the loopback URL and answers there until told to stop', async () => {
    const io = captureIo();
    let status = 0;
    const code = await serveCommand(['--port', '0'], io, {
      until: async (server) => {
        status = (await fetch(server.url)).status;
      },
    });
    expect(code).toBe(0);
    expect(io.lines[0]).toMatch(/^Twinbench is listening on http:\/\/127\.0\.0\.1:\d+\/$/);
    expect([200, 503]).toContain(status); // 503 until the renderer is built, with what to run
  });

  it('refuses a port that is not a number', async () => {
    const io = captureIo();
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(io.lines.join('\n')).toContain('--port takes a port number');
  });
});
