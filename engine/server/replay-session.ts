// Replays a recorded run in the app: the views get the same snapshot, message and verdict events a live run
// sends, built from the recording (openReplay) at the scrubber's time. Screens, homes, fired steps and messages
// come from the recorded events. Car positions do not — the events hold a car's position only when a trip starts,
// crosses a geofence or ends — so the world is rebuilt from the run's scenario, seed, parameters and architecture
// and its clock stepped alongside the replay (deterministic: same seed, same trips). Seeking back starts both over.
import type { AttachedSession, RunState, RunStatus, SessionInfo, Snapshot, Speed, TwinTransitions, TwinView, VehicleRoute, Verdict } from '../../protocol';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import type { SimEvent } from '../../twins/kernel/event-log';
import type { Replay } from '../recorder';
import { finalVerdict } from './final-verdict';
import type { Publish } from './live-session';
import { ScenarioRun } from '../runner/scenario-run';
import { loadScenarioFile, type ResolvedScenario } from '../scenario';
import { routeVersion, vehicleRoutes } from './household-view';
import { RecordedWorld } from './recorded-world';
import { TwinTransitionLog } from './twin-transitions';
import type { RecordedRunsFile } from './recorded-runs';
import type { ScenarioCatalogue } from './scenario-catalogue';
import { sessionInfoOf } from './session-info';
import { timeOfDay, vehicleTuples } from './snapshot';

/** Events folded per tick at `max`: fast, but the views still see the run go by. */
const MAX_EVENTS_PER_TICK = 5000;

interface Open {
  replay: Replay;
  scenario: ResolvedScenario;
  info: SessionInfo;
  endTime: number;
  /** The rebuilt world whose clock follows the replay (car positions). */
  world: ScenarioRun;
  recorded: RecordedWorld;
  /** The watched twins' state changes, folded from the recording like everything else. */
  transitions: TwinTransitionLog;
  events: Generator<SimEvent>;
  next: SimEvent | undefined;
  t: number;
  state: RunState;
  speed: Speed;
  lastWall: number;
}

export class ReplaySession {
  private current: Open | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticks = 0;

  constructor(
    private readonly publish: Publish,
    private readonly catalogue: ScenarioCatalogue,
    private readonly runs: RecordedRunsFile,
    private readonly batchMs = 50,
  ) {}

  open(runId: number): SessionInfo {
    this.close();
    const replay = this.runs.openReplay(runId);
    try {
      const run = replay.run;
      const handle = this.catalogue.list().find((s) => s.scenario === run.scenario)?.file;
      if (handle === undefined) {
        throw new Error(`run ${runId} is of scenario "${run.scenario}", which is not among the scenarios this app can open; replay it with \`twinbench replay\``);
      }
      if (!(ARCHITECTURES as readonly string[]).includes(run.architecture)) throw new Error(`run ${runId} has an unknown architecture "${run.architecture}"`);
      const set = Object.fromEntries(Object.entries(run.parameters).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      const scenario = { ...loadScenarioFile(this.catalogue.resolve(handle), { set }).scenario, seed: run.seed };
      const architecture = run.architecture as Architecture;
      const world = new ScenarioRun(scenario, architecture);
      const judged = run.status === 'passed' || run.status === 'failed';
      const lastT = this.runs.lastEventTime(runId);
      const endTime = judged && (run.verdict as { abortedBy?: unknown } | null)?.abortedBy == null ? Math.max(world.endTime, lastT) : lastT;
      const info: SessionInfo = {
        ...sessionInfoOf(world, handle, false, scenario.steps),
        endTime,
        replay: { runId, status: run.status, startedAt: run.startedAt, positions: 'rebuilt-world' },
      };
      const events = replay.events();
      this.current = {
        replay, scenario, info, endTime, world, recorded: new RecordedWorld(), transitions: new TwinTransitionLog(), events, next: events.next().value ?? undefined,
        t: 0, state: 'ready', speed: 1, lastWall: performance.now(),
      };
      this.timer = setInterval(() => this.tick(), this.batchMs);
      this.advanceTo(0);
      this.publishFinalVerdict();
      this.publishAll();
      return info;
    } catch (err) {
      this.close();
      replay.close();
      throw err;
    }
  }

  play(speed: Speed): RunStatus {
    const c = this.require();
    if (speed !== 'max' && !(typeof speed === 'number' && speed > 0 && Number.isFinite(speed))) throw new Error(`speed must be a positive number or "max", got ${String(speed)}`);
    if (c.state === 'finished') this.restart(c); // play at the end starts the recording over
    const now = this.require();
    now.speed = speed;
    now.state = 'playing';
    now.lastWall = performance.now();
    return this.publishState();
  }

  pause(): RunStatus {
    const c = this.require();
    if (c.state === 'playing') c.state = 'paused';
    return this.publishState();
  }

  /** To the next recorded event. */
  step(): RunStatus {
    const c = this.require();
    if (c.state !== 'finished') {
      c.state = 'paused';
      this.advanceTo(c.next?.t ?? c.endTime);
      this.publishAll();
    }
    return this.status();
  }

  seek(t: number): RunStatus {
    let c = this.require();
    if (!Number.isFinite(t)) throw new Error(`seek needs a time in ms, got ${t}`);
    const target = Math.min(Math.max(0, t), c.endTime);
    if (target < c.t) c = this.restart(c);
    c.state = 'paused'; // a scrubbed replay holds still where it was put (or ends, at the end)
    this.advanceTo(target);
    this.publishAll();
    return this.status();
  }

  get session(): SessionInfo | null {
    return this.current?.info ?? null;
  }

  snapshot(): Snapshot | null {
    const c = this.current;
    if (c === undefined) return null;
    const sim = c.world.sim;
    // The household the screens belong to, as the live run picks it (watchedScreens).
    const householdId = [...sim.users.values()][0]?.homeId ?? c.info.homes[0]?.id;
    return {
      t: c.t,
      timeOfDay: timeOfDay(c.t, sim.spec.startTimeOfDayMs ?? 0),
      vehicles: vehicleTuples(sim),
      homes: c.info.homes.map((h) => c.recorded.homeStatus(h.id)),
      screens: c.recorded.screenStatuses(c.info.screens),
      firedSteps: c.recorded.firedSteps.map((s) => ({ ...s })),
      messageCount: c.recorded.messageCount,
      routeVersion: routeVersion(sim),
      household: householdId === undefined ? null : c.recorded.household(householdId, c.t),
    };
  }

  /** The rebuilt world's cars drive the recorded trips again: their routes are the run's. */
  routes(): VehicleRoute[] {
    const c = this.current;
    return c ? vehicleRoutes(c.world.sim) : [];
  }

  /** The open replay as it stands, for a page that reloads. */
  attach(): AttachedSession {
    const c = this.current;
    const final = c ? this.finalVerdict(c) : undefined;
    return {
      session: this.session, status: this.status(), snapshot: this.snapshot(),
      messages: c?.recorded.allMessages() ?? { envelopes: [], total: 0, reset: true }, verdicts: final ? [final] : [],
    };
  }

  status(): RunStatus {
    const c = this.current;
    if (c === undefined) return { state: 'empty', speed: 1, t: 0, endTime: 0 };
    return { state: c.state, speed: c.speed, t: c.t, endTime: c.endTime, scenario: c.info.scenario, architecture: c.info.architecture, replayOf: c.info.replay!.runId };
  }

  getTwin(address: string): TwinView {
    return this.require().recorded.twinView(address);
  }

  /** Push `address`'s recorded state changes as the replay reaches them; answers with the ones folded so far. */
  watchTwin(address: string): TwinTransitions {
    const c = this.require();
    c.recorded.twinView(address); // throws, naming the address, for a twin the recording does not have
    return c.transitions.watch(address);
  }

  get isOpen(): boolean {
    return this.current !== undefined;
  }

  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.current?.replay.close();
    this.current = undefined;
  }

  private require(): Open {
    if (this.current === undefined) throw new Error('no recorded run is open: pick one in the Recordings panel');
    return this.current;
  }

  /** Back to time 0: a fresh fold of the recording and a fresh world; the views drop their messages. */
  private restart(c: Open): Open {
    const world = new ScenarioRun(c.scenario, c.world.architecture);
    const events = c.replay.events();
    const fresh: Open = { ...c, world, recorded: new RecordedWorld(), transitions: new TwinTransitionLog(), events, next: events.next().value ?? undefined, t: 0, state: 'paused' };
    this.current = fresh;
    // The watched twins' logs start over with the recording: each page drops what it showed.
    for (const address of c.transitions.watching) this.publish('twinTransitions', fresh.transitions.watch(address));
    return fresh;
  }

  /** Folds every recorded event up to `target` and steps the rebuilt world's clock to it. */
  private advanceTo(target: number, maxEvents = Infinity): void {
    const c = this.require();
    let folded = 0;
    while (c.next !== undefined && c.next.t <= target && folded < maxEvents) {
      c.recorded.apply(c.next);
      c.transitions.observe(c.next);
      c.next = c.events.next().value ?? undefined;
      folded++;
    }
    // Cut short by maxEvents: stop at the last folded event's time, not past events still unread.
    const reached = folded >= maxEvents && c.next !== undefined && c.next.t <= target ? c.next.t : target;
    c.t = Math.min(reached, c.endTime);
    c.world.sim.kernel.clock.runUntil(c.t);
    if (c.t >= c.endTime && c.next === undefined) c.state = 'finished';
  }

  private tick(): void {
    const c = this.current;
    if (c === undefined || c.state !== 'playing') return;
    const now = performance.now();
    const elapsed = now - c.lastWall;
    c.lastWall = now;
    if (c.speed === 'max') this.advanceTo(c.endTime, MAX_EVENTS_PER_TICK);
    else this.advanceTo(c.t + elapsed * c.speed);
    this.publishMessages();
    const ended = (c.state as RunState) === 'finished'; // advanceTo may have ended it
    if (++this.ticks % 2 === 0 || ended) this.publishSnapshot();
    if (ended) this.publishState();
  }

  private publishAll(): void {
    this.publishMessages();
    this.publishSnapshot();
    this.publishState();
  }

  private publishMessages(): void {
    const batch = this.current?.recorded.flushMessages();
    if (batch) this.publish('messages', batch);
    for (const transitions of this.current?.transitions.flush() ?? []) this.publish('twinTransitions', transitions);
  }

  private publishSnapshot(): void {
    const snapshot = this.snapshot();
    if (snapshot !== null) this.publish('snapshot', snapshot);
  }

  private publishState(): RunStatus {
    const status = this.status();
    this.publish('runState', status);
    return status;
  }

  /** The recording's verdict is a fact of the run from the start: the views show it whatever the scrubber says. */
  private publishFinalVerdict(): void {
    const verdict = this.finalVerdict(this.require());
    if (verdict !== undefined) this.publish('verdict', verdict);
  }

  private finalVerdict(c: Open): Verdict | undefined {
    const result = this.runs.recordedResult(c.replay, { file: c.info.file, title: c.info.title, expectations: c.info.expectations }, c.endTime);
    return result === undefined ? undefined : finalVerdict(result);
  }
}
