// Many brands (issue #17, part 7): carmakers and home ecosystems, each with its own cloud and payload schema,
// declared as data; the hub holds one adapter per brand to the canonical model (VSS / Matter-HA). `hub` stages
// integration mistakes a pilot must catch: a brand the hub has no adapter for, a unit the adapter forgets.
import { z } from 'zod';
import { BRAND_UNITS, brandSchemaProblem, type BrandSchema } from '../../twins/gateways/brand-adapter';
import { FAILURE_CODES } from './metric-names';
import { Id, Scalar } from './schema-kit';

/** Brands per side: a district pilot has a handful, never hundreds. */
const MAX_BRANDS = 32;

const Renames = z.record(z.string().min(1), z.string().min(1));

const BrandSchemaObject = z
  .strictObject({
    id: Id.describe('Brand id: its cloud is vehicle-cloud/<id> or home-cloud/<id>; metric names use it (pair.<car brand>.<home brand>.…).'),
    processingMs: z.number().nonnegative().max(60_000).optional().describe("Time the brand's cloud spends on each message, ms (a slow brand)."),
    latencyMs: z.number().nonnegative().max(60_000).optional().describe("Latency its cloud's own link adds to every hop leaving it, ms."),
    loss: z.number().min(0).max(1).optional().describe("Loss probability its cloud's own link adds to every hop touching it, 0–1 (a flaky brand)."),
    keys: Renames.optional().describe('Top-level keys renamed, canonical → brand, e.g. { vin: vehicleId, service: domain, params: data }.'),
    nest: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/, { error: 'nest is a dot path of plain keys, e.g. body.values' })
      .optional()
      .describe('Dot path where the brand nests its field object (params / attributes), e.g. body.values.'),
    fields: Renames.optional().describe('Field names renamed, canonical → brand, e.g. { Vehicle.Cabin.Door.Row1.DriverSide.IsLocked: doorLock }.'),
    names: Renames.optional().describe('Service, capability, action and command names renamed, e.g. { set_temperature: setpoint }.'),
    values: z
      .record(z.string().min(1), z.record(z.string(), Scalar))
      .optional()
      .describe('Enumerations per canonical field: canonical value → brand value, e.g. { state: { locked: 1, unlocked: 0 } }.'),
    units: z
      .record(z.string().min(1), z.strictObject({ canonical: z.enum(BRAND_UNITS), brand: z.enum(BRAND_UNITS) }))
      .optional()
      .describe('Units per canonical field, e.g. { temperature: { canonical: celsius, brand: fahrenheit } }.'),
  })
  .superRefine((brand, ctx) => {
    const problem = brandSchemaProblem(brand as BrandSchema);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: brand });
  })
  .meta({ id: 'Brand', description: "One brand's cloud and its own payload schema." });
export type BrandDeclaration = z.output<typeof BrandSchemaObject>;

export const BrandsSchema = z
  .strictObject({
    vehicle: z.array(BrandSchemaObject).max(MAX_BRANDS).default([]).describe('Carmaker brands (vehicle clouds).'),
    home: z.array(BrandSchemaObject).max(MAX_BRANDS).default([]).describe('Home ecosystem brands (home clouds).'),
  })
  .superRefine((brands, ctx) => {
    const seen = new Set<string>();
    for (const side of ['vehicle', 'home'] as const) {
      brands[side].forEach((brand, i) => {
        if (seen.has(brand.id)) ctx.addIssue({ code: 'custom', path: [side, i, 'id'], message: `brand "${brand.id}" is declared twice (brand ids are unique across both sides)`, input: brand.id });
        seen.add(brand.id);
      });
    }
  })
  .optional()
  .describe('Many brands: carmakers and home ecosystems, each with its own cloud and schema. Cars and homes name theirs with `brand`.');

export const HubSchema = z
  .strictObject({
    missingAdapters: z.array(Id).max(MAX_BRANDS).optional().describe("Brands the hub has no adapter for: their pairs' messages fail at the hub."),
    ignoreUnits: z
      .record(Id, z.array(z.string().min(1)).max(64))
      .optional()
      .describe("Per brand, fields whose unit conversion the hub's adapter forgets (°F read as °C)."),
  })
  .optional()
  .describe("The hub's adapters: one per brand, exact, unless the scene stages an integration mistake.");

/** `brand` on a home or vehicle entry: one brand, or a list dealt in turn to the entries a `count` expands into. */
export const BrandAssignmentSchema = z
  .union([Id, z.array(Id).min(1).max(MAX_BRANDS)])
  .optional()
  .describe('Brand (declared under `brands`); with `count`, a list is dealt in turn: [a, b] gives a, b, a, b…');

export const brandAt = (brand: string | readonly string[] | undefined, index: number): string | undefined =>
  brand === undefined ? undefined : typeof brand === 'string' ? brand : brand[index % brand.length];

/** Figures of one brand pair, as metric expectations name them: pair.<vehicle brand>.<home brand>.<figure>. */
export const PAIR_FIGURES = [
  'messages', 'delivered', 'failed', 'success_rate', 'failure_rate', 'latency.count', 'latency.p50', 'latency.p95', 'latency.p99', 'latency.max', 'latency.mean',
] as const;

/** Failure classes of the bus (twins/bus FailureCode), for pair.<v>.<h>.failures.<reason>. */
export const FAILURE_REASONS = [
  ...FAILURE_CODES,
  // A request whose response had not come back when the run ended.
  'unanswered',
] as const;
