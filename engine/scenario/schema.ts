// The scenario file format, defined once: this zod schema validates scenarios/*.yaml, types the resolved
// scenario, and generates scenarios/schema.json (editor autocomplete and hover text come from `.describe`).
import { z } from 'zod';
import { ConnectorsSchema } from './schema-connectors';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import { ParametersSchema } from './parameters';
import { BrandsSchema, HubSchema } from './schema-brands';
import { EntitiesSchema } from './schema-entities';
import { LinksSchema } from './schema-links';
import { MapSchema, type MapSpec } from './schema-map';
import { SCENARIO_LIMITS, formatLimit } from './limits';
import { Duration, StartTime, show } from './schema-kit';
import { ExpectationList, FailWhenList, StepList } from './schema-steps';
import { normalizeTwinRef } from './twin-refs';
import { NO_VERDICT } from './verdict';

export const SCENARIO_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const ArchitectureName = z.enum(ARCHITECTURES as readonly Architecture[], {
  error: (iss) => `unknown architecture ${show(iss.input)}; expected ${ARCHITECTURES.join(', ')}`,
});

const Architectures = z
  .union(
    [
      z.enum(['all', ...ARCHITECTURES] as ['all', ...Architecture[]], {
        error: (iss) => `unknown architecture ${show(iss.input)}; expected all, ${ARCHITECTURES.join(', ')} or a list of them`,
      }),
      z
        .array(ArchitectureName)
        .min(1, { error: 'list at least one architecture, or write `all`' })
        .refine((list) => new Set(list).size === list.length, { error: 'an architecture is listed twice' }),
    ],
    { error: (iss) => (iss.code === 'invalid_union' ? `expected all, an architecture or a list of them, got ${show(iss.input)}` : undefined) },
  )
  .default('all')
  .transform((value): Architecture[] => (value === 'all' ? [...ARCHITECTURES] : typeof value === 'string' ? [value] : value))
  .describe(
    'Integration architectures to run the scenario under (seed §2.3): `all`, one of cloud-cloud | direct | phone-proxy | local, or a list. Each is a separate run.',
  );

const ScenarioObject = z.strictObject({
  $schema: z.string().optional().describe('JSON Schema of this file, for editors.'),
  scenario: z
    .string()
    .regex(SCENARIO_ID_PATTERN, { error: (iss) => `invalid scenario id ${show(iss.input)}: use kebab-case, e.g. doorbell-across-screens` })
    .describe('Scenario id, kebab-case; `twinbench run <id>` finds it.'),
  title: z.string().min(1).optional().describe('Human title; the id when omitted.'),
  description: z.string().optional().describe('What the scene shows and why it matters.'),
  seed: z.int().min(0).default(1).describe('Seed of every random stream: same seed, same event stream.'),
  architectures: Architectures,
  startTime: StartTime.prefault('00:00'),
  duration: Duration.refine((ms) => ms <= SCENARIO_LIMITS.durationMs, {
    error: `a run lasts at most ${formatLimit(SCENARIO_LIMITS.durationMs / 86_400_000)} days of virtual time`,
  }).describe('Length of the run in virtual time (at most 30 days).'),
  arrivalLeadMinutes: z
    .number()
    .positive()
    .max(120)
    .default(5)
    .describe('Home mode and "X is N minutes away" fire when a car\'s ETA home falls to this many minutes (seed §2.2: 5).'),
  parameters: ParametersSchema,
  map: MapSchema,
  entities: EntitiesSchema,
  links: LinksSchema,
  brands: BrandsSchema,
  hub: HubSchema,
  connectors: ConnectorsSchema,
  steps: StepList,
  expect: ExpectationList,
  failWhen: FailWhenList,
  verdict: z
    .literal(NO_VERDICT, { error: (iss) => `invalid verdict ${show(iss.input)}: the only value is \`none\` (a demo that checks nothing)` })
    .optional()
    .describe(
      '`none` declares a demo without a verdict: it has no expectations and no failWhen, and its runs report "no verdict", never PASS. ' +
        'A scenario that checks nothing must say so.',
    ),
});

/** The input shape, as written in YAML (after parameter substitution). */
export type ScenarioInput = z.input<typeof ScenarioObject>;

export const ScenarioSchema = ScenarioObject.transform(({ $schema: _schema, ...scenario }) => {
  const map: MapSpec =
    scenario.map.kind === 'generate' && scenario.map.homes === undefined
      ? { ...scenario.map, homes: scenario.entities.homes.length }
      : scenario.map;
  const gateways: Record<string, 'online' | 'degraded' | 'offline'> = {};
  for (const [id, state] of Object.entries(scenario.entities.gateways)) gateways[normalizeTwinRef(id)] = state;
  return {
    ...scenario,
    title: scenario.title ?? scenario.scenario,
    map,
    entities: { ...scenario.entities, gateways },
  };
}).meta({
  title: 'Twinbench scenario',
  description: 'One scene of car–home interconnection: entities, a timeline of steps, and expectations.',
});

/** A validated scenario with defaults applied, before file-relative paths are resolved. */
export type ScenarioDocument = z.output<typeof ScenarioSchema>;
