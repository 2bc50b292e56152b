// One loaded run of the live session and everything that lives and dies with it: the ScenarioRun, the Pacer that
// paces its virtual clock, the message batcher, the twin-transition log, the expectation watch, the scenario's
// real endpoints and the verdicts published so far. LiveSession decides which run is loaded and what to publish
// when; keeping the per-run parts here makes unloading one dispose(), and lets the session tell a late callback of
// an old run from one of the current run (`session.current !== run`).
import type { Architecture, RunState, RunStatus, SessionInfo, Snapshot, Speed, Verdict } from '../../protocol';
import { Pacer, type SimEventListener, type WallClock } from '../../twins/kernel';
import { ScenarioRun } from '../runner/scenario-run';
import type { ResolvedScenario } from '../scenario';
import { ExpectationWatch } from './expectation-watch';
import { gridLive } from './grid-view';
import { LiveEndpoints, type BrokerPasswordResolver } from './live-connectors';
import { MessageBatcher } from './message-batcher';
import { sessionInfoOf } from './session-info';
import { buildSnapshot } from './snapshot';
import { TwinTransitionLog } from './twin-transitions';

export interface LiveRunSetup {
  scenario: ResolvedScenario;
  architecture: Architecture;
  /** Listeners of the canonical stream from its first event (the recorder). */
  listeners: readonly SimEventListener[];
  wall: WallClock;
  brokerPassword: BrokerPasswordResolver;
  /** What the session tells the page about the run: the handle it was loaded by, and the steps as written. */
  file: string;
  handsOn: boolean;
  originalSteps: ResolvedScenario['steps'];
}

export interface LiveRunHooks {
  /** The clock reached the end, or a failWhen aborted the run (called outside the event's own call stack). */
  onEnd(): void;
  /** An expectation settled while the run was going. */
  onSettled(verdict: Verdict): void;
  /** The real endpoints attached or failed. */
  onEndpointsChanged(): void;
}

export class LiveRun {
  readonly run: ScenarioRun;
  readonly pacer: Pacer;
  readonly batcher: MessageBatcher;
  /** The watched twins' state changes, pushed with the message batches (the state-chart view's log). */
  readonly transitions = new TwinTransitionLog();
  readonly watch: ExpectationWatch;
  readonly info: SessionInfo;
  readonly firedSteps: { id: string; t: number }[] = [];
  /** Every verdict published for this run, so a page that re-attaches shows them too. */
  readonly verdicts: Verdict[] = [];
  /** The scenario's real endpoints (live-connectors.ts): the clock waits while they attach and while a wire is held. */
  readonly endpoints: LiveEndpoints;
  readonly loadedAtWall: number;
  state: RunState = 'ready';
  speed: Speed = 1;
  note?: string;
  lastSnapshotT = -1;
  dirty = true;
  private readonly offEvents: () => void;

  constructor(setup: LiveRunSetup, hooks: LiveRunHooks) {
    const run = new ScenarioRun(setup.scenario, setup.architecture, { listeners: setup.listeners });
    this.run = run;
    this.pacer = new Pacer(run.sim.kernel.clock, setup.wall, {
      endTime: run.endTime, onEnd: () => hooks.onEnd(),
      canStep: () => this.endpoints.holdsClock !== true,
    });
    this.batcher = new MessageBatcher(run.sim.bus);
    this.watch = new ExpectationWatch(run, (outcome, t) => hooks.onSettled({ kind: 'expectation', t, outcome }));
    this.info = sessionInfoOf(run, setup.file, setup.handsOn, setup.originalSteps);
    this.loadedAtWall = setup.wall.now();
    this.offEvents = run.sim.kernel.events.onEvent((event) => {
      this.transitions.observe(event);
      if (event.type === 'step.fired' && event.source === 'scenario') this.firedSteps.push({ id: String(event.data.step), t: event.t });
      // failWhen ends a paced run too; finish outside the event's own call stack.
      if (run.abortedBy !== undefined && this.state !== 'finished') {
        this.pacer.pause();
        queueMicrotask(() => hooks.onEnd());
      }
    });
    this.endpoints = new LiveEndpoints(run.sim, setup.scenario.connectors, setup.brokerPassword, () => hooks.onEndpointsChanged());
  }

  snapshot(): Snapshot {
    const snapshot = buildSnapshot(this.run.sim, this.info.screens, this.firedSteps, this.batcher.total);
    return this.run.grid ? { ...snapshot, grid: gridLive(this.run.grid) } : snapshot;
  }

  status(): RunStatus {
    const note = this.note ?? this.endpoints.note;
    return {
      state: this.state, speed: this.speed, t: this.run.sim.now, endTime: this.run.endTime, scenario: this.info.scenario, architecture: this.info.architecture,
      ...(note !== undefined ? { note } : {}),
    };
  }

  /** Stops the clock and lets go of everything the run listens to (its endpoints too). */
  dispose(): void {
    this.pacer.pause();
    this.offEvents();
    this.watch.dispose();
    this.batcher.dispose();
    this.endpoints.close();
  }
}
