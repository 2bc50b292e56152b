// A twin's XState machine as a state chart for the inspector: walks the machine's state nodes (actor.logic.root)
// for ids, nesting and each node's transitions, and marks the nodes active in the actor's current snapshot. The
// structure is read from the running machine definition, so the chart cannot drift from the code.
import type { AnyActor, AnyStateMachine, StateNode, StateValue } from 'xstate';
import type { StateChart, StateChartNode, StateChartTransition } from '../../protocol';

type AnyStateNode = StateNode<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any machine's nodes

// A machine's structure never changes, so it is walked once per machine, not on every inspector refresh.
const structures = new WeakMap<AnyStateMachine, StateChartNode>();

export function stateChartOf(actor: AnyActor): StateChart {
  const machine = actor.logic as AnyStateMachine;
  let root = structures.get(machine);
  if (root === undefined) structures.set(machine, (root = nodeOf(machine.root)));
  const active: string[] = [];
  collectActive(root, (actor.getSnapshot() as { value: StateValue }).value, active);
  return { root, active };
}

function nodeOf(node: AnyStateNode): StateChartNode {
  const initialTarget = node.type === 'compound' ? node.initial.target[0] : undefined;
  return {
    id: node.id,
    key: node.key,
    type: node.type,
    ...(initialTarget !== undefined ? { initial: initialTarget.key } : {}),
    transitions: transitionsOf(node),
    // Document order, as written in the machine: XState keeps `order` on every node.
    children: Object.values(node.states as Record<string, AnyStateNode>).sort((a, b) => a.order - b.order).map(nodeOf),
  };
}

function transitionsOf(node: AnyStateNode): StateChartTransition[] {
  const list: StateChartTransition[] = [];
  for (const [eventType, definitions] of node.transitions) {
    // Delayed transitions are keyed by XState's internal `xstate.after.<delay>.<id>` event: say what they mean.
    const delayed = /^xstate\.after\.([^.]+)\./.exec(eventType);
    const event = delayed ? `after ${/^\d+$/.test(delayed[1]!) ? `${delayed[1]} ms` : delayed[1]}` : eventType;
    for (const t of definitions) list.push(transitionOf(event, t));
  }
  for (const t of node.always ?? []) list.push(transitionOf('always', t));
  return list;
}

function transitionOf(event: string, t: { target?: readonly AnyStateNode[] | undefined; guard?: unknown }): StateChartTransition {
  return { event, targets: (t.target ?? []).map((target) => target.id), guarded: t.guard !== undefined };
}

/** Active node ids from a snapshot value (`'locked'`, or `{ driving: 'moving' }` for nesting, several keys when parallel). */
function collectActive(node: StateChartNode, value: StateValue | undefined, into: string[]): void {
  into.push(node.id);
  if (node.type === 'parallel') {
    for (const child of node.children) collectActive(child, (value as Record<string, StateValue> | undefined)?.[child.key], into);
    return;
  }
  if (value === undefined) return;
  const keys = typeof value === 'string' ? [value] : Object.keys(value);
  for (const child of node.children) {
    if (keys.includes(child.key)) collectActive(child, typeof value === 'string' ? undefined : value[child.key], into);
  }
}
