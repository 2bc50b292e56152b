// Flooded roads and driving around them: which segments a rain cell closes, the fastest route that avoids them, a
// trip changed mid-way (the past unchanged, the new route driven from the next junction) and the arrival lead.
import { describe, expect, it } from 'vitest';
import { arrivalLeadMoment, EXPECTED_TRAFFIC_FACTOR, expectedTravelS } from './eta';
import { distanceToSegment, edgesInCell, floodedSegmentsAhead, pointAlongTrip } from './floods';
import { createTrip, positionAt } from './motion';
import { nextDecisionNode, RerouteError, rerouteTrip } from './reroute';
import { RoadGraphBuilder, type RoadGraph } from './road-graph';
import { findRoute, findRouteAvoiding, RouteError } from './routing';

/**
 * D ──── E ──── F      (y = 500)
 * │      │      │
 * A ──── B ──── C      (y = 0), 1 km blocks, every road two-way at 36 km/h (10 m/s)
 */
function ladder(): { graph: RoadGraph; n: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string> } {
  const g = new RoadGraphBuilder();
  const n = { a: g.addNode(0, 0), b: g.addNode(1000, 0), c: g.addNode(2000, 0), d: g.addNode(0, 500), e: g.addNode(1000, 500), f: g.addNode(2000, 500) };
  const road = { roadClass: 'street', speedLimitKph: 36 } as const;
  for (const [p, q] of [['a', 'b'], ['b', 'c'], ['d', 'e'], ['e', 'f'], ['a', 'd'], ['b', 'e'], ['c', 'f']] as const) g.addRoad(n[p], n[q], road);
  return { graph: g.build(), n };
}

const edgeBetween = (graph: RoadGraph, from: string, to: string): string => graph.edges.find((e) => e.from === from && e.to === to)!.id;

describe('edgesInCell', () => {
  it('closes both directions of the road through the cell, and nothing beyond its radius', () => {
    const { graph, n } = ladder();
    const flooded = edgesInCell(graph, { center: { x: 1500, y: 0 }, radiusM: 100 });
    expect(flooded.sort()).toEqual([edgeBetween(graph, n.b, n.c), edgeBetween(graph, n.c, n.b)].sort());
    expect(edgesInCell(graph, { center: { x: 1500, y: 250 }, radiusM: 249 })).toEqual([]);
    expect(edgesInCell(graph, { center: { x: 1500, y: 250 }, radiusM: 250 })).toHaveLength(4);
  });

  it('floods nothing for a hostile cell (no radius, a negative one, a point off the number line)', () => {
    const { graph } = ladder();
    expect(edgesInCell(graph, { center: { x: 1500, y: 0 }, radiusM: 0 })).toEqual([]);
    expect(edgesInCell(graph, { center: { x: 1500, y: 0 }, radiusM: -5 })).toEqual([]);
    expect(edgesInCell(graph, { center: { x: Number.NaN, y: 0 }, radiusM: 100 })).toEqual([]);
  });

  it('measures to the nearest end when the perpendicular falls outside the segment, and copes with a point segment', () => {
    expect(distanceToSegment({ x: -3, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 5, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(4);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });
});

describe('findRouteAvoiding', () => {
  it('goes around the flooded road, and is the usual route when the flood is elsewhere', () => {
    const { graph, n } = ladder();
    const usual = findRoute(graph, n.a, n.c);
    expect(usual.lengthM).toBe(2000);
    const flooded = new Set(edgesInCell(graph, { center: { x: 1500, y: 0 }, radiusM: 100 }));
    const around = findRouteAvoiding(graph, n.a, n.c, flooded);
    expect(around.lengthM).toBe(3000);
    expect(around.segments.some((s) => flooded.has(s.edgeId))).toBe(false);
    expect(findRouteAvoiding(graph, n.a, n.c, new Set([edgeBetween(graph, n.d, n.e)]))).toBe(usual);
  });

  it('says why when the water cuts the destination off', () => {
    const { graph, n } = ladder();
    const cutOff = new Set(edgesInCell(graph, { center: { x: 2000, y: 250 }, radiusM: 600 }));
    expect(() => findRouteAvoiding(graph, n.a, n.c, cutOff)).toThrow(RouteError);
    expect(() => findRouteAvoiding(graph, n.a, n.c, cutOff)).toThrow(/closed road segment/);
  });
});

describe('rerouteTrip', () => {
  const { graph, n } = ladder();
  const trip = createTrip(findRoute(graph, n.a, n.c), 0);

  it('keeps the past and the segment being driven, then drives the new route from the next junction', () => {
    const flooded = new Set(edgesInCell(graph, { center: { x: 1500, y: 0 }, radiusM: 100 }));
    expect(floodedSegmentsAhead(trip, 50_000, flooded).map((s) => s.startTime)).toEqual([100_000]);
    expect(nextDecisionNode(trip, 50_000)).toEqual({ nodeId: n.b, at: 100_000 });
    const changed = rerouteTrip(trip, 50_000, findRouteAvoiding(graph, n.b, n.c, flooded));
    expect(changed.arriveAt).toBe(300_000);
    expect(changed.lengthM).toBe(3000);
    expect(changed.nodeIds).toEqual([n.a, n.b, n.e, n.f, n.c]);
    expect(positionAt(changed, 50_000)).toEqual(positionAt(trip, 50_000));
    expect(positionAt(changed, 150_000)).toMatchObject({ x: 1000, y: 500, distanceM: 1500 });
    expect(floodedSegmentsAhead(changed, 50_000, flooded)).toEqual([]);
    expect(changed.drivingEnergyKwh).toBeCloseTo(trip.drivingEnergyKwh * 1.5, 9);
  });

  it('refuses a route that does not start where the car can turn, and a trip that has arrived', () => {
    expect(() => rerouteTrip(trip, 50_000, findRoute(graph, n.a, n.c))).toThrow(RerouteError);
    expect(() => rerouteTrip(trip, 200_000, findRoute(graph, n.c, n.c))).toThrow(/has arrived/);
  });
});

describe('arrival prediction', () => {
  it('the lead fires when the ETA falls to it, at departure for a shorter trip', () => {
    const { graph, n } = ladder();
    const trip = createTrip(findRoute(graph, n.a, n.c), 10_000);
    expect(arrivalLeadMoment(trip, 60_000)).toBe(trip.arriveAt - 60_000);
    expect(arrivalLeadMoment(trip, 10 * 60_000)).toBe(10_000);
  });

  it('expects traffic to slow the free-flow time by the mean of 1/share (≈ 1.19 for shares of 0.7–1)', () => {
    const { graph, n } = ladder();
    expect(EXPECTED_TRAFFIC_FACTOR).toBeCloseTo(1.1889, 4);
    expect(expectedTravelS(findRoute(graph, n.a, n.c))).toBeCloseTo(200 * EXPECTED_TRAFFIC_FACTOR, 9);
  });

  it('finds the point a distance along a trip (clamped to its ends)', () => {
    const { graph, n } = ladder();
    const trip = createTrip(findRoute(graph, n.a, n.c), 0);
    expect(pointAlongTrip(trip, 1500)).toEqual({ x: 1500, y: 0 });
    expect(pointAlongTrip(trip, -10)).toEqual({ x: 0, y: 0 });
    expect(pointAlongTrip(trip, 1e9)).toEqual({ x: 2000, y: 0 });
  });
});
