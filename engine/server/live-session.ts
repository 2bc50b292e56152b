// The live-session controller behind the app: it owns one ScenarioRun and the Pacer that paces its virtual
// clock, answers the protocol's commands, and publishes what the renderer shows — snapshots ~10×/s, message
// batches every 50 ms, verdicts as they settle and the final RunResult (with the report's SVG charts). Every run
// is recorded, from its first event to its verdict, into the same database as the CLI's runs.
import type {
  Architecture, AttachedSession, DeviceCommandRequest, DeviceCommandSent, EngineEvents, EventName, LoadScenarioRequest, RunState, RunStatus, SendTwinEventResult, SessionInfo, Snapshot, Speed,
  VehicleRoute,
  TwinEvent, TwinTransitions, TwinView, Verdict,
} from '../../protocol';
import { ARCHITECTURES } from '../../twins/bus/envelope';
import { Pacer, type WallClock } from '../../twins/kernel';
import type { Json } from '../../twins/kernel/types';
import { defaultRecordingFile } from '../cli/data-dir';
import { runLatencyHistogramSvg, runLoadCurveSvg } from '../report/svg-charts';
import { nodeWallClock } from '../runner/drive';
import type { RunResult } from '../runner/result';
import { judge, runHouseholdBaseline } from '../runner/run-scenario';
import { ScenarioRun } from '../runner/scenario-run';
import { loadScenarioFile, type ResolvedScenario } from '../scenario';
import type { Connectors } from '../connectors';
import { AppRecorder } from './app-recorder';
import { ExpectationWatch } from './expectation-watch';
import { sendDeviceCommand } from './device-command';
import { gridLive } from './grid-view';
import { handsOnScenario } from './hands-on';
import { LiveEndpoints, environmentBrokerPassword, type BrokerPasswordResolver } from './live-connectors';
import { MessageBatcher } from './message-batcher';
import { ScenarioCatalogue } from './scenario-catalogue';
import { sessionInfoOf } from './session-info';
import { vehicleRoutes } from './household-view';
import { buildSnapshot } from './snapshot';
import { TwinTransitionLog } from './twin-transitions';
import { twinAt, twinView } from './twin-view';

export type Publish = <E extends EventName>(event: E, payload: EngineEvents[E]) => void;

export interface LiveSessionOptions {
  catalogue?: ScenarioCatalogue;
  wallClock?: WallClock;
  /** How often message batches go out (wall ms); snapshots go out every second batch tick. */
  batchMs?: number;
  /** The recording database; default the user's (`defaultRecordingFile()`, TWINBENCH_DATA_DIR respected); null: do not record. */
  recordingFile?: string | null;
  /** A run started or finished recording (the Recordings panel refreshes). */
  onRecordingsChanged?: () => void;
  /** The password of a scenario's broker (the desktop app: its secret store); default TWINBENCH_BROKER_PASSWORD. */
  brokerPassword?: BrokerPasswordResolver;
}

interface Current {
  run: ScenarioRun;
  pacer: Pacer;
  batcher: MessageBatcher;
  /** The watched twins' state changes, pushed with the message batches (the state-chart view's log). */
  transitions: TwinTransitionLog;
  watch: ExpectationWatch;
  info: SessionInfo;
  firedSteps: { id: string; t: number }[];
  /** Every verdict published for this run, so a page that re-attaches shows them too. */
  verdicts: Verdict[];
  state: RunState;
  speed: Speed;
  note?: string;
  loadedAtWall: number;
  lastSnapshotT: number;
  dirty: boolean;
  offEvents: () => void;
  /** The scenario's real endpoints (live-connectors.ts): the clock waits while they attach and while a wire is held. */
  endpoints?: LiveEndpoints;
}

/** Who did what a person does at the device from the app (the inspector's form, a screen's buttons). */
export const IN_PERSON = 'in-person';

export class LiveSession {
  readonly catalogue: ScenarioCatalogue;
  private readonly wall: WallClock;
  private current: Current | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticks = 0;
  /** Finished runs per scenario and architecture, for the latency histogram across architectures. */
  private readonly results = new Map<string, Map<Architecture, RunResult>>();
  readonly recorder: AppRecorder;

  constructor(private readonly publish: Publish, private readonly options: LiveSessionOptions = {}) {
    this.catalogue = options.catalogue ?? new ScenarioCatalogue();
    this.wall = options.wallClock ?? nodeWallClock;
    const file = options.recordingFile === undefined ? defaultRecordingFile() : (options.recordingFile ?? undefined);
    this.recorder = new AppRecorder(file, () => options.onRecordingsChanged?.());
  }

  load(request: LoadScenarioRequest): SessionInfo {
    const file = this.catalogue.resolve(request.file);
    if (!ARCHITECTURES.includes(request.architecture)) throw new Error(`unknown architecture "${request.architecture}"; use ${ARCHITECTURES.join(', ')}`);
    let scenario: ResolvedScenario;
    try {
      scenario = loadScenarioFile(file, request.set ? { set: request.set } : {}).scenario;
    } catch (err) {
      // The user picked a handle, not a path: the error names the file by that handle (file:line:column), and
      // the session they had stays loaded (nothing was unloaded yet).
      throw new Error((err as Error).message.split(file).join(request.file), { cause: err });
    }
    if (request.seed !== undefined) scenario = { ...scenario, seed: request.seed };
    const handsOn = request.handsOn ?? true;
    const originalSteps = scenario.steps;
    if (handsOn) scenario = handsOnScenario(scenario);
    this.unload();

    // The recorder listens before the world is built, so the recording starts with twin.created and sim.started.
    const listeners = this.recorder.start(scenario, request.architecture);
    const run = new ScenarioRun(scenario, request.architecture, { listeners });
    const firedSteps: { id: string; t: number }[] = [];
    const current: Current = {
      run,
      pacer: new Pacer(run.sim.kernel.clock, this.wall, {
        endTime: run.endTime, onEnd: () => this.finish(current),
        canStep: () => current.endpoints?.holdsClock !== true,
      }),
      batcher: new MessageBatcher(run.sim.bus),
      transitions: new TwinTransitionLog(),
      watch: new ExpectationWatch(run, (outcome, t) => this.publishVerdict(current, { kind: 'expectation', t, outcome })),
      info: sessionInfoOf(run, request.file, handsOn, originalSteps),
      firedSteps, verdicts: [], state: 'ready', speed: 1, loadedAtWall: this.wall.now(), lastSnapshotT: -1, dirty: true,
      offEvents: run.sim.kernel.events.onEvent((event) => {
        current.transitions.observe(event);
        if (event.type === 'step.fired' && event.source === 'scenario') firedSteps.push({ id: String(event.data.step), t: event.t });
        // failWhen ends a paced run too; finish outside the event's own call stack.
        if (run.abortedBy !== undefined && current.state !== 'finished') {
          current.pacer.pause();
          queueMicrotask(() => this.finish(current));
        }
      }),
    };
    this.current = current;
    current.endpoints = new LiveEndpoints(run.sim, scenario.connectors, this.options.brokerPassword ?? environmentBrokerPassword, () => {
      if (this.current === current) this.publishState();
    });
    this.timer = setInterval(() => this.tick(), this.options.batchMs ?? 50);
    this.publishState();
    this.publishSnapshot();
    return current.info;
  }

  play(speed: Speed): RunStatus {
    const c = this.require();
    if (c.state === 'finished') throw new Error('the run is over: load the scenario again to replay it');
    if (speed !== 'max' && !(typeof speed === 'number' && speed > 0 && Number.isFinite(speed))) throw new Error(`speed must be a positive number or "max", got ${String(speed)}`);
    c.speed = speed;
    c.state = 'playing';
    c.pacer.setMode(speed === 'max' ? { kind: 'max' } : { kind: 'realtime', factor: speed });
    return this.publishState();
  }

  pause(): RunStatus {
    const c = this.require();
    if (c.state !== 'finished') {
      c.pacer.pause();
      c.state = 'paused';
    }
    return this.publishState();
  }

  step(): RunStatus {
    const c = this.require();
    if (c.state !== 'finished') {
      c.state = 'paused';
      c.pacer.step(); // may end the run (Pacer → onEnd → finish)
      c.dirty = true;
      this.publishSnapshot();
    }
    return this.publishState();
  }

  sendTwinEvent(address: string, event: TwinEvent): SendTwinEventResult {
    const c = this.require();
    if (c.state === 'finished') throw new Error('the run is over and judged: load the scenario again to interact');
    const twin = twinAt(c.run.sim, address);
    // A person acting at the device itself (turning the key, tapping the screen): no message, so no hop and no
    // security check. Recorded as such, from the device, so a replay or a report shows who moved it and how; a `by`
    // the form claims (a remote party's name) is replaced, as a hand on the device is nobody's remote command.
    const physical = { ...event, by: IN_PERSON } as TwinEvent;
    c.run.sim.kernel.events.emit('twin.physical_action', twin.id, { twin: twin.id, event: physical as unknown as Json, by: IN_PERSON });
    const refusal = twin.sendChecked(physical);
    c.dirty = true;
    this.publishSnapshot();
    return { ok: refusal === undefined, ...(refusal !== undefined ? { refusal } : {}), twin: twinView(c.run.sim, twin.id) };
  }

  sendDeviceCommand(request: DeviceCommandRequest): DeviceCommandSent {
    const c = this.require();
    if (c.state === 'finished') throw new Error('the run is over and judged: load the scenario again to interact');
    const sent = sendDeviceCommand(c.run.sim, request);
    c.dirty = true;
    return sent;
  }

  getTwin(address: string): TwinView {
    return twinView(this.require().run.sim, address);
  }

  /** Push `address`'s state changes from now on; answers with the ones kept so far. */
  watchTwin(address: string): TwinTransitions {
    const c = this.require();
    return c.transitions.watch(twinAt(c.run.sim, address).id);
  }

  get session(): SessionInfo | null {
    return this.current?.info ?? null;
  }

  snapshot(): Snapshot | null {
    const c = this.current;
    if (c === undefined) return null;
    const snapshot = buildSnapshot(c.run.sim, c.info.screens, c.firedSteps, c.batcher.total);
    return c.run.grid ? { ...snapshot, grid: gridLive(c.run.grid) } : snapshot;
  }

  /** Every driving car's current trip, for the map's route layer. */
  routes(): VehicleRoute[] {
    const c = this.current;
    return c ? vehicleRoutes(c.run.sim) : [];
  }

  /** The session as it stands, for a page that reloads: it carries on from here instead of starting empty. */
  attach(): AttachedSession {
    const c = this.current;
    return {
      session: this.session, status: this.status(), snapshot: this.snapshot(),
      messages: c?.batcher.attached() ?? { envelopes: [], total: 0, reset: true }, verdicts: c ? [...c.verdicts] : [],
    };
  }

  status(): RunStatus {
    const c = this.current;
    if (c === undefined) return { state: 'empty', speed: 1, t: 0, endTime: 0 };
    const note = c.note ?? c.endpoints?.note;
    return {
      state: c.state, speed: c.speed, t: c.run.sim.now, endTime: c.run.endTime, scenario: c.info.scenario, architecture: c.info.architecture,
      ...(note !== undefined ? { note } : {}),
    };
  }

  /** The current run's real endpoints, once attached. */
  get connectors(): Connectors | undefined {
    return this.current?.endpoints?.connectors;
  }

  /** Resolves once the current run's endpoints are attached or have failed (at once when it has none). */
  async connected(): Promise<void> {
    await this.current?.endpoints?.ready;
  }

  /** The scenario's current run, for hosts that attach more (tests, a recorder). */
  get run(): ScenarioRun | undefined {
    return this.current?.run;
  }

  /** Ends the current run (recorded as interrupted unless it finished); the session can load again. */
  unloadRun(): void {
    this.unload();
  }

  dispose(): void {
    this.unload();
    this.recorder.close();
  }

  private require(): Current {
    if (this.current === undefined) throw new Error('no scenario loaded: call loadScenario first');
    return this.current;
  }

  private unload(): void {
    const c = this.current;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (c === undefined) return;
    if (c.state !== 'finished') this.recorder.interrupt();
    c.pacer.pause();
    c.offEvents();
    c.watch.dispose();
    c.batcher.dispose();
    c.endpoints?.close();
    this.current = undefined;
  }

  private tick(): void {
    const c = this.current;
    if (c === undefined) return;
    this.flushMessages(c);
    if (++this.ticks % 2 === 0) {
      c.watch.checkTime();
      if (c.dirty || c.run.sim.now !== c.lastSnapshotT) this.publishSnapshot();
    }
  }

  private flushMessages(c: Current): void {
    const batch = c.batcher.flush();
    if (batch) this.publish('messages', batch);
    for (const transitions of c.transitions.flush()) this.publish('twinTransitions', transitions);
  }

  private publishSnapshot(): void {
    const c = this.current;
    const snapshot = this.snapshot();
    if (c === undefined || snapshot === null) return;
    c.lastSnapshotT = snapshot.t;
    c.dirty = false;
    this.publish('snapshot', snapshot);
  }

  private publishVerdict(c: Current, verdict: Verdict): void {
    c.verdicts.push(verdict);
    this.publish('verdict', verdict);
  }

  private publishState(): RunStatus {
    const status = this.status();
    this.publish('runState', status);
    return status;
  }

  private finish(c: Current): void {
    if (c.state === 'finished' || this.current !== c) return;
    c.state = 'finished';
    c.pacer.pause();
    if (c.run.abortedBy !== undefined) c.note = c.run.abortedBy;
    c.endpoints?.close(); // the run is over for the outside world too
    this.flushMessages(c);
    c.watch.checkTime();
    // A grid scene is judged against uncontrolled charging of the same evening (same seed), as runScenario does.
    // A household scene is judged against the rule-only household of the same seed.
    const baseline = c.run.grid ? new ScenarioRun(c.run.scenario, c.run.architecture, { chargingOverride: 'uncontrolled' }) : undefined;
    baseline?.runToEnd();
    const householdBaseline = c.run.household ? runHouseholdBaseline(c.run.scenario, c.run.architecture) : undefined;
    const result = judge(c.run, baseline ?? householdBaseline, this.wall.now() - c.loadedAtWall);
    this.recorder.finish(result);
    const byArchitecture = this.results.get(result.scenario) ?? new Map<Architecture, RunResult>();
    byArchitecture.set(result.architecture, result);
    this.results.set(result.scenario, byArchitecture);
    const runs = ARCHITECTURES.flatMap((a) => (byArchitecture.has(a) ? [byArchitecture.get(a)!] : []));
    const loadCurveSvg = runLoadCurveSvg([result], [result.architecture]);
    this.publishVerdict(c, {
      kind: 'final',
      result,
      charts: { latencySvg: runLatencyHistogramSvg(runs, runs.map((r) => r.architecture)), ...(loadCurveSvg !== undefined ? { loadCurveSvg } : {}) },
    });
    this.publishSnapshot();
    this.publishState();
  }
}
