// Charts: while the run plays, its end-to-end latency and (for a peak-shaving scene) the transformer load as they
// build; once judged, the end-to-end latency histogram of every architecture run so far for this scenario, and the
// transformer load curves (uncontrolled against coordinated) of a peak-shaving scene. The engine draws them with
// the evaluation report's own SVG code; shown as images, so nothing in them can run in this page.
import { Panel } from '../app/Panel';
import { useAppState } from '../app/ModelContext';
import { formatMs } from '../flow/parties';
import { LiveLatencyChart } from '../views/charts/LiveLatencyChart';
import { LiveLoadChart } from '../views/charts/LiveLoadChart';

const svgUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function ChartsPanel() {
  const final = useAppState((s) => s.final);
  const running = useAppState((s) => s.session !== null && s.final === null);
  const metrics = final?.result.metrics;
  const loaded = useAppState((s) => s.session !== null);
  return (
    <Panel title="Charts" testId="charts">
        {final === null && <p className="muted small">{running ? 'The histogram is drawn when the run is judged; these build as it plays.' : 'Run a scenario to see its charts.'}</p>}
        {loaded && (
          // Focusable, so the charts can be scrolled from the keyboard (nothing in them takes focus).
          <div tabIndex={0} role="group" aria-label="Live charts">
            <LiveLoadChart />
            <LiveLatencyChart />
          </div>
        )}
        {metrics && (
          <p className="small" data-testid="latency-summary">
            {metrics.messages} messages · success {(metrics.successRate * 100).toFixed(1)} % · e2e p50 {formatMs(metrics.e2e.p50)} · p95 {formatMs(metrics.e2e.p95)}
            {metrics.grid && ` · peak ${metrics.grid.peakKw} kW (uncontrolled ${metrics.grid.uncontrolledPeakKw} kW, −${metrics.grid.peakReductionPct} %)`}
          </p>
        )}
        {final?.charts.loadCurveSvg && <img className="chart" data-testid="chart-load-curve" alt="Transformer load: uncontrolled and coordinated charging" src={svgUrl(final.charts.loadCurveSvg)} />}
        {final && <img className="chart" data-testid="chart-latency" alt="End-to-end latency histogram per architecture" src={svgUrl(final.charts.latencySvg)} />}
    </Panel>
  );
}
