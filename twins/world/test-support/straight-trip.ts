// Test helper: a trip along a hand-made polyline of roads, so positions and crossing times can be worked
// out by hand (speeds are given in km/h; 36 km/h = 10 m/s).

import type { RandomStream } from '../../kernel/types';
import type { Point } from '../geometry';
import { createTrip, type Trip } from '../motion';
import { RoadGraphBuilder } from '../road-graph';
import { findRoute } from '../routing';

export function tripAlong(points: Point[], speedsKph: number[], departAt = 0, random?: RandomStream, hvacKw = 0): Trip {
  const builder = new RoadGraphBuilder();
  const ids = points.map((p) => builder.addNode(p.x, p.y));
  for (let k = 0; k + 1 < ids.length; k++) {
    builder.addRoad(ids[k]!, ids[k + 1]!, { roadClass: 'street', speedLimitKph: speedsKph[k]! });
  }
  const route = findRoute(builder.build(), ids[0]!, ids[ids.length - 1]!);
  return createTrip(route, departAt, { ...(random === undefined ? {} : { random }), consumption: { hvacKw } });
}
