// Arrival prediction (seed §2.2 "X is 5 minutes away", §4.1.3 "predict arrival and pre-start the AC"): when a car
// will be at its destination. While it drives, the ETA is the trip's own arrival time (motion.ts remainingTimeS) — the route's remaining
// length at the speeds traffic allows on each segment. Before it leaves, the expected travel time is the free-flow
// time scaled by the mean of 1/share over the traffic model's uniform share of the limit (motion.ts TRAFFIC_SHARE).
// Pure functions of the trip, the route and the time: the same seed predicts the same arrival.
import type { SimTime } from '../kernel/types';
import { TRAFFIC_SHARE, type Trip } from './motion';
import type { Route } from './routing';

/** E[1/share] for share ~ U(min, max): ln(max/min)/(max − min), ≈ 1.19 for 0.7–1. */
export const EXPECTED_TRAFFIC_FACTOR = Math.log(TRAFFIC_SHARE.max / TRAFFIC_SHARE.min) / (TRAFFIC_SHARE.max - TRAFFIC_SHARE.min);

/** Expected seconds to drive `route` once traffic is accounted for (before departure). */
export function expectedTravelS(route: Route): number {
  return route.durationS * EXPECTED_TRAFFIC_FACTOR;
}

/**
 * The moment the ETA falls to `leadMs`: when the arrival lead (home mode, "X is 5 minutes away") fires. A trip
 * shorter than the lead is within it from its departure.
 */
export function arrivalLeadMoment(trip: Trip, leadMs: number): SimTime {
  return Math.max(trip.departAt, trip.arriveAt - leadMs);
}
