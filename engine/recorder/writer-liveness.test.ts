// Whether the process that writes a run is still alive: each rule of isWriterAlive on both sides, with real
// processes where the machine can give them (this one, a child that has exited) and a scripted process.kill
// for the errors a real one gives only in other setups (EPERM: alive, another user's; ESRCH: gone).
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isWriterAlive, thisWriter } from './writer-liveness';

afterEach(() => vi.restoreAllMocks());

const here = (pid: number | string): string => `${hostname()}:${pid}`;

describe('isWriterAlive', () => {
  it('names this process as host:pid', () => {
    expect(thisWriter()).toBe(`${hostname()}:${process.pid}`);
  });

  it('a run with no writer (an older file) counts as gone', () => {
    expect(isWriterAlive(null, true)).toBe(false);
  });

  it('a writer on another host cannot be checked and counts as alive', () => {
    const kill = vi.spyOn(process, 'kill');
    expect(isWriterAlive(`not-${hostname()}:1`, false)).toBe(true);
    expect(kill).not.toHaveBeenCalled();
  });

  it('a pid that is not a positive integer is gone (pid 0 would signal our own process group)', () => {
    const kill = vi.spyOn(process, 'kill');
    for (const pid of ['0', '-5', 'abc', '1.5', '']) expect(isWriterAlive(here(pid), true), pid).toBe(false);
    expect(kill).not.toHaveBeenCalled();
  });

  it('this very process is alive only while a recorder here holds the run', () => {
    expect(isWriterAlive(thisWriter(), true)).toBe(true);
    expect(isWriterAlive(thisWriter(), false)).toBe(false);
  });

  it('another process on this host: alive while it exists, gone once it has exited', () => {
    expect(isWriterAlive(here(process.ppid), false)).toBe(true);
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(isWriterAlive(here(Number(child.stdout)), true)).toBe(false);
  });

  it('EPERM means the process exists under another user: alive; any other error: gone', () => {
    const fail = (code: string) => vi.spyOn(process, 'kill').mockImplementation(() => { throw Object.assign(new Error(code), { code }); });
    fail('EPERM');
    expect(isWriterAlive(here(424242), false)).toBe(true);
    vi.restoreAllMocks();
    fail('ESRCH');
    expect(isWriterAlive(here(424242), true)).toBe(false);
  });
});
