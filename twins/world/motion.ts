// Vehicle motion without ticking: a Trip is computed once from a Route and a departure time, with each
// segment's speed fixed at creation (a share of the limit drawn from the traffic random stream). Where a
// vehicle is, how fast, how much energy it has used and when it arrives are then pure functions of time,
// answered in O(log n) by binary search, so 1,000 vehicles cost nothing between the moments someone looks.

import type { RandomStream, SimTime } from '../kernel/types';
import { DEFAULT_CONSUMPTION, drivingWhPerKm, type ConsumptionModel } from './energy';
import { headingDeg, type Point } from './geometry';
import type { Route, RouteSegment } from './routing';

/** A route segment as driven: the same geometry, with the speed traffic allowed and the times and energy it took. */
export interface TripSegment extends Omit<RouteSegment, 'startTimeS'> {
  /** Actual speed on this segment (limit × traffic share), m/s — where RouteSegment has the limit. */
  speedMps: number;
  headingDeg: number;
  startTime: SimTime;
  endTime: SimTime;
  /** Driving energy used before this segment, kWh (HVAC excluded). */
  energyAtStartKwh: number;
  kwhPerM: number;
}

/** Plain data (JSON-serialisable) so a run can snapshot and restore vehicles mid-trip. */
export interface Trip {
  nodeIds: string[];
  departAt: SimTime;
  arriveAt: SimTime;
  lengthM: number;
  start: Point;
  end: Point;
  segments: TripSegment[];
  drivingEnergyKwh: number;
  hvacKw: number;
}

/**
 * Traffic allows each segment a share of its limit drawn uniformly from [min, max]: the defaults of createTrip, which
 * the arrival prediction (eta.ts) averages over.
 */
export const TRAFFIC_SHARE = { min: 0.7, max: 1 } as const;

export interface TripOptions {
  /** Traffic: each segment's speed share is drawn from this stream. Without it every segment runs at `maxShareOfLimit`. */
  random?: RandomStream;
  minShareOfLimit?: number;
  maxShareOfLimit?: number;
  consumption?: Partial<ConsumptionModel>;
}

export interface VehiclePosition {
  x: number;
  y: number;
  /** Compass heading, 0 = north, clockwise. */
  headingDeg: number;
  speedKph: number;
  /** Distance driven since departure. */
  distanceM: number;
  arrived: boolean;
}

export function createTrip(route: Route, departAt: SimTime, options: TripOptions = {}): Trip {
  const minShare = options.minShareOfLimit ?? TRAFFIC_SHARE.min;
  const maxShare = options.maxShareOfLimit ?? TRAFFIC_SHARE.max;
  if (!(minShare > 0 && minShare <= maxShare)) throw new Error(`createTrip: need 0 < minShareOfLimit ≤ maxShareOfLimit, got ${minShare} and ${maxShare}`);
  const model: ConsumptionModel = { ...DEFAULT_CONSUMPTION, ...options.consumption };
  const segments: TripSegment[] = [];
  let time = departAt;
  let energy = 0;
  for (const s of route.segments) {
    const share = options.random === undefined ? maxShare : minShare + (maxShare - minShare) * options.random.next();
    const speedMps = s.speedMps * share;
    const durationMs = (s.lengthM / speedMps) * 1000;
    const kwhPerM = drivingWhPerKm(model, speedMps * 3.6) / 1e6;
    segments.push({
      fromNode: s.fromNode, toNode: s.toNode, edgeId: s.edgeId, x0: s.x0, y0: s.y0, x1: s.x1, y1: s.y1, lengthM: s.lengthM, speedMps,
      headingDeg: headingDeg(s.x1 - s.x0, s.y1 - s.y0), startOffsetM: s.startOffsetM,
      startTime: time, endTime: time + durationMs, energyAtStartKwh: energy, kwhPerM,
    });
    time += durationMs;
    energy += kwhPerM * s.lengthM;
  }
  return {
    nodeIds: route.nodeIds.slice(), departAt, arriveAt: time, lengthM: route.lengthM,
    start: { ...route.start }, end: { ...route.end }, segments, drivingEnergyKwh: energy, hvacKw: model.hvacKw,
  };
}

/** Index of the segment being driven at t (departAt ≤ t < arriveAt), by binary search on start times. */
export function segmentIndexAt(trip: Trip, t: SimTime): number {
  let lo = 0;
  let hi = trip.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (trip.segments[mid]!.startTime <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionAt(trip: Trip, t: SimTime): VehiclePosition {
  const first = trip.segments[0];
  const last = trip.segments[trip.segments.length - 1];
  if (first === undefined || last === undefined || t >= trip.arriveAt) {
    return { x: trip.end.x, y: trip.end.y, headingDeg: last?.headingDeg ?? 0, speedKph: 0, distanceM: trip.lengthM, arrived: t >= trip.arriveAt };
  }
  if (t < trip.departAt) return { x: trip.start.x, y: trip.start.y, headingDeg: first.headingDeg, speedKph: 0, distanceM: 0, arrived: false };
  const s = trip.segments[segmentIndexAt(trip, t)]!;
  const along = Math.min(s.lengthM, (s.speedMps * (t - s.startTime)) / 1000);
  const f = along / s.lengthM;
  return {
    x: s.x0 + (s.x1 - s.x0) * f,
    y: s.y0 + (s.y1 - s.y0) * f,
    headingDeg: s.headingDeg,
    speedKph: s.speedMps * 3.6,
    distanceM: s.startOffsetM + along,
    arrived: false,
  };
}

/** Energy drawn from the battery since departure: driving so far plus HVAC for the time driven. */
export function energyUsedKwh(trip: Trip, t: SimTime): number {
  if (t <= trip.departAt) return 0;
  const hvac = (trip.hvacKw * (Math.min(t, trip.arriveAt) - trip.departAt)) / 3_600_000;
  if (t >= trip.arriveAt) return trip.drivingEnergyKwh + hvac;
  const s = trip.segments[segmentIndexAt(trip, t)]!;
  const along = Math.min(s.lengthM, (s.speedMps * (t - s.startTime)) / 1000);
  return s.energyAtStartKwh + s.kwhPerM * along + hvac;
}

/** Seconds until arrival as seen at t (0 once arrived); before departure it includes the wait. */
export function remainingTimeS(trip: Trip, t: SimTime): number {
  return Math.max(0, trip.arriveAt - t) / 1000;
}

export function remainingDistanceM(trip: Trip, t: SimTime): number {
  return trip.lengthM - positionAt(trip, t).distanceM;
}
