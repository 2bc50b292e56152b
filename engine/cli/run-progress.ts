// Progress of a long `twinbench run`, from the clock driver's progress callback (called after every slice of
// simulation): on a terminal one line rewritten in place, in a log (CI) a plain line every few seconds of wall
// time, so a long run shows it is alive without flooding the log. Short runs print nothing in a log.
import type { CliIo } from './command-spec';

/** What a progress line reads from a run (ScenarioRun has it). */
export interface ProgressSource {
  readonly sim: { readonly now: number };
  readonly metrics: { readonly messageCount: number };
}

export interface ProgressReporter {
  /** The driver's onProgress. */
  update(run: ProgressSource): void;
  /** The run is over: clear the terminal's line. */
  done(): void;
}

export const LOG_PROGRESS_INTERVAL_MS = 5000;

export function progressReporter(
  io: CliIo,
  run: { scenario: string; architecture: string; endTime: number },
  intervalMs = LOG_PROGRESS_INTERVAL_MS,
): ProgressReporter {
  const now = io.now ?? (() => performance.now());
  const startedAt = now();
  let lastLine = startedAt;
  const text = (source: ProgressSource): string =>
    `${run.scenario} [${run.architecture}] t=${formatClock(source.sim.now)} of ${formatClock(run.endTime)} messages=${source.metrics.messageCount}`;
  if (io.isTTY) {
    const status = io.status ?? ((line: string): void => void (line && io.err(line)));
    return {
      update: (source) => status(`  ${text(source)}`),
      done: () => status(''),
    };
  }
  return {
    update(source) {
      const t = now();
      if (t - lastLine < intervalMs) return;
      lastLine = t;
      io.err(`  progress: ${text(source)} (${Math.round((t - startedAt) / 1000)} s)`);
    },
    done: () => undefined,
  };
}

/** Virtual time as hh:mm:ss (days roll into the hours). */
export function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
