// The timeline of a scenario: steps (a trigger and what to do), the expectations the run is judged by, and
// the conditions that end it early as failed. Ids are optional to write; missing ones are derived from the
// position (`doorbell-1`, `within-2`) so every verdict in a report can still be named.
import { z } from 'zod';
import { ActionList, type Action } from './schema-actions';
import { Duration, Id, Scalar, TwinRef, exactlyOne } from './schema-kit';
import { EventMatcher, fieldMatcher } from './schema-matchers';

/** Id given to an unnamed step, expectation or fail condition: what it is, then its 1-based position. */
export function derivedId(what: string | undefined, index: number): string {
  return `${what ?? 'item'}-${index + 1}`;
}

const GeofenceTrigger = z
  .strictObject({
    vehicle: Id.describe('Vehicle whose position is watched.'),
    fence: z.string().min(1).describe("Fence around a place: `home` (the vehicle's home), `work`, or a place id."),
    event: z.enum(['enter', 'exit']).describe('Crossing into or out of the fence.'),
    radiusM: z.number().positive().optional().describe('Fence radius in metres; the simulation default when omitted.'),
  })
  .describe('Fires when the vehicle crosses a geofence.');

const OnTrigger = exactlyOne(
  z.strictObject({
    geofence: GeofenceTrigger.optional(),
    event: EventMatcher.optional().describe('Fires on the first matching event of the canonical stream.'),
  }),
  { keys: ['geofence', 'event'], noun: 'trigger' },
).meta({ minProperties: 1, maxProperties: 1, description: 'A reactive trigger: a geofence crossing or an event.' });

const AfterTrigger = z
  .strictObject({
    step: Id.describe('The step whose actions must have been done.'),
    delay: Duration.default(0).describe('Wait this long after that step.'),
  })
  .describe("Fires after another step's actions are done.");

const TRIGGER_KEYS = ['at', 'on', 'after'] as const;

export type Trigger =
  | { kind: 'at'; at: number }
  | ({ kind: 'geofence' } & z.output<typeof GeofenceTrigger>)
  | { kind: 'event'; event: z.output<typeof EventMatcher> }
  | ({ kind: 'after' } & z.output<typeof AfterTrigger>);

export interface Step {
  id: string;
  description?: string;
  trigger: Trigger;
  /** Done in order at the same virtual instant. */
  actions: Action[];
}

const StepSchema = exactlyOne(
  z.strictObject({
    id: Id.optional().describe('Step id, referred to by `after.step` and `within.of.step`; derived when omitted.'),
    description: z.string().optional().describe('What this step stands for in the story.'),
    at: Duration.optional().describe('Trigger: at this virtual time after the start.'),
    on: OnTrigger.optional(),
    after: AfterTrigger.optional(),
    do: ActionList,
  }),
  { keys: TRIGGER_KEYS, noun: 'trigger', hint: ' (a step has one trigger: at, on or after)' },
).meta({ id: 'Step', description: 'A trigger (at, on or after) and what to do when it fires.' });

function triggerOf(step: z.output<typeof StepSchema>): Trigger {
  if (step.at !== undefined) return { kind: 'at', at: step.at };
  if (step.after !== undefined) return { kind: 'after', ...step.after };
  if (step.on?.geofence !== undefined) return { kind: 'geofence', ...step.on.geofence };
  if (step.on?.event !== undefined) return { kind: 'event', event: step.on.event };
  // No trigger at all (e.g. a typo such as `ats: 2m`): exactlyOne has already reported it with its position, but
  // zod still runs this transform on the invalid step — found by the fuzz test. The placeholder is never used.
  return { kind: 'at', at: 0 };
}

export const StepList = z
  .array(StepSchema)
  .default([])
  .transform((steps): Step[] =>
    steps.map((step, index) => ({
      id: step.id ?? derivedId(step.do[0]?.type, index),
      ...(step.description !== undefined && { description: step.description }),
      trigger: triggerOf(step),
      actions: step.do,
    })),
  )
  .describe('What happens, in the order written (order only matters for steps that fire at the same instant).');

const MetricBound = z.number().describe('Bound on the metric.');
const CountBound = z.int().min(0).describe('Bound on the number of matching events.');

/** lte/gte/eq bounds: at least one, and a lower bound above the upper one can never hold. */
function bounded<T extends { lte?: number | undefined; gte?: number | undefined; eq?: number | undefined }>(what: string) {
  return (value: T, ctx: z.core.$RefinementCtx<T>): void => {
    if (value.lte === undefined && value.gte === undefined && value.eq === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} needs a bound: lte, gte or eq`, input: value });
    }
    if (value.lte !== undefined && value.gte !== undefined && value.gte > value.lte) {
      ctx.addIssue({ code: 'custom', path: ['gte'], message: `empty range: gte ${value.gte} is above lte ${value.lte}, so the check can never pass`, input: value });
    }
  };
}

const EXPECTATION_SHAPE = {
  within: z
    .strictObject({
      ms: Duration.describe('Deadline after the reference step fired (ms or a duration string); the event at exactly the deadline passes.'),
      minMs: Duration.optional().describe('Lower bound: the first matching event must not come sooner than this after the step.'),
      of: z.strictObject({ step: Id.describe('Reference step.') }).describe('When the clock starts.'),
      event: EventMatcher,
    })
    .superRefine((within, ctx) => {
      if (within.minMs !== undefined && within.minMs > within.ms) {
        ctx.addIssue({ code: 'custom', path: ['minMs'], message: `minMs ${within.minMs} ms is above the budget ms ${within.ms} ms, so nothing can pass`, input: within });
      }
    })
    .describe('The first matching event after a step must come within a budget (and, with minMs, not too soon).'),
  state: z
    .strictObject({
      twin: TwinRef,
      path: z.string().min(1).describe('Dotted path in the twin snapshot: `state`, `context.target_temperature`…'),
      equals: Scalar.optional().describe('Expected value (exactly); or give `is`.'),
      is: fieldMatcher('What the value must satisfy, e.g. { gte: 21, lte: 23 } or { in: [on, dimmed] }; instead of equals.').optional(),
      at: Duration.optional().describe('When to look; at the end of the run when omitted.'),
    })
    .superRefine((state, ctx) => {
      if ((state.equals === undefined) === (state.is === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'a state expectation needs exactly one of equals (a value) or is (a matcher)', input: state });
      }
    })
    .describe("A twin's state at a moment."),
  metric: z
    .strictObject({
      name: z.string().min(1).describe('Metric name, e.g. latency.e2e.p95, delivery.success_rate, grid.peak_kw.'),
      lte: MetricBound.optional(),
      gte: MetricBound.optional(),
      eq: MetricBound.optional(),
    })
    .superRefine(bounded('a metric expectation'))
    .describe('A metric of the run compared with bounds (eq is exact).'),
  never: z.strictObject({ event: EventMatcher }).describe('The event must never happen.'),
  eventually: z
    .strictObject({
      event: EventMatcher,
      by: Duration.optional().describe('Deadline (an event at exactly this time passes); the end of the run when omitted.'),
    })
    .describe('The event must happen by a time.'),
  count: z
    .strictObject({
      event: EventMatcher,
      eq: CountBound.optional(),
      gte: CountBound.optional(),
      lte: CountBound.optional(),
    })
    .superRefine(bounded('a count expectation'))
    .describe('How many times the event happens over the run.'),
  order: z
    .strictObject({
      first: EventMatcher.describe('The event that must come first.'),
      then: EventMatcher.describe('The event that must come after it; its first occurrence is the one judged.'),
    })
    .describe('Both events happen, and the first occurrence of `then` comes after an occurrence of `first`.'),
};
export type ExpectationKind = keyof typeof EXPECTATION_SHAPE;
export const EXPECTATION_KINDS = Object.keys(EXPECTATION_SHAPE) as ExpectationKind[];

type ExpectationParams = { [K in ExpectationKind]: z.output<(typeof EXPECTATION_SHAPE)[K]> };
export type Expectation = {
  [K in ExpectationKind]: { id: string; description?: string; kind: K } & ExpectationParams[K];
}[ExpectationKind];

const OPTIONAL_EXPECTATION_SHAPE = Object.fromEntries(
  EXPECTATION_KINDS.map((kind) => [kind, EXPECTATION_SHAPE[kind].optional()]),
) as { [K in ExpectationKind]: z.ZodOptional<(typeof EXPECTATION_SHAPE)[K]> };

const ExpectationSchema = exactlyOne(
  z.strictObject({
    id: Id.optional().describe('Expectation id shown in the verdicts; derived when omitted.'),
    description: z.string().optional(),
    ...OPTIONAL_EXPECTATION_SHAPE,
  }),
  { keys: EXPECTATION_KINDS, noun: 'expectation' },
).meta({ id: 'Expectation', description: 'One check: within, state, metric, never, eventually, count or order.' });

export const ExpectationList = z
  .array(ExpectationSchema)
  .default([])
  .transform((list): Expectation[] =>
    list.map((item, index) => {
      const kind = EXPECTATION_KINDS.find((key) => item[key] !== undefined)!;
      return {
        id: item.id ?? derivedId(kind, index),
        ...(item.description !== undefined && { description: item.description }),
        kind,
        ...(item[kind] as object),
      } as Expectation;
    }),
  )
  .describe('What the run is judged by.');

export interface FailCondition {
  id: string;
  description?: string | undefined;
  event: z.output<typeof EventMatcher>;
}

export const FailWhenList = z
  .array(
    z
      .strictObject({
        id: Id.optional(),
        description: z.string().optional(),
        event: EventMatcher,
      })
      .describe('Ends the run early as failed when the event happens.'),
  )
  .default([])
  .transform((list): FailCondition[] =>
    list.map((item, index) => ({ ...item, id: item.id ?? derivedId('fail', index) })),
  )
  .describe('Events that end the run early as failed (e.g. a door unlocked without confirmation).');
