// `map:` in the scenario file: a city generated from the seed, or a GeoJSON file. Exactly one source; the
// transform gives the runner a tagged MapSpec instead of two optional keys.
import { z } from 'zod';
import { SCENARIO_LIMITS as LIMITS } from './limits';
import { exactlyOne } from './schema-kit';

const MapGenerate = z
  .strictObject({
    blocks: z.int().min(1).max(LIMITS.mapBlocks).default(16).describe('City blocks along each side of the grid (16 × 250 m: a 4 km town, so commutes cross the home geofence).'),
    blockSizeM: z.number().positive().default(250).describe('Side of a block, metres.'),
    homes: z.int().min(0).max(LIMITS.mapPlaces).optional().describe('Home plots; at least the number of homes declared (the default).'),
    workplaces: z.int().min(0).max(LIMITS.mapPlaces).default(2),
    chargers: z.int().min(0).max(LIMITS.mapPlaces).default(2).describe('Public chargers.'),
  })
  .describe('Generate a city from the seed.');

export type MapSpec =
  | ({ kind: 'generate' } & z.output<typeof MapGenerate>)
  | { kind: 'geojson'; path: string };

export const MapSchema = exactlyOne(
  z.strictObject({
    generate: MapGenerate.optional(),
    geojson: z.string().min(1).optional().describe('GeoJSON map file, relative to the scenario file.'),
  }),
  { keys: ['generate', 'geojson'], noun: 'map source' },
)
  .meta({ minProperties: 1, maxProperties: 1 })
  .prefault({ generate: {} })
  .transform((map): MapSpec => (map.geojson !== undefined ? { kind: 'geojson', path: map.geojson } : { kind: 'generate', ...map.generate! }))
  .describe('The map: generated from the seed, or loaded from GeoJSON.');
