// Whether a twin's XState actor may start later than the twin is made (see twin-actor.ts), and the initial state and
// context the twin shows until then. Standard homes give each device type the same input, so the initial snapshot
// of 10,000 front-door locks is computed once and its (immutable) context shared, instead of 10,000 throwaway actors.
import { createActor, type Actor, type AnyActorRef, type AnyStateMachine } from 'xstate';

/** The initial state value and context of a machine whose start does nothing. */
export interface QuietStart {
  value: unknown;
  context: Record<string, unknown>;
}

export type StartPlan = { quiet: QuietStart } | { actor: Actor<AnyStateMachine> };

/** Beyond this many distinct inputs a machine's inputs are per twin (a car's id in each): none is looked up any more. */
export const MAX_REMEMBERED_INPUTS = 64;
const remembered = new WeakMap<AnyStateMachine, Map<string, QuietStart>>();

/**
 * How a twin of `machine` from `input` starts: quietly, from a snapshot computed once per distinct plain-JSON input,
 * or at once, with the actor that was made to find out. A machine's initial context must depend on its input
 * alone (no machine of twins/ reads `self` or spawns in its context factory; quiet-start.test.ts checks them).
 */
export function planStart(machine: AnyStateMachine, input: unknown, options: { id: string; clock: unknown }): StartPlan {
  // Once a machine has had many inputs they are per twin: its twins no longer pay for a key nobody will match.
  const inputs = remembered.get(machine);
  const key = inputs !== undefined && inputs.size >= MAX_REMEMBERED_INPUTS ? undefined : plainJsonKey(input);
  const known = key === undefined ? undefined : inputs?.get(key);
  if (known !== undefined) return { quiet: known };
  // Creating an actor computes its initial snapshot and runs nothing: its entry effects wait for start().
  const actor = createActor(machine, { input, ...options } as Parameters<typeof createActor>[1]);
  if (!startsQuietly(actor)) return { actor };
  const snapshot = actor.getSnapshot() as { value: unknown; context: Record<string, unknown> };
  const quiet = { value: snapshot.value, context: snapshot.context };
  if (key !== undefined) {
    if (inputs === undefined) remembered.set(machine, new Map([[key, quiet]]));
    else inputs.set(key, quiet);
  }
  return { quiet };
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
