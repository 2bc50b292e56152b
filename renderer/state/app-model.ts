// The renderer's one model of the engine: it mirrors what the engine publishes (session, run state, snapshots,
// messages, verdicts) into stores the panels read, and turns the user's clicks into protocol commands. It keeps
// no rules of the simulation — every decision is the engine's; this only remembers and forwards.
import type {
  EngineApi, ExpectationOutcome, LoadScenarioRequest, RunStatus, ScenarioSummary, SendTwinEventResult, SessionInfo, Snapshot, Speed,
  TwinEvent, TwinView, Verdict,
} from '../../protocol';
import { MessageLog } from './message-log';
import { Store } from './store';

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
  selectedTwin: string | null;
  selectedMessage: string | null;
  busy: boolean;
}

const EMPTY_STATUS: RunStatus = { state: 'empty', speed: 1, t: 0, endTime: 0 };

export class AppModel {
  readonly store = new Store<AppState>({
    connected: false, scenarios: [], session: null, status: EMPTY_STATUS, snapshot: null, liveVerdicts: [], final: null, error: null,
    selectedTwin: null, selectedMessage: null, busy: false,
  });
  readonly messages = new MessageLog();
  /** What the 3D view actually drew, for the test hook (the frame loop writes it, nothing re-renders on it). */
  readonly renderStats: {
    vehicleInstances: number;
    frames: number;
    /** Where a car is drawn, in canvas pixels (tests click there), or undefined when it is not drawn. */
    vehicleCanvasPoint?: (vehicleId: string) => [number, number] | undefined;
  } = { vehicleInstances: 0, frames: 0 };

  constructor(readonly api: EngineApi) {
    api.onSnapshot((snapshot) => this.store.set({ snapshot }));
    api.onMessages((batch) => this.messages.apply(batch));
    api.onRunState((status) => this.store.set({ status }));
    api.onVerdict((verdict) => {
      if (verdict.kind === 'final') this.store.set({ final: verdict });
      else this.store.set((s) => ({ liveVerdicts: [...s.liveVerdicts, { outcome: verdict.outcome, t: verdict.t }] }));
    });
  }

  /** First contact: the scenario list, and the session already running (after a page reload). */
  async start(): Promise<void> {
    const [scenarios, session, snapshot] = await Promise.all([this.api.listScenarios(), this.api.getSession(), this.api.getSnapshot()]);
    this.store.set({ scenarios, session, snapshot, connected: true });
  }

  setConnected(connected: boolean): void {
    this.store.set({ connected });
  }

  async load(request: LoadScenarioRequest): Promise<void> {
    this.store.set({ busy: true, liveVerdicts: [], final: null, selectedMessage: null, selectedTwin: null, error: null });
    this.messages.clear();
    const session = await this.run(() => this.api.loadScenario(request));
    this.store.set({ busy: false, ...(session ? { session, selectedTwin: defaultTwin(session) } : {}) });
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

  /** Polled by the inspector: a twin that is gone (a new scenario loaded) is not an error worth a banner. */
  async getTwin(address: string): Promise<TwinView | undefined> {
    try {
      return await this.api.getTwin({ address });
    } catch {
      return undefined;
    }
  }

  selectTwin(address: string | null): void {
    this.store.set({ selectedTwin: address });
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

/** The twin the inspector opens on: the watched car's screen when there is one, else the first twin. */
function defaultTwin(session: SessionInfo): string | null {
  return session.screens[0]?.address ?? session.twins[0]?.address ?? null;
}
