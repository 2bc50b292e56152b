// The engine⇄renderer contract: what the renderer may ask the engine (commands, each answered by a promise)
// and what the engine pushes to it (events, named `onSomething` on the client). One contract, two transports:
// a WebSocket in browser mode and Electron IPC in the desktop app. Types only — no code runs from here.
import type { Architecture, Envelope } from '../twins/bus/envelope';
import type { Json } from '../twins/kernel/types';
import type { DeviceCommandRequest, DeviceCommandSent, MessageBatch, RunStatus, SendTwinEventResult, Snapshot, Speed, TwinEvent, TwinTransitions, TwinView, VehicleRoute, Verdict } from './live-types';
import type { ArchitectureComparison } from './comparison-types';
import type { RecordedRuns, RunDiffView } from './recording-types';
import type { LoadScenarioRequest, ScenarioSummary, SessionInfo } from './session-types';

export type { Architecture, Envelope, Json };

/** What a reloaded page needs to show the session it left, as it was: no event is replayed to get there. */
export interface AttachedSession {
  session: SessionInfo | null;
  status: RunStatus;
  snapshot: Snapshot | null;
  /** The run's newest messages, as a batch that resets the page's log. */
  messages: MessageBatch;
  /** The verdicts published so far (expectations as they settled, then the final one), in order. */
  verdicts: Verdict[];
}
export type * from './live-types';
export type * from './session-types';
export type * from './run-result';
export type * from './recording-types';
export type * from './state-chart-types';
export type * from './comparison-types';

// ---- the contract -----------------------------------------------------------------------------------------

export interface EngineCommands {
  listScenarios: { request: void; response: ScenarioSummary[] };
  loadScenario: { request: LoadScenarioRequest; response: SessionInfo };
  play: { request: { speed: Speed }; response: RunStatus };
  pause: { request: void; response: RunStatus };
  /** Run the next scheduled callback of the virtual clock (pauses first). */
  step: { request: void; response: RunStatus };
  sendTwinEvent: { request: { twin: string; event: TwinEvent }; response: SendTwinEventResult };
  /** A device card's control: a command to a home device through the bus and the security layer (issue 18 §6). */
  sendDeviceCommand: { request: DeviceCommandRequest; response: DeviceCommandSent };
  getTwin: { request: { address: string }; response: TwinView };
  /**
   * Start pushing a twin's state changes (`onTwinTransitions`): answers with the ones the engine holds for it (the
   * newest TWIN_TRANSITIONS_KEPT), then each new one follows with the message batches. The engine watches the few
   * twins asked for most recently (a page that moves on to another twin needs not say so).
   */
  watchTwin: { request: { address: string }; response: TwinTransitions };
  getSnapshot: { request: void; response: Snapshot | null };
  getSession: { request: void; response: SessionInfo | null };
  /** Every driving car's current trip (planned path and timing), for the map's route layer; [] with no run. */
  getRoutes: { request: void; response: VehicleRoute[] };
  /** A page that (re)opens re-attaches to the session the engine kept: all it shows, in one answer (issue 18). */
  attach: { request: void; response: AttachedSession };
  /** Issue 7: send precise vehicle locations to the app (default: coarsened to ~1 km). */
  setPreciseLocations: { request: { precise: boolean }; response: { precise: boolean } };
  /** The recorded runs, newest first. */
  listRuns: { request: void; response: RecordedRuns };
  /** Replay a recorded run: the session becomes that run, shown through the same events as a live one. */
  openRun: { request: { runId: number }; response: SessionInfo };
  /** Move a replay to virtual time `t` (pauses it); live runs cannot go back in time. */
  seek: { request: { t: number }; response: RunStatus };
  diffRuns: { request: { a: number; b: number; toleranceMs?: number }; response: RunDiffView };
  /**
   * Run the loaded scene headless under every architecture (its own seed and parameters, prompts answered by its
   * script), on a worker process: the live run goes on meanwhile. Answers when every run is judged.
   */
  compareArchitectures: { request: void; response: ArchitectureComparison };
}

export interface EngineEvents {
  snapshot: Snapshot;
  messages: MessageBatch;
  verdict: Verdict;
  runState: RunStatus;
  /** The recorded runs changed (a run started or finished recording). */
  recordings: RecordedRuns;
  /** New state changes of a watched twin (see watchTwin), in order, none left out. */
  twinTransitions: TwinTransitions;
}

export type CommandName = keyof EngineCommands;
export type EventName = keyof EngineEvents;
export type CommandRequest<C extends CommandName> = EngineCommands[C]['request'];
export type CommandResponse<C extends CommandName> = EngineCommands[C]['response'];
export type Unsubscribe = () => void;

/** The low-level channel both transports implement: invoke a command, listen to an event. */
export interface Transport {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>>;
  listen<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe;
}

/** The typed API the renderer codes against: `api.play({ speed: 10 })`, `api.onSnapshot(fn)`. */
export type EngineApi = {
  [C in CommandName]: CommandRequest<C> extends void
    ? () => Promise<CommandResponse<C>>
    : (request: CommandRequest<C>) => Promise<CommandResponse<C>>;
} & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EngineEvents[E]) => void) => Unsubscribe;
};
