// A twin's XState machine laid out as a diagram with elkjs (Eclipse Layout Kernel, "layered"), as Stately's own
// tools lay out statecharts: compound and parallel states are boxes around their children, transitions are routed
// edges labelled with their event. Works in a page and in Node (the tests), since elk.bundled.js needs neither.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { StateChart, StateChartNode } from '../../../protocol';

export interface DiagramNode {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  type: StateChartNode['type'];
  /** Has child states: drawn as a box around them, its label at the top. */
  compound: boolean;
  initial: boolean;
  depth: number;
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  event: string;
  guarded: boolean;
  /** The route, absolute: start, bends, end. */
  points: [number, number][];
  label?: { x: number; y: number; width: number; height: number };
}

export interface StateDiagram {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Transitions that do not change state (actions only), per state id: listed in the state's tooltip. */
  internal: Map<string, string[]>;
}

// Text metrics without a DOM (the tests lay out in Node): 11 px system-ui averages under 7 px per character.
const CHAR_W = 6.6;
const labelWidth = (text: string): number => Math.ceil(text.length * CHAR_W) + 8;

let elk: InstanceType<typeof ELK> | undefined;

export async function layoutStateChart(chart: StateChart): Promise<StateDiagram> {
  elk ??= new ELK();
  const internal = new Map<string, string[]>();
  const edges: ElkExtendedEdge[] = [];
  const known = new Set<string>();
  const meta = new Map<string, { node: StateChartNode; initial: boolean; depth: number }>();
  const toElk = (node: StateChartNode, initial: boolean, depth: number): ElkNode => {
    known.add(node.id);
    meta.set(node.id, { node, initial, depth });
    const children = node.children.map((c) => toElk(c, node.initial === c.key, depth + 1));
    const label = node.key;
    return children.length > 0
      ? { id: node.id, children, layoutOptions: { 'elk.padding': `[top=26,left=10,bottom=10,right=10]`, 'elk.nodeSize.minimum': `(${labelWidth(label) + 20}, 40)`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE' } }
      : { id: node.id, width: Math.max(64, labelWidth(label) + 16), height: 30 };
  };
  const roots = chart.root.children.map((c) => toElk(c, chart.root.initial === c.key, 0));
  const collect = (node: StateChartNode): void => {
    node.transitions.forEach((t, i) => {
      const targets = t.targets.filter((id) => known.has(id));
      if (targets.length === 0 || node.id === chart.root.id) {
        if (node.id !== chart.root.id) internal.set(node.id, [...(internal.get(node.id) ?? []), t.event]);
        return;
      }
      for (const target of targets) {
        const text = `${t.event}${t.guarded ? ' [if]' : ''}`;
        edges.push({ id: `${node.id}→${target}#${i}`, sources: [node.id], targets: [target], labels: [{ text, width: labelWidth(text), height: 14 }] });
      }
    });
    node.children.forEach(collect);
  };
  collect(chart.root);
  const input: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40', 'elk.spacing.nodeNode': '22', 'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false', 'elk.padding': '[top=8,left=8,bottom=8,right=8]',
    },
    children: roots,
    edges,
  };
  const graph: ElkNode = await elk.layout(input);
  // ELK gives each position relative to its parent, and an edge's route relative to its container: made absolute.
  const origin = new Map<string, [number, number]>([['__root', [0, 0]]]);
  const nodes: DiagramNode[] = [];
  const place = (n: ElkNode, ox: number, oy: number): void => {
    const x = ox + (n.x ?? 0);
    const y = oy + (n.y ?? 0);
    origin.set(n.id, [x, y]);
    const m = meta.get(n.id)!;
    nodes.push({ id: n.id, label: m.node.key, x, y, width: n.width ?? 0, height: n.height ?? 0, type: m.node.type, compound: (n.children?.length ?? 0) > 0, initial: m.initial, depth: m.depth });
    for (const c of n.children ?? []) place(c, x, y);
  };
  for (const n of graph.children ?? []) place(n, 0, 0);
  const laidEdges: DiagramEdge[] = (graph.edges ?? []).map((e) => {
    const [ox, oy] = origin.get((e as { container?: string }).container ?? '__root') ?? [0, 0];
    const section = e.sections?.[0];
    const points: [number, number][] = section
      ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => [ox + p.x, oy + p.y])
      : [];
    const l = e.labels?.[0];
    const text = l?.text ?? '';
    return {
      id: e.id, source: e.sources[0]!, target: e.targets[0]!, event: text.replace(/ \[if\]$/, ''), guarded: text.endsWith(' [if]'), points,
      ...(l ? { label: { x: ox + (l.x ?? 0), y: oy + (l.y ?? 0), width: l.width ?? 0, height: l.height ?? 0 } } : {}),
    };
  });
  return { width: graph.width ?? 0, height: graph.height ?? 0, nodes, edges: laidEdges, internal };
}

/** The transition that most likely just happened: from a state active before to one active now, by its event. */
export function lastTransition(diagram: StateDiagram, before: ReadonlySet<string>, now: ReadonlySet<string>): DiagramEdge | undefined {
  const left = [...before].filter((id) => !now.has(id));
  const entered = [...now].filter((id) => !before.has(id));
  if (entered.length === 0) return undefined;
  return diagram.edges.find((e) => entered.includes(e.target) && (left.includes(e.source) || before.has(e.source)))
    ?? diagram.edges.find((e) => entered.includes(e.target));
}
