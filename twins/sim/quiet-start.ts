// Whether a twin's XState actor may start later than the twin is made (see twin-actor.ts), and the initial state and
// context the twin shows until then. Standard homes give each device type the same input, so the initial snapshot
// of 10,000 front-door locks is computed once and its (immutable) context shared, instead of 10,000 throwaway actors.
import { createActor, type Actor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { hasInertStart, initialContextOf } from './inert-start';

/** The initial state value and context of a machine whose start does nothing. */
export interface QuietStart {
  value: unknown;
  context: Record<string, unknown>;
}

export type StartPlan = { quiet: QuietStart } | { actor: Actor<AnyStateMachine> };

/** At most this many inputs' snapshots are kept per machine, the most recently used: per-twin inputs do not pile up. */
export const MAX_REMEMBERED_INPUTS = 64;

interface MachinePlan {
  /** Snapshots by plain-JSON input, least recently used first. */
  remembered: Map<string, QuietStart>;
  /** The initial state value of a machine with an inert start (inert-start.ts), once XState has confirmed it. */
  inertValue?: unknown;
}
const plans = new WeakMap<AnyStateMachine, MachinePlan>();

/**
 * How a twin of `machine` from `input` starts: quietly, from a snapshot computed once per distinct plain-JSON input
 * (or, for a machine whose start is inert, from its initial value and the context its factory makes), or at once,
 * with the actor that was made to find out. A machine's initial context must depend on its input alone (no machine
 * of twins/ reads `self` or spawns in its context factory; quiet-start.test.ts checks them).
 */
export function planStart(machine: AnyStateMachine, input: unknown, options: { id: string; clock: unknown }): StartPlan {
  let plan = plans.get(machine);
  if (plan === undefined) plans.set(machine, (plan = { remembered: new Map() }));
  const key = plainJsonKey(input);
  const known = key === undefined ? undefined : plan.remembered.get(key);
  if (known !== undefined) {
    plan.remembered.delete(key!); // most recently used: last
    plan.remembered.set(key!, known);
    return { quiet: known };
  }
  const context = plan.inertValue === undefined ? undefined : initialContextOf(machine, input);
  let quiet: QuietStart;
  if (context !== undefined) {
    quiet = { value: plan.inertValue, context };
  } else {
    // Creating an actor computes its initial snapshot and runs nothing: its entry effects wait for start().
    const actor = createActor(machine, { input, ...options } as Parameters<typeof createActor>[1]);
    if (!startsQuietly(actor)) return { actor };
    const snapshot = actor.getSnapshot() as { value: unknown; context: Record<string, unknown> };
    quiet = { value: snapshot.value, context: snapshot.context };
    if (plan.inertValue === undefined && hasInertStart(machine) && sameJson(initialContextOf(machine, input), quiet.context)) plan.inertValue = quiet.value;
  }
  if (key !== undefined) {
    if (plan.remembered.size >= MAX_REMEMBERED_INPUTS) plan.remembered.delete(plan.remembered.keys().next().value!);
    plan.remembered.set(key, quiet);
  }
  return { quiet };
}

function sameJson(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * True when starting `actor` would change nothing: its initial snapshot is active, it invoked or spawned no child,
 * and no entry action (an emit, a delayed event, a custom action) waits for start. XState keeps the latter in the
 * actor's `_deferred` list; should a release rename it, every twin starts at once, as it always did.
 */
export function startsQuietly(actor: AnyActorRef): boolean {
  const snapshot = actor.getSnapshot() as { status?: string; children?: Record<string, unknown> };
  const deferred = (actor as unknown as { _deferred?: unknown })._deferred;
  return snapshot.status === 'active' && Array.isArray(deferred) && deferred.length === 0 && Object.keys(snapshot.children ?? {}).length === 0;
}

/**
 * The input as JSON when it is plain JSON — strings, finite numbers, booleans, null, plain objects and arrays — so
 * two inputs with the same key are interchangeable; undefined for anything else (a function, a Map, undefined).
 */
export function plainJsonKey(input: unknown): string | undefined {
  return isPlainJson(input) ? JSON.stringify(input) : undefined;
}

// A walk of its own rather than a JSON.stringify replacer: the replacer sees a Date (any toJSON) already turned into text.
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isPlainJson);
}
