// A minimal external store for React (useSyncExternalStore): panels subscribe to the slice they show, and
// re-render only when that slice changes. The 3D view does not subscribe at all for per-frame data: it reads
// the latest value from the store inside its frame loop.
import { useCallback, useRef, useSyncExternalStore } from 'react';

export class Store<T extends object> {
  private state: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.state = initial;
  }

  get(): T {
    return this.state;
  }

  set(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
}

/**
 * The selected slice of a store; `equal` decides when a new slice is really new (default: Object.is). The slice is
 * cached per store state and selector, so a selector that builds a fresh object or array is still stable for React.
 */
export function useStore<T extends object, S>(store: Store<T>, selector: (state: T) => S, equal: (a: S, b: S) => boolean = Object.is): S {
  const last = useRef<{ state: T; selector: (state: T) => S; value: S } | undefined>(undefined);
  const getSnapshot = useCallback(() => {
    const state = store.get();
    const cached = last.current;
    if (cached !== undefined && cached.state === state && cached.selector === selector) return cached.value;
    const fresh = selector(state);
    const value = cached !== undefined && equal(cached.value, fresh) ? cached.value : fresh;
    last.current = { state, selector, value };
    return value;
  }, [store, selector, equal]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

export function shallowEqualArrays<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
