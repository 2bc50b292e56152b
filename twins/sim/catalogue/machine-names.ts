// Names an XState machine itself defines, read from its definition rather than kept in a list: the events it
// accepts (what `setState` may send) and the paths of its context (what a `state` check may read). Nothing here
// runs the machine: the context comes from its initial snapshot, which computes `context(input)` and no more.
import { getInitialSnapshot, type AnyStateMachine } from 'xstate';

/** Events the machine handles anywhere in its state tree; XState's own (`xstate.after…`, `xstate.done…`) left out. */
export function acceptedEvents(machine: AnyStateMachine): string[] {
  return [...new Set(machine.events)].filter((type) => !type.startsWith('xstate.') && type !== '*').sort();
}

/** Names of the machine's states, each as the dotted path from the root (`plugged.charging.active`). */
export function statePaths(machine: AnyStateMachine): string[] {
  const paths: string[] = [];
  const walk = (node: { states: Record<string, unknown> }, prefix: string): void => {
    for (const [key, child] of Object.entries(node.states)) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.push(path);
      walk(child as { states: Record<string, unknown> }, path);
    }
  };
  walk(machine.root as unknown as { states: Record<string, unknown> }, '');
  return paths;
}

/**
 * What lies under a context path: `object` (its keys are paths too), or `open` — a list or a value that is
 * null at the start (a prompt not yet shown), whose inner shape only appears at run time and is not checked.
 */
export type ContextShape = Map<string, 'object' | 'leaf' | 'open'>;

const MAX_DEPTH = 6;

/** Every dotted path of the machine's initial context for `input`. */
export function contextShape(machine: AnyStateMachine, input: unknown): ContextShape {
  const context = getInitialSnapshot(machine, input).context as unknown;
  const shape: ContextShape = new Map();
  const walk = (value: unknown, prefix: string, depth: number): void => {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (child === null || Array.isArray(child) || depth >= MAX_DEPTH) shape.set(path, 'open');
      else if (typeof child === 'object') {
        shape.set(path, 'object');
        walk(child, path, depth + 1);
      } else shape.set(path, 'leaf');
    }
  };
  if (context !== null && typeof context === 'object') walk(context, '', 0);
  return shape;
}

/** True when `path` (dotted, relative to the context) names something the context has or may have. */
export function inContextShape(shape: ContextShape, path: string): boolean {
  if (shape.has(path)) return true;
  // Below an open path (a list, a value still null at the start) anything may come.
  const parts = path.split('.');
  for (let length = parts.length - 1; length > 0; length--) {
    const kind = shape.get(parts.slice(0, length).join('.'));
    if (kind !== undefined) return kind === 'open';
  }
  return false;
}
