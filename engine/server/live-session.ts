// The live-session controller behind the app: it decides which run is loaded (a LiveRun, live-run.ts: the
// ScenarioRun, the Pacer that paces its virtual clock and what watches it), answers the protocol's commands, and
// publishes what the renderer shows — snapshots ~10×/s, message batches every 50 ms, verdicts as they settle and
// the final RunResult with the report's SVG charts (final-verdict.ts). Every run is recorded, from its first
// event to its verdict, into the same database as the CLI's runs.
import type {
  AttachedSession, DeviceCommandRequest, DeviceCommandSent, EngineEvents, EventName, LoadScenarioRequest, RunStatus, SendTwinEventResult, SessionInfo, Snapshot, Speed,
  VehicleRoute, TwinEvent, TwinTransitions, TwinView, Verdict,
} from '../../protocol';
import { ARCHITECTURES } from '../../twins/bus/envelope';
import type { WallClock } from '../../twins/kernel';
import type { Json } from '../../twins/kernel/types';
import { defaultRecordingFile } from '../cli/data-dir';
import { nodeWallClock } from '../runner/drive';
import { judge, runBaselineOf } from '../runner/run-scenario';
import type { ScenarioRun } from '../runner/scenario-run';
import { loadScenarioFile, type ResolvedScenario } from '../scenario';
import type { Connectors } from '../connectors';
import { AppRecorder } from './app-recorder';
import { sendDeviceCommand } from './device-command';
import { FinishedRuns, finalVerdict } from './final-verdict';
import { handsOnScenario } from './hands-on';
import { environmentBrokerPassword, type BrokerPasswordResolver } from './live-connectors';
import { LiveRun } from './live-run';
import { ScenarioCatalogue } from './scenario-catalogue';
import { vehicleRoutes } from './household-view';
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

/** Who did what a person does at the device from the app (the inspector's form, a screen's buttons). */
export const IN_PERSON = 'in-person';

export class LiveSession {
  readonly catalogue: ScenarioCatalogue;
  private readonly wall: WallClock;
  private current: LiveRun | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticks = 0;
  /** Finished runs per scenario and architecture, for the latency histogram across architectures. */
  private readonly finished = new FinishedRuns();
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
    const current: LiveRun = new LiveRun(
      {
        scenario, architecture: request.architecture, listeners, wall: this.wall, brokerPassword: this.options.brokerPassword ?? environmentBrokerPassword,
        file: request.file, handsOn, originalSteps,
      },
      {
        onEnd: () => this.finish(current),
        onSettled: (verdict) => this.publishVerdict(current, verdict),
        onEndpointsChanged: () => {
          if (this.current === current) this.publishState();
        },
      },
    );
    this.current = current;
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
    return this.current?.snapshot() ?? null;
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
    return this.current?.status() ?? { state: 'empty', speed: 1, t: 0, endTime: 0 };
  }

  /** The current run's real endpoints, once attached. */
  get connectors(): Connectors | undefined {
    return this.current?.endpoints.connectors;
  }

  /** Resolves once the current run's endpoints are attached or have failed (at once when it has none). */
  async connected(): Promise<void> {
    await this.current?.endpoints.ready;
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

  private require(): LiveRun {
    if (this.current === undefined) throw new Error('no scenario loaded: call loadScenario first');
    return this.current;
  }

  private unload(): void {
    const c = this.current;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (c === undefined) return;
    if (c.state !== 'finished') this.recorder.interrupt();
    c.dispose();
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

  private flushMessages(c: LiveRun): void {
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

  private publishVerdict(c: LiveRun, verdict: Verdict): void {
    c.verdicts.push(verdict);
    this.publish('verdict', verdict);
  }

  private publishState(): RunStatus {
    const status = this.status();
    this.publish('runState', status);
    return status;
  }

  private finish(c: LiveRun): void {
    if (c.state === 'finished' || this.current !== c) return;
    c.state = 'finished';
    c.pacer.pause();
    if (c.run.abortedBy !== undefined) c.note = c.run.abortedBy;
    c.endpoints.close(); // the run is over for the outside world too
    this.flushMessages(c);
    c.watch.checkTime();
    // Judged as runScenario judges: a grid scene against uncontrolled charging of the same evening (same seed), a
    // household scene against the rule-only household of the same seed.
    const result = judge(c.run, runBaselineOf(c.run.scenario, c.run.architecture), this.wall.now() - c.loadedAtWall);
    this.recorder.finish(result);
    this.publishVerdict(c, finalVerdict(result, this.finished.add(result)));
    this.publishSnapshot();
    this.publishState();
  }
}
