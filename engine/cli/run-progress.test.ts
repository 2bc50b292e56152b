// Progress of a long run: rewritten in place on a terminal, a plain line every few seconds in a log (CI), from
// the same driver callback. The clock is injected, so nothing here sleeps.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './main';
import { formatClock, progressReporter, type ProgressSource } from './run-progress';

const root = path.resolve(import.meta.dirname, '../..');

function logIo(clock: { t: number }): CliIo & { err: (t: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { lines, out: () => undefined, err: (t) => void lines.push(t), isTTY: false, now: () => clock.t };
}

const at = (now: number, messageCount: number): ProgressSource => ({ sim: { now }, metrics: { messageCount } });

describe('progress in a log (stderr is not a terminal)', () => {
  it('prints a plain line once every interval of wall time, with scene, architecture, virtual time and messages', () => {
    const clock = { t: 1000 };
    const io = logIo(clock);
    const progress = progressReporter(io, { scenario: 'commute', architecture: 'direct', endTime: 11 * 3600_000 }, 5000);
    for (let slice = 1; slice <= 120; slice++) {
      clock.t += 100; // the driver calls back after every 100 ms slice
      progress.update(at(slice * 60_000, slice * 3));
    }
    progress.done();
    // 12 s of wall time: a line at 5 s and at 10 s, none before (a short run prints nothing).
    expect(io.lines).toEqual([
      '  progress: commute [direct] t=00:50:00 of 11:00:00 messages=150 (5 s)',
      '  progress: commute [direct] t=01:40:00 of 11:00:00 messages=300 (10 s)',
    ]);
  });

  it('shows life during a real run of the CLI when the clock says seconds pass between slices', async () => {
    const clock = { t: 0 };
    const lines: string[] = [];
    const io: CliIo = {
      out: () => undefined,
      err: (t) => void lines.push(t),
      isTTY: false,
      now: () => (clock.t += 6000), // every look at the clock is six seconds later
    };
    const code = await main(['run', path.join(root, 'scenarios/commute.yaml'), '--arch', 'direct', '--no-record'], io);
    expect(code).toBe(0);
    const progress = lines.filter((l) => l.startsWith('  progress: '));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^ {2}progress: commute \[direct\] t=\d\d:\d\d:\d\d of 11:00:00 messages=\d+ \(\d+ s\)$/);
    expect(lines.join('')).not.toContain('\r');
  });
});

describe('progress on a terminal', () => {
  it('rewrites one status line at every slice and clears it at the end', () => {
    const status: string[] = [];
    const io: CliIo = { out: () => undefined, err: () => undefined, isTTY: true, status: (line) => void status.push(line), now: () => 0 };
    const progress = progressReporter(io, { scenario: 'doorbell', architecture: 'local', endTime: 120_000 });
    progress.update(at(1000, 1));
    progress.update(at(61_000, 4));
    progress.done();
    expect(status).toEqual(['  doorbell [local] t=00:00:01 of 00:02:00 messages=1', '  doorbell [local] t=00:01:01 of 00:02:00 messages=4', '']);
  });

  it('formats virtual time as hh:mm:ss, days rolling into hours', () => {
    expect(formatClock(0)).toBe('00:00:00');
    expect(formatClock(26 * 3600_000 + 61_999)).toBe('26:01:01');
  });
});
