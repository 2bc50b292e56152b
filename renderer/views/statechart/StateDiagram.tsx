// The laid-out state chart: compound states as boxes around their children, the active states lit, and the
// transition just taken drawn in the accent colour with its dashes running toward the new state.
import type { StateDiagram as Diagram } from './elk-layout';

export function StateDiagram({ diagram, active, last, title }: { diagram: Diagram; active: ReadonlySet<string>; last: { id: string; n: number } | undefined; title: string }) {
  const activeLeaves = diagram.nodes.filter((n) => active.has(n.id) && !n.compound).map((n) => n.label);
  return (
    <svg className="state-diagram" data-testid="state-diagram" viewBox={`0 0 ${Math.max(1, diagram.width)} ${Math.max(1, diagram.height)}`}
      width={diagram.width} height={diagram.height} role="img" aria-label={`${title}: ${diagram.nodes.length} states, now ${activeLeaves.join(', ') || 'none'}`}>
      <defs>
        <marker id="sd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="context-stroke" /></marker>
      </defs>
      {diagram.nodes.filter((n) => n.compound).map((n) => (
        <g key={n.id} data-testid="diagram-state" data-state={n.id} data-active={active.has(n.id)}>
          <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={8} className={`sd-compound${active.has(n.id) ? ' active' : ''}`} strokeDasharray={n.type === 'parallel' ? '5 3' : undefined} />
          <text x={n.x + 8} y={n.y + 16} className="sd-label">{n.initial ? '▸ ' : ''}{n.label}{n.type === 'parallel' ? ' ∥' : ''}</text>
        </g>
      ))}
      {diagram.edges.map((e) => {
        const isLast = last?.id === e.id;
        return (
          <g key={e.id} className={isLast ? 'sd-edge last' : 'sd-edge'} data-testid="diagram-edge" data-event={e.event} data-last={isLast}>
            {/* keyed on the transition count, so taking the same transition twice replays the animation */}
            <polyline key={isLast ? last.n : 0} points={e.points.map((p) => p.join(',')).join(' ')} fill="none" markerEnd="url(#sd-arrow)" />
            {e.label && <text x={e.label.x} y={e.label.y + e.label.height - 3} className="sd-edge-label">{e.event}{e.guarded ? ' [if]' : ''}</text>}
          </g>
        );
      })}
      {diagram.nodes.filter((n) => !n.compound).map((n) => (
        <g key={n.id} data-testid="diagram-state" data-state={n.id} data-active={active.has(n.id)}>
          <title>{n.id}{diagram.internal.has(n.id) ? ` — also handles ${diagram.internal.get(n.id)!.join(', ')} without leaving` : ''}</title>
          <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={n.type === 'final' ? 14 : 6} className={`sd-state${active.has(n.id) ? ' active' : ''}`} />
          <text x={n.x + n.width / 2} y={n.y + n.height / 2 + 4} textAnchor="middle" className="sd-label">{n.initial ? '▸ ' : ''}{n.label}</text>
        </g>
      ))}
    </svg>
  );
}
