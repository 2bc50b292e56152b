// The transformer load of a peak-shaving scene building while its evening plays (issue 18 §4): total and EV
// charging load, minute by minute, against the rating and the planning limit the scene is judged by.
import { useAppState } from '../../app/ModelContext';
import { clockAt } from '../../flow/clock';
import { LineChart } from './LineChart';
import { timeTicks } from './scale';

export function LiveLoadChart() {
  const grid = useAppState((s) => s.snapshot?.grid);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const endTime = useAppState((s) => s.session?.endTime ?? 0);
  if (grid === undefined) return null;
  const last = grid.samples.at(-1);
  const limit = grid.transformerKva * grid.maxLoadShare;
  return (
    <div className="live-load">
      <p className="small" data-testid="live-load-summary">
        transformer {grid.transformerKva} kVA · now {last ? `${last[1].toFixed(1)} kW (EV ${last[2].toFixed(1)} kW)` : '—'}
        {last && last[1] > limit && <b className="warn"> · over the {Math.round(grid.maxLoadShare * 100)} % limit</b>}
      </p>
      <LineChart
        title="Transformer load (live)" testId="live-load-chart" xDomain={[0, Math.max(1, endTime)]}
        series={[
          { id: 'total', label: 'total', color: 'var(--accent)', points: grid.samples.map(([t, total]) => [t, total] as const) },
          { id: 'ev', label: 'EV charging', color: 'var(--link)', points: grid.samples.map(([t, , ev]) => [t, ev] as const) },
        ]}
        references={[
          { y: grid.transformerKva, label: `rating ${grid.transformerKva} kVA`, color: 'var(--fail)' },
          { y: limit, label: `limit ${Math.round(grid.maxLoadShare * 100)} %`, color: 'var(--warn)' },
        ]}
        xTicks={(a, b) => timeTicks(a, b, start)} xFormat={(t) => clockAt(t, start).slice(0, 5)} yFormat={(kw) => `${kw} kW`}
      />
    </div>
  );
}
