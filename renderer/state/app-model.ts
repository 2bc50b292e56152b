// The renderer's one model of the engine: it mirrors what the engine publishes (session, run state, snapshots,
// messages, verdicts) into stores the panels read, and turns the user's clicks into protocol commands. It keeps
// no rules of the simulation — every decision is the engine's; this only remembers and forwards.
import type {
  ArchitectureComparison, AttachedSession, DeviceCommandRequest, DeviceCommandSent, EngineApi, ExpectationOutcome, LoadScenarioRequest, MessageBatch, RecordedRuns, RunDiffView, RunStatus, ScenarioSummary, SendTwinEventResult, SessionInfo,
  Snapshot, Speed, TwinEvent, TwinView, Verdict,
} from '../../protocol';
import { LiveLatencyTracker } from '../views/charts/live-latency';
import { MapEvents } from './map-events';
import { MessageLog } from './message-log';
import { Store } from './store';
import { TwinTransitionsLog } from './twin-transitions';

export interface MapLayerStats {
  /** Routes drawn, of how many cars driving (a crowd draws only the story's cars'). */
  routes: number;
  routesDriving: number;
  routeSegments: number;
  routeSegmentsDriven: number;
  arcs: number;
  /** The architectures of the arcs drawn (in the last frame that drew any), as the legend colours them. */
  arcArchitectures: string[];
  pulses: number;
}

export const emptyLayerStats = (): MapLayerStats => ({ routes: 0, routesDriving: 0, routeSegments: 0, routeSegmentsDriven: 0, arcs: 0, arcArchitectures: [], pulses: 0 });

export type FinalVerdict = Extract<Verdict, { kind: 'final' }>;

export interface AppState {
  connected: boolean;
  scenarios: ScenarioSummary[];
  session: SessionInfo | null;
  status: RunStatus;
  snapshot: Snapshot | null;
  /** Expectations settled during the run, in the order they settled. */
  liveVerdicts: { outcome: ExpectationOutcome; t: number }[];
  final: FinalVerdict | null;
  /** The last command that failed, in the engine's words. */
  error: string | null;
  /** Why the last Load failed (file:line:column), shown by the Load button; cleared by the next load. */
  loadError: string | null;
  selectedTwin: string | null;
  selectedMessage: string | null;
  /** The car the map camera tracks, or null. */
  followedVehicle: string | null;
  /** The map's story layers (routes, message arcs, pulses) are drawn; off, the map shows the city and the cars only. */
  storyLayers: boolean;
  /** Issue 7: the user opted in to precise vehicle locations (the engine coarsens them otherwise). */
  preciseLocations: boolean;
  busy: boolean;
  /** The recorded runs, as the engine last listed them. */
  recordings: RecordedRuns | null;
  /** The last diff of two recorded runs. */
  diff: RunDiffView | null;
  /** The loaded scene run under every architecture (issue 18 §4), while it runs, then its answer. */
  comparison: { state: 'running' } | { state: 'done'; result: ArchitectureComparison } | { state: 'failed'; error: string } | null;
}

const EMPTY_STATUS: RunStatus = { state: 'empty', speed: 1, t: 0, endTime: 0 };

export class AppModel {
  readonly store = new Store<AppState>({
    connected: false, scenarios: [], session: null, status: EMPTY_STATUS, snapshot: null, liveVerdicts: [], final: null, error: null, loadError: null,
    selectedTwin: null, selectedMessage: null, followedVehicle: null, storyLayers: true, preciseLocations: false, busy: false, recordings: null, diff: null,
    comparison: null,
  });
  readonly messages = new MessageLog();
  /** The run's end-to-end latency, kept up per message as the log takes it in (the live latency chart reads it). */
  readonly latency = new LiveLatencyTracker();
  /** Messages in flight between cars and homes, and the pulses of the story's moments, for the map's layers. */
  readonly mapEvents = new MapEvents();
  /** The watched twin's state changes as the engine pushes them (the state-chart view's log). */
  readonly twinTransitions = new TwinTransitionsLog();
  /** What the 3D view actually drew, for the test hook (the frame loop writes it, nothing re-renders on it). */
  readonly renderStats: {
    vehicleInstances: number;
    frames: number;
    /** Where a car is drawn, in canvas pixels (tests click there), or undefined when it is not drawn. */
    vehicleCanvasPoint?: (vehicleId: string) => [number, number] | undefined;
    /** Where a car is drawn in the scene (x, z on the ground), for the camera that follows it. */
    vehicleScenePoint?: (vehicleId: string) => [number, number] | undefined;
    /** The orbit camera's target, written by its frame loop. */
    cameraTarget: [number, number, number];
    /** How far the camera is from its target (the map's zoom), written by the same loop. */
    cameraDistance: number;
    /** The map's story layers as last drawn: routes (segments, of which driven), message arcs, live pulses. */
    layers: MapLayerStats;
    /** A point on the ground (scene x, z) the camera should move over, set by the map's keyboard list. */
    mapFocus?: [number, number];
    /** Frames that drew at least one message arc (messages fly for a fraction of a second: tests read this). */
    arcFrames: number;
  } = { vehicleInstances: 0, frames: 0, cameraTarget: [0, 0, 0], cameraDistance: 0, layers: emptyLayerStats(), arcFrames: 0 };

  constructor(readonly api: EngineApi) {
    this.messages.observe(this.latency);
    api.onSnapshot((snapshot) => this.store.set({ snapshot }));
    api.onMessages((batch) => this.takeMessages(batch));
    api.onRunState((status) => this.store.set({ status }));
    api.onRecordings((recordings) => this.store.set({ recordings }));
    api.onTwinTransitions((batch) => this.twinTransitions.apply(batch));
    api.onVerdict((verdict) => {
      if (verdict.kind === 'final') this.store.set({ final: verdict });
      else this.store.set((s) => ({ liveVerdicts: [...s.liveVerdicts, { outcome: verdict.outcome, t: verdict.t }] }));
    });
  }

  /** First contact: the scenario list, and re-attaching to the session the engine kept (after a page reload). */
  async start(): Promise<void> {
    const [scenarios, attached] = await Promise.all([this.api.listScenarios(), this.api.attach()]);
    this.store.set({ scenarios });
    this.showAttached(attached);
    // The engine may still hold an opt-in from before a reload: the checkbox (off) is what counts.
    await this.setPreciseLocations(this.store.get().preciseLocations);
    await this.refreshRuns();
  }

  /** Shows the session the engine holds, as it stands (its messages, verdicts, state and snapshot). */
  private showAttached(attached: AttachedSession): void {
    const { session, status, snapshot, messages, verdicts } = attached;
    const final = verdicts.find((v): v is FinalVerdict => v.kind === 'final') ?? null;
    const liveVerdicts = verdicts.flatMap((v) => (v.kind === 'expectation' ? [{ outcome: v.outcome, t: v.t }] : []));
    const keep = this.store.get();
    this.store.set({
      session, status, snapshot, final, liveVerdicts, connected: true,
      // A reconnect to the same session keeps what the user had selected.
      ...(keep.session !== null && keep.session.scenario === session?.scenario ? {} : { selectedTwin: session ? defaultTwin(session) : null, selectedMessage: null }),
    });
    this.mapEvents.setSession(session);
    this.takeMessages(messages);
  }

  /** The flow view's log merges the batch's updates; the map reads the messages as merged. */
  private takeMessages(batch: MessageBatch): void {
    const envelopes = this.messages.apply(batch);
    this.mapEvents.apply({ envelopes, total: batch.total, reset: batch.reset });
  }

  async refreshRuns(): Promise<void> {
    const recordings = await this.run(() => this.api.listRuns());
    if (recordings) this.store.set({ recordings });
  }

  setConnected(connected: boolean): void {
    this.store.set({ connected });
  }

  load(request: LoadScenarioRequest): Promise<void> {
    return this.openSession(() => this.api.loadScenario(request), true);
  }

  /** Replay a recorded run: the views show it exactly as they show a live run. */
  openRun(runId: number): Promise<void> {
    return this.openSession(() => this.api.openRun({ runId }));
  }

  /** Move the replay's scrubber. */
  seek(t: number): Promise<RunStatus | undefined> {
    return this.run(() => this.api.seek({ t }));
  }

  async diffRuns(a: number, b: number, toleranceMs = 0): Promise<void> {
    this.store.set({ diff: null });
    const diff = await this.run(() => this.api.diffRuns({ a, b, toleranceMs }));
    if (diff) this.store.set({ diff });
  }

  /** Runs the loaded scene under every architecture on the engine's worker; the live run goes on meanwhile. */
  async compareArchitectures(): Promise<void> {
    const asked = this.store.get().session;
    this.store.set({ comparison: { state: 'running' } });
    try {
      const result = await this.api.compareArchitectures();
      // A load meanwhile (another scene, or the same with another seed) makes the answer stale: not shown against it.
      if (this.store.get().session === asked) this.store.set({ comparison: { state: 'done', result } });
    } catch (err) {
      if (this.store.get().session === asked) this.store.set({ comparison: { state: 'failed', error: (err as Error).message } });
    }
  }

  /** Forget the previous run before asking: the engine publishes the new one's events before it answers. */
  /** A failure leaves the engine's session as it was: the page shows it again, selections and all (issue 18). */
  private async openSession(open: () => Promise<SessionInfo>, isLoad = false): Promise<void> {
    const before = this.store.get();
    const kept = { selectedMessage: before.selectedMessage, selectedTwin: before.selectedTwin, followedVehicle: before.followedVehicle };
    this.store.set({ busy: true, liveVerdicts: [], final: null, comparison: null, selectedMessage: null, selectedTwin: null, followedVehicle: null, error: null, loadError: null });
    this.messages.clear();
    this.mapEvents.clear();
    try {
      const session = await open();
      this.mapEvents.setSession(session);
      this.store.set({ busy: false, session, selectedTwin: defaultTwin(session) });
    } catch (err) {
      const message = (err as Error).message;
      this.store.set({ busy: false, error: message, ...(isLoad ? { loadError: message } : {}) });
      const attached = await this.api.attach().catch(() => undefined);
      if (attached) {
        this.showAttached(attached);
        this.store.set(kept);
      }
    }
  }

  play(speed: Speed): Promise<RunStatus | undefined> {
    return this.run(() => this.api.play({ speed }));
  }

  pause(): Promise<RunStatus | undefined> {
    return this.run(() => this.api.pause());
  }

  step(): Promise<RunStatus | undefined> {
    return this.run(() => this.api.step());
  }

  sendTwinEvent(twin: string, event: TwinEvent): Promise<SendTwinEventResult | undefined> {
    return this.run(() => this.api.sendTwinEvent({ twin, event }));
  }

  /** A device card's control: the engine sends it over the bus and the security layer; undefined when refused outright. */
  sendDeviceCommand(request: DeviceCommandRequest): Promise<DeviceCommandSent | undefined> {
    return this.run(() => this.api.sendDeviceCommand(request));
  }

  /** Polled by the inspector: a twin that is gone (a new scenario loaded) is not an error worth a banner. */
  async getTwin(address: string): Promise<TwinView | undefined> {
    try {
      return await this.api.getTwin({ address });
    } catch {
      return undefined;
    }
  }

  /**
   * Have the engine push this twin's state changes (null: show none). Asked again for each session (a new load
   * starts a new log), so the caller passes the session it shows. A twin that is gone is no error worth a banner.
   */
  async watchTwin(address: string | null): Promise<void> {
    this.twinTransitions.follow(null); // a new session's log starts empty even for the same address
    this.twinTransitions.follow(address);
    if (address === null) return;
    try {
      this.twinTransitions.apply(await this.api.watchTwin({ address }));
    } catch {
      // the twin is not in this session (yet): the log stays empty
    }
  }

  /** Selecting anything but a part of the followed car ends following. */
  selectTwin(address: string | null): void {
    const { followedVehicle } = this.store.get();
    const keep = followedVehicle !== null && vehicleOf(address) === followedVehicle;
    this.store.set({ selectedTwin: address, ...(keep ? {} : { followedVehicle: null }) });
  }

  async setPreciseLocations(precise: boolean): Promise<void> {
    const answer = await this.run(() => this.api.setPreciseLocations({ precise }));
    if (answer) this.store.set({ preciseLocations: answer.precise });
  }

  setStoryLayers(on: boolean): void {
    this.store.set({ storyLayers: on });
  }

  /** The map camera tracks this car (null: stop following). */
  followVehicle(vehicleId: string | null): void {
    this.store.set({ followedVehicle: vehicleId });
  }

  selectMessage(id: string | null): void {
    this.store.set({ selectedMessage: id });
  }

  dismissError(): void {
    this.store.set({ error: null });
  }

  private async run<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      return await command();
    } catch (err) {
      this.store.set({ error: (err as Error).message, busy: false });
      return undefined;
    }
  }
}

/** The vehicle id of a `vehicle/<id>/<part>` address, or undefined. */
export function vehicleOf(address: string | null): string | undefined {
  return /^vehicle\/([^/]+)/.exec(address ?? '')?.[1];
}

/** The twin the inspector opens on: the watched car's screen when there is one, else the first twin. */
function defaultTwin(session: SessionInfo): string | null {
  return session.screens[0]?.address ?? session.twins[0]?.address ?? null;
}
