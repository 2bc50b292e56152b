// The side-by-side architecture comparison (issue 18 §4): "Run every architecture" runs the loaded scene headless
// under each of the four (same seed and parameters, prompts answered by its script) on the engine's worker while
// the live run goes on, then shows p50/p95/p99, success and failure per architecture as a table and small charts.
import type { ArchitectureRunSummary } from '../../protocol';
import { Panel } from '../app/Panel';
import { useAppState, useModel } from '../app/ModelContext';
import { formatMs } from '../flow/parties';
import { linearScale } from './charts/scale';

const VERDICT_TEXT = { pass: 'PASS', fail: 'FAIL', none: 'no verdict', error: 'error' } as const;
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const svgUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function ComparisonPanel() {
  const model = useModel();
  const comparison = useAppState((s) => s.comparison);
  const session = useAppState((s) => s.session);
  const canRun = session !== null && session.replay === undefined && comparison?.state !== 'running';
  const result = comparison?.state === 'done' ? comparison.result : undefined;
  return (
    <Panel
      title="Architecture comparison" testId="comparison"
      tools={<button type="button" data-testid="compare-run" disabled={!canRun} onClick={() => void model.compareArchitectures()}>Run every architecture</button>}
    >
      {session === null && <p className="muted small">Load a scenario, then run it under every architecture to compare them.</p>}
      {session?.replay !== undefined && <p className="muted small">A recorded run cannot be re-run: load its scenario to compare architectures.</p>}
      {session !== null && comparison === null && (
        <p className="muted small">Runs {session.title} (seed {session.seed}) headless under cloud-cloud, direct, phone-proxy and local, with the scene&apos;s own answers to prompts. The live run keeps playing.</p>
      )}
      {comparison?.state === 'running' && <p className="small" role="status" data-testid="compare-running">Running every architecture…</p>}
      {comparison?.state === 'failed' && <p className="small failed" role="alert" data-testid="compare-error">{comparison.error}</p>}
      {result && (
        <>
          <p className="small muted">{result.scenario} · seed {result.seed} · {result.runs.length} architectures</p>
          {result.label !== undefined && (
            <p className="small" role="status" data-testid="compare-recorded">
              Each run is recorded as <b>{result.label}</b>: open one in Recordings to replay it, and diff it against another.
            </p>
          )}
          {/* Focusable, so the results can be scrolled from the keyboard (nothing else in them takes focus). */}
          <div tabIndex={0} role="group" aria-label="Comparison results" className="compare-results">
            <ComparisonTable runs={result.runs} />
            <div className="compare-charts">
              <PercentileBars runs={result.runs} />
              <RateBars runs={result.runs} />
            </div>
            <img className="chart" data-testid="compare-histogram" alt="End-to-end latency histogram per architecture" src={svgUrl(result.latencySvg)} />
          </div>
        </>
      )}
    </Panel>
  );
}

function ComparisonTable({ runs }: { runs: ArchitectureRunSummary[] }) {
  return (
    <table className="compare-table" data-testid="compare-table">
      <caption className="sr-only">Metrics of the scene under each architecture</caption>
      <thead>
        <tr><th scope="col">architecture</th><th scope="col">verdict</th><th scope="col">messages</th><th scope="col">success</th><th scope="col">failure</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th><th scope="col">eventHash</th></tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.architecture} data-testid="compare-row" data-architecture={r.architecture} data-verdict={r.verdict}>
            <th scope="row">{r.architecture}{!r.listed && <span className="muted" title="the scene does not list this architecture: run to show why"> (not listed)</span>}</th>
            <td className={r.verdict === 'pass' ? 'passed' : r.verdict === 'none' ? 'muted' : 'failed'} title={r.error ?? r.failedExpectations.map((e) => `${e.id}: ${e.detail}`).join('\n')}>{VERDICT_TEXT[r.verdict]}</td>
            <td>{r.messages}</td>
            <td>{r.messages ? pct(r.successRate) : '—'}</td>
            <td>{r.messages ? pct(r.failureRate) : '—'}</td>
            <td>{r.e2e.count ? formatMs(r.e2e.p50) : '—'}</td>
            <td>{r.e2e.count ? formatMs(r.e2e.p95) : '—'}</td>
            <td>{r.e2e.count ? formatMs(r.e2e.p99) : '—'}</td>
            <td><code title={r.eventHash}>{r.eventHash.slice(0, 10)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ROW = 22;
const LABEL = 84;
const WIDTH = 320;

/** p50, p95 and p99 per architecture as nested bars on one latency axis. */
function PercentileBars({ runs }: { runs: ArchitectureRunSummary[] }) {
  const max = Math.max(1, ...runs.map((r) => r.e2e.p99));
  const x = linearScale(0, max, 0, WIDTH - LABEL - 60);
  return (
    <figure className="compare-chart" data-testid="compare-latency-bars">
      <svg viewBox={`0 0 ${WIDTH} ${runs.length * ROW + 4}`} role="img" aria-label={`End-to-end latency per architecture: ${runs.map((r) => `${r.architecture} p95 ${formatMs(r.e2e.p95)}`).join(', ')}`}>
        {runs.map((r, i) => (
          <g key={r.architecture} transform={`translate(0 ${i * ROW + 2})`}>
            <text x={0} y={14} className="tick">{r.architecture}</text>
            <rect x={LABEL} y={3} height={14} width={x(r.e2e.p99)} fill="var(--fail)" opacity={0.45} />
            <rect x={LABEL} y={3} height={14} width={x(r.e2e.p95)} fill="var(--warn)" opacity={0.7} />
            <rect x={LABEL} y={3} height={14} width={x(r.e2e.p50)} fill="var(--link)" />
            <text x={LABEL + x(r.e2e.p99) + 4} y={14} className="tick">{r.e2e.count ? formatMs(r.e2e.p99) : 'no samples'}</text>
          </g>
        ))}
      </svg>
      <figcaption className="small muted">latency: <span className="swatch" style={{ background: 'var(--link)' }} /> p50 <span className="swatch" style={{ background: 'var(--warn)' }} /> p95 <span className="swatch" style={{ background: 'var(--fail)' }} /> p99</figcaption>
    </figure>
  );
}

/** Success and failure rate per architecture, as a stacked 0–100 % bar. */
function RateBars({ runs }: { runs: ArchitectureRunSummary[] }) {
  const x = linearScale(0, 1, 0, WIDTH - LABEL - 40);
  return (
    <figure className="compare-chart" data-testid="compare-rate-bars">
      <svg viewBox={`0 0 ${WIDTH} ${runs.length * ROW + 4}`} role="img" aria-label={`Success rate per architecture: ${runs.map((r) => `${r.architecture} ${pct(r.successRate)}`).join(', ')}`}>
        {runs.map((r, i) => (
          <g key={r.architecture} transform={`translate(0 ${i * ROW + 2})`}>
            <text x={0} y={14} className="tick">{r.architecture}</text>
            <rect x={LABEL} y={3} height={14} width={x(r.successRate)} fill="var(--pass)" />
            <rect x={LABEL + x(r.successRate)} y={3} height={14} width={x(r.failureRate)} fill="var(--fail)" />
            <text x={LABEL + x(1) + 4} y={14} className="tick">{r.messages ? pct(r.successRate) : '—'}</text>
          </g>
        ))}
      </svg>
      <figcaption className="small muted"><span className="swatch" style={{ background: 'var(--pass)' }} /> success <span className="swatch" style={{ background: 'var(--fail)' }} /> failure</figcaption>
    </figure>
  );
}
