// The transformer load of a peak-shaving scene as it builds while the run plays (issue 18 §4): every minute sample
// the grid monitor has taken so far, in a compact form, sent with each snapshot. A scene evening is at most a day of
// minute samples (1,440 × 3 numbers), small next to a snapshot's cars, so the page needs no bookkeeping to catch up
// after a reload or a max-speed burst that skipped snapshots.
import type { GridLive } from '../../protocol';
import type { GridMonitor } from '../../twins/sim/apps/grid-monitor';

export function gridLive(monitor: GridMonitor): GridLive {
  const spec = monitor.grid;
  return {
    transformerKva: spec.transformerKva,
    maxLoadShare: spec.maxLoadShare,
    samples: monitor.samples.map((s) => [s.t, s.totalKw, s.evKw]),
  };
}
