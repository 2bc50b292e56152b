// Who is in the scene: users, homes, vehicles (with `count` expanding one entry into many), initial gateway
// states, the grid feeding the homes, the household and family accounts. A home's devices are in
// schema-devices.ts; link-model overrides (schema-links.ts) and the map (schema-map.ts) are not entities.
import { z } from 'zod';
import { Id, TimeOfDay } from './schema-kit';
import { DeviceSchema, standardDevices, type Device } from './schema-devices';
import { SCENARIO_LIMITS as LIMITS, formatLimit } from './limits';
import { BrandAssignmentSchema, brandAt } from './schema-brands';
import { BRAND_CLOUD_SOURCE, CLOUD_IDS, ID_SOURCE } from './twin-refs';
import { HouseholdSchema } from './schema-household';

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
    leavesWorkAt: TimeOfDay.optional().describe('When the user usually leaves work ("18:00"): the home predicts the evening arrival from it.'),
    calendar: z
      .array(
        z.strictObject({
          title: z.string().min(1).describe('What it is, e.g. Overtime.'),
          from: TimeOfDay.describe('Start, "HH:MM".'),
          to: TimeOfDay.describe('End, "HH:MM" (after `from`, same day).'),
        }).refine((entry) => entry.to > entry.from, { error: 'a calendar entry ends after it starts (`to` later than `from`, same day)', path: ['to'] }),
      )
      .max(LIMITS.calendarEntries)
      .default([])
      .describe("The user's calendar (unified account): an entry running at the usual leaving time (overtime) moves the predicted departure to its end."),
  })
  .meta({ id: 'User' });

export interface Home {
  id: string;
  devices: Device[];
  precool: 'plan' | 'off';
  brand?: string;
  /** Bidirectional wallbox (V2H/V2G): its discharge maximum, kW. */
  wallboxDischargeKw?: number;
}

const HomeSchema = z
  .strictObject({
    id: Id.describe('Home id; with `count`, the prefix of h1…hN.'),
    count: z.int().min(1).max(LIMITS.homes).optional().describe('Expand into `count` identical homes named <id>1 … <id><count>.'),
    devices: z
      .union([z.literal('standard'), z.array(DeviceSchema).max(LIMITS.devicesPerHome)])
      .default('standard')
      .describe('`standard` (the usual connected home) or an explicit device list.'),
    precool: z
      .enum(['plan', 'off'])
      .default('plan')
      .describe('In a heatwave, `plan` starts the AC early enough to reach the precool setpoint by the predicted arrival; `off` leaves it to home mode.'),
    brand: BrandAssignmentSchema,
    wallboxDischargeKw: z.number().positive().max(1_000).optional().describe(
      "The home's wallbox is bidirectional (V2H/V2G): the most it draws from the car, kW. Charge only when omitted.",
    ),
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
          expandedHomeIds(home).map((id, index) => {
            const brand = brandAt(home.brand, index);
            return {
              id,
              devices: home.devices === 'standard' ? standardDevices() : home.devices.map((d) => ({ ...d })),
              precool: home.precool,
              ...(brand !== undefined ? { brand } : {}),
              ...(home.wallboxDischargeKw !== undefined ? { wallboxDischargeKw: home.wallboxDischargeKw } : {}),
            };
          }),
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
    avoidFloods: z.boolean().default(true).describe('Navigation routes around flooded roads and reroutes when a flood closes the road ahead.'),
    brand: BrandAssignmentSchema,
  })
  .meta({ id: 'Vehicle' });

/** Ids a vehicle entry stands for (`{ id: ev, count: 3 }` → ev1, ev2, ev3). Used by the cross-checks too. */
export function expandedVehicleIds(vehicle: { id: string; count?: number | undefined }): string[] {
  return expandedHomeIds(vehicle);
}

type BrandField = { brand?: string | string[] | undefined };
function expandVehicle<T extends { id: string; count?: number | undefined; home?: string | undefined; owner?: string | undefined } & BrandField>(
  v: T,
): (Omit<T, 'count' | 'brand'> & { brand?: string })[] {
  const { count, brand, ...rest } = v;
  const branded = (i: number) => {
    const b = brandAt(brand, i);
    return b === undefined ? {} : { brand: b };
  };
  if (count === undefined) return [{ ...rest, ...branded(0) }];
  return Array.from({ length: count }, (_, i) => ({
    ...rest, id: `${v.id}${i + 1}`, ...branded(i),
    ...(v.home !== undefined ? { home: `${v.home}${i + 1}` } : {}),
    ...(v.owner !== undefined ? { owner: `${v.owner}${i + 1}` } : {}),
  }));
}

export const GATEWAY_STATES = ['online', 'degraded', 'offline'] as const;
export const GATEWAY_ID_PATTERN = new RegExp(
  `^(?:${CLOUD_IDS.join('|')}|${BRAND_CLOUD_SOURCE}|(?:phone|local)/${ID_SOURCE}|(?:home/)?${ID_SOURCE}/gateway)$`,
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

const AccountSchema = z
  .strictObject({
    id: Id.describe('Account id, e.g. family.'),
    home: Id.describe('The home the family shares.'),
    members: z
      .array(z.strictObject({
        user: Id.describe('A user of the scenario.'),
        homeControl: z.boolean().default(true).describe('May control the home from the car (an access grant of the home cloud).'),
      }))
      .min(1)
      .max(LIMITS.users)
      .describe('Family members.'),
    media: z
      .strictObject({
        subscription: z.string().min(1).describe('The media subscription, e.g. music-plus.'),
        holder: Id.describe('The member who holds it: what plays follows them from the home speaker into their car.'),
        playlist: z.string().min(1).describe('What is playing.'),
      })
      .optional(),
  })
  .meta({ id: 'Account' });

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
            `unknown gateway ${JSON.stringify(iss.input)}: use ${CLOUD_IDS.join(', ')}, vehicle-cloud/<brand>, home-cloud/<brand>, <home>/gateway, local/<home> or phone/<user>`,
        }),
        z.enum(GATEWAY_STATES),
      )
      .default({})
      .describe('Initial gateway states (online when omitted), e.g. { home-cloud: degraded, h1/gateway: offline, local/h1: offline }.'),
    grid: GridSchema.optional(),
    household: HouseholdSchema.optional(),
    accounts: z.array(AccountSchema).max(LIMITS.users).default([]).describe('Unified accounts: one identity per family across car and home.'),
  })
  .prefault({})
  .describe('Users, homes, vehicles, gateways, grid and household.');

