// Who and what is in the scene: users, homes with their devices, vehicles, initial gateway states, the grid
// feeding the homes, link-model overrides and the map. Device vocabulary follows Home Assistant / Matter
// (`climate`, `light`, `cover`, `binary_sensor` with `device_class`…), as the home twins do.
import { STANDARD_HOME } from '../../twins/sim/standard-home';
import { z } from 'zod';
import { Bitrate } from './quantities';
import { Duration, Id, JsonRecord, TimeOfDay, exactlyOne } from './schema-kit';
import { SCENARIO_LIMITS as LIMITS, formatLimit } from './limits';
import { CLOUD_IDS, ID_SOURCE } from './twin-refs';
import { HouseholdSchema } from './schema-household';

/** The device machines of twins/home (`deviceMachines`); a test keeps the two lists equal. */
export const DEVICE_TYPES = [
  'climate', 'light', 'cover', 'fan', 'lock', 'binary_sensor', 'camera', 'media_player', 'storage', 'evse', 'screen', 'alarm_control_panel',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const DeviceSchema = z
  .strictObject({
    type: z.enum(DEVICE_TYPES).describe('Home Assistant domain of the device.'),
    id: z
      .string()
      .regex(/^[a-z0-9_]+$/, { error: 'a device id is a Home Assistant object_id: lower case, digits and "_"' })
      .describe('object_id: the entity id is `<type>.<id>`, e.g. lock.front_door.'),
    name: z.string().optional().describe('Friendly name.'),
    device_class: z
      .enum(['moisture', 'smoke', 'gas', 'door', 'window', 'motion', 'occupancy'])
      .optional()
      .describe('binary_sensor only: what it senses.'),
    initial: JsonRecord.optional().describe('Initial attributes, e.g. { hvac_mode: cool, target_temperature: 24 }.'),
  })
  .refine((device) => device.device_class === undefined || device.type === 'binary_sensor', {
    error: 'device_class applies to binary_sensor devices only',
    path: ['device_class'],
  })
  .transform((device) => ({ ...device, entityId: `${device.type}.${device.id}` }))
  .meta({ id: 'Device', description: 'A home device twin.' });
export type Device = z.output<typeof DeviceSchema>;

type DeviceSpec = Omit<Device, 'entityId' | 'name' | 'initial'>;
const device = (type: DeviceType, id: string, device_class?: Device['device_class']): DeviceSpec =>
  device_class ? { type, id, device_class } : { type, id };

/** `devices: standard`: the home of the seed's scenes (§2.2) — climate, lights, curtains, purifier, lock… */
export const STANDARD_HOME_DEVICES: readonly DeviceSpec[] = STANDARD_HOME.map((d) =>
  device(d.type as DeviceType, d.id, d.deviceClass as Device['device_class']),
);

export function standardDevices(): Device[] {
  return STANDARD_HOME_DEVICES.map((spec) => ({ ...spec, entityId: `${spec.type}.${spec.id}` }));
}

export const HVAC_MODES = ['off', 'heat', 'cool', 'heat_cool', 'auto', 'dry', 'fan_only'] as const;

const UserSchema = z
  .strictObject({
    id: Id.describe('User id; their phone is phone/<id>.'),
    name: z.string().optional(),
    home: Id.optional().describe('Home the user lives in.'),
    vehicle: Id.optional().describe('Vehicle the user usually drives.'),
    preferences: z
      .strictObject({
        temperature: z.number().min(10).max(35).optional().describe('Preferred indoor/cabin temperature, °C.'),
        hvacMode: z.enum(HVAC_MODES).optional().describe('Preferred climate hvac_mode.'),
        lighting: z.enum(['soft', 'bright', 'off']).optional().describe('Preferred lighting scene on arrival.'),
        playlist: z.string().optional().describe('Playlist handed over between speaker and car.'),
      })
      .default({})
      .describe('One identity and preferences across car and home (unified account).'),
  })
  .meta({ id: 'User' });

export interface Home {
  id: string;
  devices: Device[];
}

const HomeSchema = z
  .strictObject({
    id: Id.describe('Home id; with `count`, the prefix of h1…hN.'),
    count: z.int().min(1).max(LIMITS.homes).optional().describe('Expand into `count` identical homes named <id>1 … <id><count>.'),
    devices: z
      .union([z.literal('standard'), z.array(DeviceSchema).max(LIMITS.devicesPerHome)])
      .default('standard')
      .describe('`standard` (the usual connected home) or an explicit device list.'),
  })
  .meta({ id: 'Home' });

/**
 * Ids of the homes an entry stands for (`{ id: h, count: 3 }` → h1, h2, h3). Used by the cross-checks too,
 * which run on documents the schema refused: a count past the limit stands for nothing rather than for a
 * billion ids.
 */
export function expandedHomeIds(home: { id: string; count?: number | undefined }): string[] {
  if (home.count === undefined) return [home.id];
  if (!(home.count >= 1 && home.count <= LIMITS.homes)) return [];
  return Array.from({ length: home.count }, (_, index) => `${home.id}${index + 1}`);
}

/** Refuses a list whose entries expand (through `count`) to more than `limit` twins in all. */
function expandsToAtMost(limit: number, noun: string) {
  return (entries: readonly { count?: number | undefined }[], ctx: z.core.$RefinementCtx<unknown>) => {
    let total = 0;
    for (const [index, entry] of entries.entries()) {
      total += entry.count ?? 1;
      // A count over the limit by itself is reported by its own `.max`.
      if (total > limit && !((entry.count ?? 0) > limit)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, ...(entry.count === undefined ? [] : ['count'])],
          message: `more than ${formatLimit(limit)} ${noun} in all (counts included); a scenario may have at most ${formatLimit(limit)}`,
          input: entry,
        });
      }
      if (total > limit) return;
    }
  };
}

/** Where a total is over its limit the entries are not expanded: the issue above is what the author sees. */
const withinTotal = (limit: number) => (entries: readonly { count?: number | undefined }[]) =>
  entries.reduce((total, entry) => total + (entry.count ?? 1), 0) <= limit;

export const HomeList = z
  .array(HomeSchema)
  .default([])
  .superRefine(expandsToAtMost(LIMITS.homes, 'homes'))
  .transform((homes): Home[] =>
    withinTotal(LIMITS.homes)(homes)
      ? homes.flatMap((home) =>
          expandedHomeIds(home).map((id) => ({
            id,
            devices: home.devices === 'standard' ? standardDevices() : home.devices.map((d) => ({ ...d })),
          })),
        )
      : [],
  )
  .describe('Homes; `count` expands one entry into many.');

const VehicleSchema = z
  .strictObject({
    id: Id.describe('Vehicle id; its address is vehicle/<id>. With `count`, the prefix of <id>1 … <id>N.'),
    count: z.int().min(1).max(LIMITS.vehicles).optional().describe('Expand into `count` vehicles; `home` and `owner` then name prefixes too (ev1 parks at h1).'),
    owner: Id.optional().describe('User who owns it.'),
    home: Id.optional().describe('Home where it parks and charges.'),
    vin: z
      .string()
      .regex(/^[A-HJ-NPR-Z0-9]{17}$/, { error: 'a VIN has 17 characters, digits and capitals except I, O, Q' })
      .optional()
      .describe('ISO 3779 VIN; generated when omitted.'),
    model: z.string().optional(),
    batteryKwh: z.number().positive().default(75).describe('Usable traction battery capacity, kWh.'),
    soc: z.number().min(0).max(1).default(0.8).describe('Initial state of charge, 0–1.'),
    at: z.string().min(1).default('home').describe('Where it is at t = 0: `home`, `work` or a place id.'),
  })
  .meta({ id: 'Vehicle' });

/** Ids a vehicle entry stands for (`{ id: ev, count: 3 }` → ev1, ev2, ev3). Used by the cross-checks too. */
export function expandedVehicleIds(vehicle: { id: string; count?: number | undefined }): string[] {
  return expandedHomeIds(vehicle);
}

function expandVehicle<T extends { id: string; count?: number | undefined; home?: string | undefined; owner?: string | undefined }>(v: T): Omit<T, 'count'>[] {
  const { count, ...rest } = v;
  if (count === undefined) return [rest];
  return Array.from({ length: count }, (_, i) => ({
    ...rest, id: `${v.id}${i + 1}`,
    ...(v.home !== undefined ? { home: `${v.home}${i + 1}` } : {}),
    ...(v.owner !== undefined ? { owner: `${v.owner}${i + 1}` } : {}),
  }));
}

export const GATEWAY_STATES = ['online', 'degraded', 'offline'] as const;
export const GATEWAY_ID_PATTERN = new RegExp(
  `^(?:${CLOUD_IDS.join('|')}|(?:phone|local)/${ID_SOURCE}|(?:home/)?${ID_SOURCE}/gateway)$`,
);

const GridSchema = z
  .strictObject({
    transformerKva: z.number().positive().describe('Rating of the distribution transformer feeding the homes, kVA.'),
    tariff: z
      .strictObject({
        peak: z.tuple([TimeOfDay, TimeOfDay]).describe('Peak window ["16:00", "21:00"].'),
        peakPrice: z.number().nonnegative().describe('Price per kWh in the peak window.'),
        offPeakPrice: z.number().nonnegative().describe('Price per kWh outside it.'),
        currency: z.string().default('CNY'),
      })
      .optional()
      .describe('Time-of-use tariff.'),
  })
  .describe('The low-voltage grid: where peak shaving matters.');

export const EntitiesSchema = z
  .strictObject({
    users: z.array(UserSchema).max(LIMITS.users).default([]),
    homes: HomeList,
    vehicles: z
      .array(VehicleSchema)
      .default([])
      .superRefine(expandsToAtMost(LIMITS.vehicles, 'vehicles'))
      .transform((list) => (withinTotal(LIMITS.vehicles)(list) ? list.flatMap(expandVehicle) : [])),
    gateways: z
      .record(
        z.string().regex(GATEWAY_ID_PATTERN, {
          error: (iss) =>
            `unknown gateway ${JSON.stringify(iss.input)}: use ${CLOUD_IDS.join(', ')}, <home>/gateway, local/<home> or phone/<user>`,
        }),
        z.enum(GATEWAY_STATES),
      )
      .default({})
      .describe('Initial gateway states (online when omitted), e.g. { home-cloud: degraded, h1/gateway: offline, local/h1: offline }.'),
    grid: GridSchema.optional(),
    household: HouseholdSchema.optional(),
  })
  .prefault({})
  .describe('Users, homes, vehicles, gateways, grid and household.');

/** Link models of twins/bus (`DEFAULT_LINK_MODELS`) that a scenario may tune; a test keeps the lists equal. */
export const LINK_IDS = ['cellular', 'phone-cellular', 'internet', 'home-broadband', 'lan', 'projection', 'near-field'] as const;
export type LinkId = (typeof LINK_IDS)[number];

const LinkOverride = z
  .strictObject({
    medianMs: z.number().nonnegative().optional().describe('Median one-way latency, ms.'),
    sigma: z.number().nonnegative().optional().describe('Log-normal shape of the latency.'),
    jitterMs: z.number().nonnegative().optional(),
    loss: z.number().min(0).max(1).optional().describe('Probability a transmission is lost.'),
    maxAttempts: z.int().min(1).max(LIMITS.linkAttempts).optional().describe('Transmissions before giving up (YD/T 4170 retransmission).'),
    ackTimeout: Duration.optional().describe('Wait for an acknowledgement before retransmitting.'),
    up: Bitrate.optional().describe('Uplink capacity streams and transfers share (from the car, phone or home towards the network).'),
    down: Bitrate.optional().describe('Downlink capacity streams and transfers share.'),
  })
  .meta({ id: 'LinkOverride', description: 'Overrides of a link model; unset fields keep the defaults.' });

export const LinksSchema = z
  .strictObject(
    Object.fromEntries(LINK_IDS.map((id) => [id, LinkOverride.optional()])) as Record<LinkId, z.ZodOptional<typeof LinkOverride>>,
  )
  .prefault({})
  .describe('Overrides of the link models, by link id.');

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
