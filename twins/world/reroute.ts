// Changing a trip mid-way: the part already driven and the segment the car is on stay exactly as they were (so
// position, odometer and energy before the change are unchanged), and the new route is driven from the end of
// that segment — a car cannot turn in the middle of a block. Pure: the same trip, time and route give the same trip.
import type { SimTime } from '../kernel/types';
import { createTrip, segmentIndexAt, type Trip, type TripOptions } from './motion';
import type { Route } from './routing';

export class RerouteError extends Error {
  override readonly name = 'RerouteError';
}

/** Where a car driving `trip` at t can next choose its way: the end of the segment it is on. */
export function nextDecisionNode(trip: Trip, t: SimTime): { nodeId: string; at: SimTime } | undefined {
  if (t >= trip.arriveAt || trip.segments.length === 0) return undefined;
  const s = trip.segments[t < trip.departAt ? 0 : segmentIndexAt(trip, t)]!;
  return { nodeId: s.toNode, at: s.endTime };
}

/** The trip driven as before up to the end of the segment being driven at t, then along `route` (from that segment's end). */
export function rerouteTrip(trip: Trip, t: SimTime, route: Route, options: TripOptions = {}): Trip {
  const next = nextDecisionNode(trip, t);
  if (next === undefined) throw new RerouteError('cannot reroute a trip that has arrived (or has no road to drive)');
  if (route.nodeIds[0] !== next.nodeId) throw new RerouteError(`the new route starts at ${route.nodeIds[0]}, not at ${next.nodeId} where the car can next turn`);
  const k = trip.segments.findIndex((s) => s.endTime === next.at && s.toNode === next.nodeId);
  const kept = trip.segments.slice(0, k + 1);
  const last = kept[kept.length - 1]!;
  const offsetM = last.startOffsetM + last.lengthM;
  const energyKwh = last.energyAtStartKwh + last.kwhPerM * last.lengthM;
  const onward = createTrip(route, last.endTime, options);
  const segments = [
    ...kept,
    ...onward.segments.map((s) => ({ ...s, startOffsetM: s.startOffsetM + offsetM, energyAtStartKwh: s.energyAtStartKwh + energyKwh })),
  ];
  return {
    nodeIds: [...trip.nodeIds.slice(0, k + 2), ...route.nodeIds.slice(1)],
    departAt: trip.departAt, arriveAt: onward.arriveAt, lengthM: offsetM + route.lengthM,
    start: { ...trip.start }, end: { ...route.end }, segments,
    drivingEnergyKwh: energyKwh + onward.drivingEnergyKwh, hvacKw: trip.hvacKw,
  };
}
