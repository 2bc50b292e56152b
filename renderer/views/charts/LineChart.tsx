// A small SVG chart in the app's theme: lines or dots over a numeric x axis, with reference lines (a transformer's
// rating, a latency budget). Drawn by React from plain numbers, so it grows point by point as a run plays.
import { extent, linearScale, niceTicks } from './scale';

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  points: readonly (readonly [number, number])[];
  style?: 'line' | 'dots';
}

export interface ReferenceLine {
  y: number;
  label: string;
  color: string;
}

const W = 420;
const H = 170;
const M = { left: 44, right: 10, top: 10, bottom: 22 };

export function LineChart({ series, title, testId, xFormat, yFormat, xDomain, yMin = 0, references = [], xTicks }: {
  series: ChartSeries[]; title: string; testId: string; xFormat: (x: number) => string; yFormat: (y: number) => string;
  xDomain?: [number, number]; yMin?: number; references?: ReferenceLine[];
  /** The x axis's ticks (a time axis gives whole hours); default round numbers. */
  xTicks?: (min: number, max: number) => number[];
}) {
  const xs = xDomain ?? extent(series.flatMap((s) => s.points.map((p) => p[0])));
  const [, yMaxData] = extent([...series.flatMap((s) => s.points.map((p) => p[1])), ...references.map((r) => r.y)], [0, 1]);
  const yMax = yMaxData <= yMin ? yMin + 1 : yMaxData * 1.05;
  const x = linearScale(xs[0], xs[1], M.left, W - M.right);
  const y = linearScale(yMin, yMax, H - M.bottom, M.top);
  const count = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <figure className="live-chart" data-testid={testId} data-points={count}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${count} points`}>
        {niceTicks(yMin, yMax, 4).map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={M.left - 4} y={y(t) + 3} textAnchor="end" className="tick">{yFormat(t)}</text>
          </g>
        ))}
        {(xTicks ?? ((a: number, b: number) => niceTicks(a, b, 4)))(xs[0], xs[1]).map((t) => (
          <text key={`x${t}`} x={x(t)} y={H - 6} textAnchor="middle" className="tick">{xFormat(t)}</text>
        ))}
        {references.map((r) => (
          <g key={r.label}>
            <line x1={M.left} x2={W - M.right} y1={y(r.y)} y2={y(r.y)} stroke={r.color} strokeDasharray="4 3" />
            <text x={W - M.right} y={y(r.y) - 3} textAnchor="end" className="tick" fill={r.color}>{r.label}</text>
          </g>
        ))}
        {series.map((s) => (s.style === 'dots'
          // One path of zero-length round-capped strokes, a 4 px dot each: the live latency chart redraws 1,500 dots
          // every 300 ms while a run plays, and one element's attribute is restyled and painted in a fraction of
          // what 1,500 circles' 3,000 attributes were.
          ? <path key={s.id} className="chart-dots" style={{ stroke: s.color }} strokeWidth={4} strokeLinecap="round" fill="none" d={dotsPath(s.points, x, y)} />
          : <polyline key={s.id} fill="none" stroke={s.color} strokeWidth={1.6} points={s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ')} />))}
      </svg>
      <figcaption className="small">
        {title}
        {series.map((s) => <span key={s.id} className="chart-legend"><span className="swatch" style={{ background: s.color }} /> {s.label}</span>)}
      </figcaption>
    </figure>
  );
}

/** `M x,y h0` per point: each a zero-length subpath, which a round cap draws as a dot. */
function dotsPath(points: ChartSeries['points'], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  for (const [px, py] of points) d += `M${x(px).toFixed(1)},${y(py).toFixed(1)}h0`;
  return d;
}
