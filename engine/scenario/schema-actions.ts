// What a step does: one action object keyed by the action's name (`doorbell: { home: h1 }`). The resolved
// form is a discriminated union on `type`, so the runner can `switch (action.type)` with full typing.
import { z } from 'zod';
import { ATTACK_KINDS } from '../../twins/sim/apps/attacker';
import { WEATHER_KINDS } from './engine-events';
import { setStateEventNames } from './name-catalogue';
import { SCENARIO_LIMITS } from './limits';
import { BandwidthAction, StopFlowAction, StreamAction, TransferAction } from './schema-flows';
import { Duration, Id, JsonRecord, TwinRef, exactlyOne } from './schema-kit';

export { ATTACK_KINDS };

const VoiceAction = z
  .strictObject({
    target: z.enum(['speaker', 'car']).describe('Who hears it: the home smart speaker or the car voice assistant.'),
    home: Id.optional().describe("Home of the speaker; defaults to the user's home."),
    vehicle: Id.optional().describe("Vehicle whose assistant hears it; defaults to the user's vehicle."),
    user: Id.optional().describe('Who speaks (for preferences and identity).'),
    utterance: z.string().min(1).describe('What is said, e.g. "I\'m going to work".'),
  })
  .describe('A voice command to the home speaker or the car assistant.');

const PressAction = z
  .strictObject({
    device: TwinRef.describe('Device whose button is pressed, e.g. h1/light.hallway.'),
    button: z.string().min(1).optional().describe('Which button, for devices with several.'),
  })
  .describe('Someone presses a physical button on a device.');

const DoorbellAction = z
  .strictObject({ home: Id.describe('Home whose door lock doorbell is pressed.') })
  .describe("A visitor presses the doorbell on the home's smart lock.");

const PromptAnswer = z.strictObject({
  screen: TwinRef.describe('Screen showing the prompt: vehicle/car1, h1/screen.central_panel, phone/alice…'),
  prompt: z.string().min(1).optional().describe('Id of the prompt answered; the active prompt when omitted.'),
});

const DriveAction = z
  .strictObject({
    vehicle: Id.describe('Vehicle that departs.'),
    to: z.string().min(1).describe("Destination: `home`, `work` or a place id of the map (e.g. a charger's id)."),
  })
  .describe('A vehicle drives to a destination along the fastest route.');

const PlugAction = z.strictObject({
  vehicle: z.union([Id, z.literal('*')]).describe('Vehicle concerned, or `*` for every vehicle that has a home.'),
  spread: Duration.optional().describe('With `*`: plug the cars in one by one at seeded random times within this duration.'),
  charger: z.string().min(1).optional().describe("Charger (EVSE) id; the home wallbox when omitted."),
  needKwh: z.number().positive().optional().describe('Energy the car needs by the charging deadline (07:00), kWh; charge to 80 % when omitted.'),
});

const SensorAction = z
  .strictObject({
    device: TwinRef.describe('A binary_sensor, e.g. h1/binary_sensor.kitchen_leak.'),
    state: z.enum(['triggered', 'cleared']).describe('triggered raises the alarm, cleared ends it.'),
  })
  .describe('A home sensor (leak, smoke, gas…) fires or clears.');

const SentryAction = z
  .strictObject({
    vehicle: Id.describe('Parked vehicle in sentry mode.'),
    event: z.enum(['scrape', 'impact']).describe('What sentry mode detects.'),
  })
  .describe('Sentry mode of a parked vehicle records a scrape or an impact.');

export const FAULT_KINDS = ['outage', 'latency', 'loss', 'offline', 'degraded', 'broker-restart'] as const;

const FaultAction = z
  .strictObject({
    target: z.string().min(1).describe('A link id (cellular, internet, lan…) or a gateway (home-cloud, h1/gateway…).'),
    kind: z.enum(FAULT_KINDS).describe('outage/latency/loss apply to links; offline/degraded/broker-restart to gateways.'),
    value: z.number().nonnegative().optional().describe('Added latency in ms (latency) or loss probability 0–1 (loss).'),
    duration: Duration.describe('How long the fault lasts.'),
  })
  .superRefine((fault, ctx) => {
    if ((fault.kind === 'latency' || fault.kind === 'loss') && fault.value === undefined) {
      ctx.addIssue({ code: 'custom', message: `a ${fault.kind} fault needs a value`, path: ['kind'], input: fault });
    }
    if (fault.kind === 'loss' && fault.value !== undefined && fault.value > 1) {
      ctx.addIssue({ code: 'custom', message: 'a loss value is a probability between 0 and 1', path: ['value'], input: fault });
    }
  })
  .describe('Inject a fault into a link or a gateway for a while.');

const WeatherAction = z
  .strictObject({
    kind: z.enum(WEATHER_KINDS).describe('The weather event.'),
    intensity: z.enum(['light', 'moderate', 'severe']).default('moderate').describe('How strong it is.'),
    duration: Duration.optional().describe('How long it lasts; until the end of the run when omitted.'),
    temperature: z.number().optional().describe('Outdoor temperature in °C during a heatwave.'),
  })
  .describe('A weather event (rainstorm: close windows, avoid flooded roads; heatwave: precooling).');

const SetStateAction = z
  .strictObject({
    twin: TwinRef.describe('Twin that receives the event.'),
    event: z.string().regex(/^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/, {
      error: 'a twin event is namespaced upper case, e.g. HVAC.SET_TARGET or DOOR.LOCK',
    }).meta({ enum: setStateEventNames() }).describe('Twin event name, e.g. COVER.OPEN, DOOR.LOCK; which ones depends on the twin.'),
    data: JsonRecord.default({}).describe('Event fields.'),
  })
  .describe('Send a named event straight to a twin (bypasses the message bus).');

const AttackAction = z
  .strictObject({
    kind: z.enum(ATTACK_KINDS).describe(
      'forged-unlock: claims the car, signed with another key; unsigned-unlock: no signature; replay-last-unlock: re-sends the last ' +
        'unlock seen on the wire; expired-token: signed by the car under a lapsed access grant; unpaired-car: a genuine car never paired with the home.',
    ),
    vehicle: Id.describe('The car whose identity is claimed or replayed; for unpaired-car, the stranger car that sends.'),
    home: Id.optional().describe("The home attacked; the vehicle's own home when omitted (required for unpaired-car)."),
    age: Duration.optional().describe('expired-token only: how long ago the presented access grant lapsed (1h when omitted).'),
  })
  .superRefine((attack, ctx) => {
    if (attack.kind === 'unpaired-car' && attack.home === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an unpaired-car attack needs `home`: the home the stranger car tries to open', path: ['kind'], input: attack });
    }
    if (attack.age !== undefined && attack.kind !== 'expired-token') {
      ctx.addIssue({ code: 'custom', message: `age applies only to expired-token (how long ago the grant lapsed), not to ${attack.kind}`, path: ['age'], input: attack });
    }
  })
  .describe("A penetration test (seed §5(7)): an attack on the home's remote unlock, which must be refused (security.refused) while the lock stays put.");

const ChargingAction = z
  .strictObject({
    strategy: z
      .enum(['uncontrolled', 'coordinated', 'external-csms'])
      .describe('coordinated shaves the transformer peak; external-csms leaves the wallbox limits to a real OCPP CSMS (connectors.ocpp or --ocpp).'),
  })
  .describe('Switch the charging strategy of all home wallboxes.');

const ACTION_SHAPE = {
  voice: VoiceAction,
  press: PressAction,
  doorbell: DoorbellAction,
  confirm: PromptAnswer.describe('The occupant confirms the prompt on a screen.'),
  decline: PromptAnswer.describe('The occupant declines the prompt on a screen.'),
  ignore: PromptAnswer.describe('The occupant sees the prompt and leaves it unanswered, so it expires.'),
  drive: DriveAction,
  plugIn: PlugAction.describe('Plug a vehicle into a charger.'),
  unplug: PlugAction.describe('Unplug a vehicle from its charger.'),
  sensor: SensorAction,
  sentry: SentryAction,
  fault: FaultAction,
  weather: WeatherAction,
  setState: SetStateAction,
  charging: ChargingAction,
  attack: AttackAction,
  stream: StreamAction,
  transfer: TransferAction,
  stopFlow: StopFlowAction,
  bandwidth: BandwidthAction,
};
export type ActionKind = keyof typeof ACTION_SHAPE;
export const ACTION_KINDS = Object.keys(ACTION_SHAPE) as ActionKind[];

type ActionParams = { [K in ActionKind]: z.output<(typeof ACTION_SHAPE)[K]> };
/**
 * A resolved action: `{ type: 'doorbell', home: 'h1' }`. The discriminant is `type` (like an XState event),
 * not `kind`, because fault and weather actions have a `kind` of their own.
 */
export type Action = { [K in ActionKind]: { type: K } & ActionParams[K] }[ActionKind];

/** The one key present (the schema has already checked there is exactly one). */
export function actionKindOf(action: Record<string, unknown>): ActionKind | undefined {
  return ACTION_KINDS.find((kind) => action[kind] !== undefined);
}

const OPTIONAL_ACTION_SHAPE = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, ACTION_SHAPE[kind].optional()])) as {
  [K in ActionKind]: z.ZodOptional<(typeof ACTION_SHAPE)[K]>;
};

export const ActionSchema = exactlyOne(
  z.strictObject(OPTIONAL_ACTION_SHAPE),
  { keys: ACTION_KINDS, noun: 'action', hint: ' (to do several things, list them under `do:`)' },
)
  .meta({ id: 'Action', minProperties: 1, maxProperties: 1, description: 'Exactly one action, keyed by its name.' })
  .transform((value): Action => {
    const type = actionKindOf(value)!;
    return { type, ...(value[type] as object) } as Action;
  });

export const ActionList = z
  .union([ActionSchema.transform((action) => [action]), z.array(ActionSchema).min(1).max(SCENARIO_LIMITS.actionsPerStep)], {
    error: (iss) => (iss.code === 'invalid_union' ? 'expected an action (e.g. `doorbell: { home: h1 }`) or a list of actions' : undefined),
  })
  .describe('One action, or a list of actions done at the same moment in order.');
