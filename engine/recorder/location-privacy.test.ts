// Location coarsening at any depth and under any key spelling that names a coordinate. Before, the hub-translated
// payload of a navigation command kept `Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude: 31.22958`
// in the default (coarsened) JSONL export, because only exact `latitude`/`lat`… keys and `Vehicle.CurrentLocation`
// were recognised.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../twins/kernel/types';
import { diffRuns, formatDiffReport } from './diff';
import { coarsenLine, coarsenLocation, mayHoldLocation } from './location-privacy';
import { Recorder } from './recorder';
import { recordRun, tempDirPerTest, type TempDir } from './test-support/recording-fixtures';
import { RunBuilder, cloudHops } from './test-support/synthetic-run';

let dir: TempDir;
tempDirPerTest((d) => void (dir = d));

/** Keys that name a latitude or a longitude, as the seed's ecosystems spell them. */
const COORDINATE_KEYS = [
  'latitude', 'longitude', 'lat', 'lon', 'lng', 'Latitude', 'LONGITUDE', 'destLat', 'destLng', 'homeLatitude', 'start_lon', 'gps-lat',
  'Vehicle.CurrentLocation.Latitude', 'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude',
  'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Longitude', 'DestinationSet.Longitude', 'coordinates', 'geolocation',
  'gpsFix', 'Vehicle.CurrentLocation', 'lastKnownLocation',
];
/** Keys that do not: their numbers must stay as they are. */
const OTHER_KEYS = ['position', 'brightness_pct', 'temperature', 'flat', 'salon', 'plateau', 'longPress', 'volume_level', 'soc'];

/** A precise coordinate: more than two decimals, so rounding changes it. */
const precise = fc.integer({ min: -17_999_999, max: 17_999_999 }).filter((n) => n % 1000 !== 0).map((n) => n / 100_000);

/** Every number under a coordinate key, wherever it sits, as a path → value list. */
function coordinates(value: Json, underCoordinate = false, path = '$'): [string, number][] {
  if (typeof value === 'number') return underCoordinate ? [[path, value]] : [];
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => coordinates(item, underCoordinate, `${path}[${i}]`));
  return Object.entries(value).flatMap(([key, item]) => coordinates(item, underCoordinate || COORDINATE_KEYS.includes(key), `${path}.${key}`));
}

/** Nested payloads: the original and the hub-translated form inside hops, as a recorded message has them. */
const payload: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    precise,
    fc.string({ maxLength: 8 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...COORDINATE_KEYS, ...OTHER_KEYS), tie('node'), { maxKeys: 4 }),
  ),
})).node;

const message = fc.record({
  type: fc.constant('msg.delivered'),
  data: fc.record({ payload, hops: fc.array(fc.record({ from: fc.constant('vehicle/car1'), to: fc.constant('home-cloud'), payload }), { maxLength: 3 }) }),
}) as fc.Arbitrary<Json>;

describe('coarsenLocation', () => {
  it('the navigation destination of a hub-translated payload is coarsened', () => {
    const translated = { 'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude': 31.22958, 'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Longitude': 121.45678 };
    const line = JSON.stringify({ type: 'msg.delivered', data: { payload: { latitude: 31.22958 }, hops: [{ payload: translated }] } });
    expect(mayHoldLocation(line)).toBe(true);
    const out = coarsenLine(line, JSON.stringify);
    expect(out.value).not.toContain('31.22958');
    expect(out.value).not.toContain('121.45678');
    expect(out.changed).toBe(3);
  });

  it('a VSS signal record whose path names a coordinate', () => {
    const { value } = coarsenLocation({ signals: [{ path: 'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude', value: 31.22958 }] });
    expect(value).toEqual({ signals: [{ path: 'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude', value: 31.23 }] });
  });

  it('rounds every coordinate at any depth, in the original and the translated payload, and nothing else', () => {
    fc.assert(
      fc.property(message, (event) => {
        const { value } = coarsenLocation(event);
        const before = coordinates(event);
        const after = new Map(coordinates(value));
        for (const [path, number] of before) expect(after.get(path), path).toBeCloseTo(Math.round(number * 100) / 100, 9);
        // Numbers under no coordinate key are untouched: strip the coordinates and compare the rest.
        const rest = (json: Json): string => JSON.stringify(json, (key, v: unknown) => (COORDINATE_KEYS.includes(key) ? '·' : v));
        expect(rest(value)).toBe(rest(event));
        // The text filter never skips a line that holds a coordinate.
        if (before.length > 0) expect(mayHoldLocation(JSON.stringify(event))).toBe(true);
        // And the line form gives the same result.
        expect(JSON.parse(coarsenLine(JSON.stringify(event), JSON.stringify).value)).toEqual(value);
      }),
      { numRuns: 1_000, seed: 16 },
    );
  });
});

describe('the diff the app is shown', () => {
  it('quotes payload differences with location coarsened, unless precise locations were asked for', () => {
    const file = dir.file('runs.db');
    const recorder = Recorder.open(file);
    for (const latitude of [31.22958, 31.24123]) {
      const b = new RunBuilder(1);
      const navigation = { 'Vehicle.Cabin.Infotainment.Navigation.DestinationSet.Latitude': latitude };
      b.at(100).message({ source: 'vehicle/car1', destination: 'home/h1/screen.central_panel', topic: 'navigation/set', payload: { destination: { latitude } }, hops: cloudHops('vehicle/car1', 'home/h1/screen.central_panel').map((hop) => ({ ...hop, payload: navigation })) });
      recordRun(recorder, b.build());
    }
    recorder.close();
    const coarse = formatDiffReport(diffRuns({ file, run: 1 }, { file, run: 2 }, { coarsenLocation: true }));
    expect(coarse).toContain('31.23');
    expect(coarse).not.toMatch(/31\.22958|31\.24123/);
    expect(formatDiffReport(diffRuns({ file, run: 1 }, { file, run: 2 }))).toContain('31.22958');
  });
});
