// Bounds both sides of the contract agree on, so the page can say them to the user.

/** State changes of a watched twin the engine keeps and the state-chart view shows: the newest this many. */
export const TWIN_TRANSITIONS_KEPT = 200;
