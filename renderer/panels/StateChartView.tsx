// The inspected twin's state chart as a compact nested list: every state of its XState machine, the active ones
// highlighted, and under each state the transitions it takes (`DOOR.UNLOCK → unlocked`). Transitions on the
// machine itself apply in every state, so they are listed once, at the top.
import type { StateChart, StateChartNode, StateChartTransition } from '../../protocol';

export function StateChartView({ chart }: { chart: StateChart }) {
  const active = new Set(chart.active);
  const rootPrefix = `${chart.root.id}.`;
  // Targets by their path inside the machine (`unlocked`, `door.closed`): the machine id adds nothing here.
  const label = (id: string): string => (id.startsWith(rootPrefix) ? id.slice(rootPrefix.length) : id);
  return (
    <>
      <h3>State chart</h3>
      <div className="state-chart" data-testid="twin-chart">
        {chart.root.transitions.length > 0 && <Transitions list={chart.root.transitions} label={label} heading="in any state" />}
        <StateList nodes={chart.root.children} parent={chart.root} active={active} label={label} />
      </div>
    </>
  );
}

function StateList({ nodes, parent, active, label }: { nodes: StateChartNode[]; parent: StateChartNode; active: Set<string>; label: (id: string) => string }) {
  if (nodes.length === 0) return null;
  return (
    <ul className={parent.type === 'parallel' ? 'chart-states parallel' : 'chart-states'}>
      {nodes.map((node) => (
        <li key={node.id} className={active.has(node.id) ? 'chart-state active' : 'chart-state'} data-testid="chart-state" data-state={label(node.id)} data-active={active.has(node.id)}>
          <span className="chart-state-name">
            {parent.initial === node.key && <span title="initial state">▸ </span>}
            {node.key}
            {node.type === 'final' && <span className="muted"> (final)</span>}
            {node.type === 'parallel' && <span className="muted"> (parallel)</span>}
          </span>
          <Transitions list={node.transitions} label={label} />
          <StateList nodes={node.children} parent={node} active={active} label={label} />
        </li>
      ))}
    </ul>
  );
}

function Transitions({ list, label, heading }: { list: StateChartTransition[]; label: (id: string) => string; heading?: string }) {
  if (list.length === 0) return null;
  return (
    <ul className="chart-transitions">
      {heading && <li className="muted">{heading}:</li>}
      {list.map((t, i) => (
        <li key={i}>
          <code>{t.event}</code>
          {t.guarded && <span className="muted" title="has a guard: the event may be ignored"> [if]</span>}
          {t.targets.length > 0 ? ` → ${t.targets.map(label).join(', ')}` : <span className="muted"> (stays)</span>}
        </li>
      ))}
    </ul>
  );
}
