// What changes while a run plays: snapshots (cars, homes, screens), the run's state, twin views, message batches
// and verdicts. Streamed by the engine as events or returned by commands.
import type { Architecture, Envelope } from '../twins/bus/envelope';
import type { Json } from '../twins/kernel/types';
import type { ExpectationResult, RunResult } from './run-result';
import type { StateChart } from './state-chart-types';

/** N× real time, or as fast as the simulation allows. */
export type Speed = number | 'max';

/** [id, x, y, heading (compass degrees), speed (km/h)]: compact, because 1,000 cars go out 10× a second. */
export type VehicleTuple = [id: string, x: number, y: number, headingDeg: number, speedKph: number];

export interface HomeStatus {
  id: string;
  /** Any `light` on. */
  lit: boolean;
  lightsOn: number;
  /** The front-door lock's state (`locked`, `unlocked`, `jammed`), or null when the home has none. */
  lock: string | null;
  /** The first climate's `hvac_mode`, or null. */
  hvacMode: string | null;
  /** The wallbox is delivering power. */
  charging: boolean;
}

export interface ScreenNotificationView {
  id: string;
  title: string;
  body: string;
  severity: 'info' | 'warning' | 'critical';
  at: number;
  acknowledged: boolean;
}

export interface ScreenStatus {
  address: string;
  notifications: ScreenNotificationView[];
  prompt: { id: string; question: string; options: string[]; shownAt: number; expiresAt: number } | null;
  pip: { source: string; title: string } | null;
}

/** A stream or transfer running now (twins/bus/flow-network.ts FlowView): what the flow view shows. */
export interface FlowSnapshot {
  id: string;
  kind: 'stream' | 'transfer';
  from: string;
  to: string;
  links: readonly string[];
  /** Its fair share now, kbit/s. */
  rateKbps: number;
  phase: 'starting' | 'playing' | 'stalled' | 'transferring';
  receivedBytes: number;
}

/** A device of the watched household as its card shows it: windows, sensors, climate (issue 18, outcomes). */
export interface DeviceReading {
  address: string;
  /** Home Assistant domain: `cover`, `binary_sensor`, `climate`, `lock`, `alarm_control_panel`. */
  kind: string;
  /** Words a user reads: `Living room window`, `Kitchen leak`. */
  name: string;
  /** The twin's state (`open`, `closed`, `on`, `off`, `cool` …). */
  state: string;
  /** For a window or curtain: `window` or `curtain`; for a binary sensor its device class (`moisture`, `smoke`, `gas`, `door`). */
  deviceClass?: string;
  /** A cover's position 0–100 (100 open). */
  position?: number;
  /** A climate's room temperature now and its target, °C (one decimal). */
  temperature?: number;
  targetTemperature?: number;
}

/** What the watched household's speaker is saying now (its queue's head), and what waits after it. */
export interface SpeakerStatus {
  address: string;
  speaking: string | null;
  /** When the line being spoken started (virtual ms). */
  since: number;
  queued: number;
}

/** The household the device-screens panel watches: its devices and its speaker. */
export interface HouseholdStatus {
  homeId: string;
  devices: DeviceReading[];
  speaker: SpeakerStatus | null;
}

/** A car's current trip as the map draws it: its planned path with the virtual time it reaches each point. */
export interface VehicleRoute {
  id: string;
  departAt: number;
  arriveAt: number;
  /** Points in local metres, flat [x0, y0, x1, y1, …]: the start, then each segment's end. */
  points: number[];
  /** Parallel to `points` / 2: when the car reaches each point (virtual ms). */
  times: number[];
}

export interface Snapshot {
  t: number;
  /** Wall-clock time of day in the scene, `HH:MM:SS`. */
  timeOfDay: string;
  vehicles: VehicleTuple[];
  homes: HomeStatus[];
  screens: ScreenStatus[];
  /** Steps fired so far with their virtual time, in firing order. */
  firedSteps: { id: string; t: number }[];
  messageCount: number;
  /** Streams and transfers running now (absent when none is). */
  flows?: FlowSnapshot[];
  /** A peak-shaving scene's transformer load so far (live runs only). */
  grid?: GridLive;
  /** Bumped whenever a car starts, changes or ends a trip: the map fetches `getRoutes` again when it moves. */
  routeVersion: number;
  /** The watched household's devices and speaker, or null when the scene has no home. */
  household: HouseholdStatus | null;
}

/** The transformer load sampled so far: [virtual ms, total kW, EV charging kW], once a minute. */
export interface GridLive {
  transformerKva: number;
  /** The planning limit as a share of the rating (the scene's pass line). */
  maxLoadShare: number;
  samples: [t: number, totalKw: number, evKw: number][];
}

export type RunState = 'empty' | 'ready' | 'playing' | 'paused' | 'finished';

export interface RunStatus {
  state: RunState;
  speed: Speed;
  t: number;
  endTime: number;
  scenario?: string;
  architecture?: Architecture;
  /** Why the run ended early (failWhen), or what went wrong. */
  note?: string;
  /** The recorded run being replayed, when this is a replay. */
  replayOf?: number;
}

/** A twin as the inspector shows it. */
export interface TwinView {
  address: string;
  kind: string;
  state: string;
  context: Json;
  /** For vehicle parts: every COVESA VSS signal of the vehicle at the current time. */
  signals?: Record<string, Json>;
  /** Event types the twin's machine accepts, for the "send an event" form. */
  acceptedEvents: string[];
  /** The machine's states and transitions, with the active ones, for the state chart. */
  chart?: StateChart;
}

export interface TwinEvent {
  type: string;
  [field: string]: Json;
}

export interface SendTwinEventResult {
  ok: boolean;
  /** The machine's reason when it refused the event (`command.rejected`). */
  refusal?: string;
  twin: TwinView;
}

/** An expectation's outcome: settled live (Verdict `expectation`) or in the final RunResult. */
export type ExpectationOutcome = ExpectationResult;

export type Verdict =
  /** An expectation settled while the run goes on (a deadline met or missed, a `never` broken). */
  | { kind: 'expectation'; t: number; outcome: ExpectationOutcome }
  /**
   * The run is over. Charts are SVG documents drawn by the engine's report code: the latency histogram of every
   * architecture run so far in this session for this scenario, and the load curves of a peak-shaving scene.
   */
  | { kind: 'final'; result: RunResult; charts: { latencySvg: string; loadCurveSvg?: string } };

export interface MessageBatch {
  /** New or changed envelopes since the last batch, whole (latest state wins; the renderer upserts by id). */
  envelopes: Envelope[];
  /**
   * Changes to messages an earlier batch carried whole: only what a message changes on its way (its outcome and
   * its hops from the one that was under way). A live run's message changes at every hop, and sending it whole each
   * time was most of the bytes a page parsed. An update for a message the receiver does not hold is dropped.
   */
  updates?: EnvelopeUpdate[];
  /** Messages sent so far in this run. */
  total: number;
  /** True for the first batch of a new run: drop what you had. */
  reset: boolean;
}

/**
 * A message's state now, given the state an earlier batch carried: hops before `hopsFrom` were final then (only the
 * last hop of a message is ever under way) and are unchanged; `hops` replaces the rest. Merge with mergeUpdate (in
 * place) or applyUpdate (a copy); `changedHop`, when present, is what changed in hop `hopsFrom - 1`.
 */
export interface EnvelopeUpdate {
  id: string;
  status: Envelope['status'];
  completedAt?: number;
  error?: string;
  failure?: Envelope['failure'];
  hopsFrom: number;
  hops: Envelope['hops'];
  /**
   * The fields of hop `hopsFrom - 1` that changed since the receiver got it (the hop that was under way then, now
   * arrived: its status, arrival time, attempts), instead of that hop again whole — it was a third of a batch's bytes.
   */
  changedHop?: Partial<Envelope['hops'][number]>;
}

/** A one-click device control: a home-cloud command (`turn_on`, `unlock`, `set_temperature` …) to a home device. */
export interface DeviceCommandRequest {
  /** The device twin, `home/<home>/<device>`. */
  device: string;
  /** The command, as the home cloud names it (Home Assistant service names). */
  command: string;
  attributes?: { [key: string]: Json };
}

/** The command is on its way; its response (or failure) arrives in the message flow under this id. */
export interface DeviceCommandSent {
  messageId: string;
  /** Where it entered: the home's gateway (signed as the app's enrolled party). */
  source: string;
}

/** One state change of a twin's machine, as the engine saw it in the canonical event stream. */
export interface TwinTransition {
  /** The event's sequence number in the run's stream: strictly increasing, so order and gaps are exact. */
  seq: number;
  /** Virtual time (ms): several transitions may share one. */
  t: number;
  from: string;
  to: string;
}

/**
 * A watched twin's transitions: the backlog when the page starts watching (`reset`), then each new one, pushed
 * with the message batches (issue 18: the state-chart view's log misses nothing, however fast the run).
 */
export interface TwinTransitions {
  address: string;
  transitions: TwinTransition[];
  /** This is the whole backlog the engine keeps for the twin: replace what the page holds. */
  reset: boolean;
  /**
   * Transitions of the twin left out just before the first one here: the engine's log is bounded, and so is one
   * push (TWIN_TRANSITIONS_KEPT). Non-zero on a push, the page's older ones are no longer continuous with these.
   */
  dropped: number;
}
