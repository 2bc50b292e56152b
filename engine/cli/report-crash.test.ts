// An error raised outside a command's promise (a socket's late 'error' event) becomes the same one line and exit 1,
// both before describeFailure's module has been loaded (it is loaded lazily, see main.ts) and after.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportCrash } from './main';

afterEach(() => vi.restoreAllMocks());

describe('reportCrash', () => {
  it('reports the crash in one line and exits 1, whether or not the failure descriptions were loaded yet', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const lines: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void lines.push(t), isTTY: false };
    reportCrash(new Error('socket hang up'), io); // first: loads cli-errors, then reports and exits
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1), { timeout: 20_000 });
    expect(lines[0]).toMatch(/^twinbench: unexpected error — socket hang up/);
    reportCrash(new Error('again'), io); // loaded by now: reported and exited at once
    expect(lines.at(-1)).toMatch(/again/);
    expect(exit).toHaveBeenCalledTimes(2);
  });
});
