// Bad map files: more than a thousand malformed GeoJSON documents (broken text, wrong shapes, impossible
// coordinates) given to loadGeoJsonMap. Each is refused with a MapLoadError that names the file — never another
// exception — or, when the damage left a usable map, loaded.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../kernel/types';
import { loadGeoJsonMap, MapLoadError } from '../world';

const FIXTURE = readFileSync(path.join(import.meta.dirname, '../world/fixtures/small-town.geojson'), 'utf8');
const PARSED = JSON.parse(FIXTURE) as { features: { properties: Record<string, Json>; geometry: Record<string, Json> }[] };

const WEIRD: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 1e308, -1e308, 181, -91, 'NaN', '', [], {}, [[]], [[1]], [1, 2, 3, 4], [[1e308, 1e308], [-1e308, -1e308]], 'LineString', 'Point'),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const KEYS = ['type', 'features', 'geometry', 'properties', 'coordinates', 'highway', 'maxspeed', 'oneway', 'district', 'place', 'id', 'name'];

const MALFORMED_TEXT: fc.Arbitrary<string> = fc.oneof(
  // Truncated or corrupted text.
  fc.nat(FIXTURE.length - 1).map((n) => FIXTURE.slice(0, n)),
  fc.record({ at: fc.nat(FIXTURE.length - 1), junk: fc.string({ minLength: 1, maxLength: 4 }) }).map(({ at, junk }) => FIXTURE.slice(0, at) + junk + FIXTURE.slice(at + 1)),
  // Valid JSON, wrong or damaged GeoJSON.
  fc.record({ feature: fc.nat(PARSED.features.length - 1), part: fc.constantFrom('geometry', 'properties', 'feature'), key: fc.constantFrom(...KEYS), value: WEIRD }).map(({ feature, part, key, value }) => {
    const doc = JSON.parse(FIXTURE) as { features: Record<string, Json>[] };
    const target = part === 'feature' ? doc.features[feature]! : (doc.features[feature]![part] as Record<string, Json>);
    target[key] = value;
    return JSON.stringify(doc);
  }),
  fc.record({ key: fc.constantFrom(...KEYS), value: WEIRD }).map(({ key, value }) => JSON.stringify({ ...JSON.parse(FIXTURE), [key]: value })),
  WEIRD.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
);

describe('malformed GeoJSON maps', () => {
  it('are refused with a MapLoadError naming the file, never another exception', () => {
    let refused = 0;
    fc.assert(
      fc.property(MALFORMED_TEXT, (text) => {
        try {
          loadGeoJsonMap(text, 'maps/bad.geojson');
        } catch (error) {
          expect(error).toBeInstanceOf(MapLoadError);
          expect((error as MapLoadError).message).toMatch(/^maps\/bad\.geojson(:\d+:\d+)?: ./);
          refused++;
        }
      }),
      { numRuns: 1_500, seed: 3 },
    );
    expect(refused).toBeGreaterThanOrEqual(1_000);
  });
});
