// When a machine's initial snapshot can be had without XState computing it. A car's parts and screen start from an
// input of their own (its id, where it is parked), so no remembered snapshot serves them, and XState's initial
// macrostep for one of them allocates ~30 kB (an actor, its system, the entry set, a snapshot clone per step): a
// 200-home feeder's two worlds spent ~60 MB of a ~250 MB run there. Yet for most machines that step does nothing but
// call the context factory: entering the initial states runs no action, starts no child and takes no eventless
// transition. For those, the initial snapshot is the initial state value — the same for every input — and the
// factory's context, which this file computes directly. quiet-start.ts still has XState compute the first snapshot of
// each machine and checks this file's answer against it; inert-start.test.ts checks every shipped machine.
import type { AnyStateMachine, AnyStateNode } from 'xstate';

const inert = new WeakMap<AnyStateMachine, boolean>();

/**
 * True when entering the machine's initial states changes nothing but the context the factory makes: no state of the
 * initial configuration has an entry action (a delayed transition is one: XState schedules it on entry), an invoked
 * child or an eventless transition, and none is final or a history state; initial transitions run no action and
 * target a direct child (all XState v5 allows; should a release allow deeper ones, those answer false). Anything
 * else answers false, and XState computes the snapshot.
 */
export function hasInertStart(machine: AnyStateMachine): boolean {
  let answer = inert.get(machine);
  if (answer === undefined) {
    answer = inertNode(machine.root);
    inert.set(machine, answer);
  }
  return answer;
}

function inertNode(node: AnyStateNode): boolean {
  if (node.type === 'final' || node.type === 'history') return false;
  if (node.entry.length > 0 || node.invoke.length > 0 || node.config.after !== undefined || (node.always?.length ?? 0) > 0) return false;
  if (node.type === 'parallel') return Object.values(node.states).every(inertNode);
  if (node.type !== 'compound') return true;
  const initial = node.initial;
  return initial.actions.length === 0 && initial.target.every((target) => target.parent === node && inertNode(target));
}

type ContextFactory = (args: { input: unknown; self: undefined; spawn: () => never }) => unknown;

/**
 * The context XState's initial snapshot holds for `input`: the machine's context object itself, or a shallow copy
 * of what its factory makes (XState assigns the factory's result onto an empty context). Undefined when the factory
 * throws — it may not spawn, and a factory that reads `self` finds none —, so XState computes it (and reports it).
 */
export function initialContextOf(machine: AnyStateMachine, input: unknown): Record<string, unknown> | undefined {
  const context = (machine.config as { context?: unknown }).context;
  if (typeof context !== 'function') return (context ?? {}) as Record<string, unknown>;
  try {
    return Object.assign({}, (context as ContextFactory)({ input, self: undefined, spawn: refuseSpawn })) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function refuseSpawn(): never {
  throw new Error('a twin machine spawns in its context factory: its start is not inert');
}
