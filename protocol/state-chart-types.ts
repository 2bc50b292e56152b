// The structure of a twin's XState machine as the inspector draws it: nested state nodes with their transitions,
// and which nodes are active now. Sent with the twin view (getTwin), so the chart always matches the running machine.

/** A transition of a state node: `DOOR.UNLOCK → lock.unlocked`. */
export interface StateChartTransition {
  /** The event type; delayed transitions read `after 5000 ms`, eventless ones `always`. */
  event: string;
  /** Ids of the target state nodes; empty for a transition that only runs actions (stays in the state). */
  targets: string[];
  /** The transition has a guard, so the event may be ignored. */
  guarded: boolean;
}

export interface StateChartNode {
  /** The node's id, e.g. `lock.unlocked` (the machine id, then the path). */
  id: string;
  /** Its key under its parent, e.g. `unlocked`. */
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Key of the initial child of a compound node. */
  initial?: string;
  transitions: StateChartTransition[];
  children: StateChartNode[];
}

export interface StateChart {
  root: StateChartNode;
  /** Ids of the active state nodes, the root included. */
  active: string[];
}
