// The engine as a process-side service: one LiveSession behind the protocol's Transport interface. The WebSocket
// server and Electron's IPC handlers both forward to this object and add nothing, so browser mode and the desktop
// app cannot behave differently. Requests come from outside the process and are validated here. The session is
// either a live run or the replay of a recorded one; the run controls go to whichever is open.
import { z } from 'zod';
import type {
  CommandName, CommandRequest, CommandResponse, EngineEvents, EventName, Transport, Unsubscribe,
} from '../../protocol';
import { ARCHITECTURES } from '../../twins/bus/envelope';
import { Emitter } from '../../twins/kernel/emitter';
import { ArchitectureComparer, type RunJobs } from './architecture-comparison';
import { LiveSession, type LiveSessionOptions } from './live-session';
import { LocationPrivacy } from './location-view';
import { RecordedRunsFile } from './recorded-runs';
import { ReplaySession } from './replay-session';

const JsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValue), z.record(z.string(), JsonValue)]));

const REQUESTS = {
  listScenarios: z.unknown(),
  loadScenario: z.strictObject({
    file: z.string().min(1),
    architecture: z.enum(ARCHITECTURES as unknown as [string, ...string[]]),
    seed: z.int().min(0).optional(),
    set: z.record(z.string(), z.string()).optional(),
    handsOn: z.boolean().optional(),
  }),
  play: z.strictObject({ speed: z.union([z.literal('max'), z.number().positive().max(1e6)]) }),
  pause: z.unknown(),
  step: z.unknown(),
  sendTwinEvent: z.strictObject({
    twin: z.string().min(1),
    event: z.object({ type: z.string().regex(/^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/, 'a twin event is namespaced upper case, e.g. DOOR.UNLOCK') }).catchall(JsonValue),
  }),
  sendDeviceCommand: z.strictObject({
    device: z.string().min(1).max(200),
    command: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a device command is a lower-case service name, e.g. turn_on'),
    attributes: z.record(z.string().max(64), JsonValue).optional(),
  }),
  getTwin: z.strictObject({ address: z.string().min(1) }),
  watchTwin: z.strictObject({ address: z.string().min(1).max(200) }),
  getSnapshot: z.unknown(),
  getSession: z.unknown(),
  getRoutes: z.unknown(),
  attach: z.unknown(),
  setPreciseLocations: z.strictObject({ precise: z.boolean() }),
  listRuns: z.unknown(),
  openRun: z.strictObject({ runId: z.int().min(1) }),
  seek: z.strictObject({ t: z.number().min(0).max(1e12) }),
  diffRuns: z.strictObject({ a: z.int().min(1), b: z.int().min(1), toleranceMs: z.number().min(0).max(3_600_000).optional() }),
  compareArchitectures: z.unknown(),
} satisfies Record<CommandName, z.ZodType>;

export class EngineHost implements Transport {
  readonly session: LiveSession;
  readonly replay: ReplaySession;
  readonly recordings: RecordedRunsFile;
  private readonly listeners = new Map<EventName, Emitter<(payload: never) => void>>();
  /** Issue 7: location coarsening of everything sent out, live or replayed (location-view.ts). */
  readonly privacy = new LocationPrivacy();
  private readonly comparer: ArchitectureComparer;

  constructor(options: LiveSessionOptions & { runComparisonJobs?: RunJobs } = {}) {
    const publish = <E extends EventName>(event: E, payload: EngineEvents[E]): void => this.emit(event, payload);
    this.session = new LiveSession(publish, { ...options, onRecordingsChanged: () => this.publishRecordings() });
    this.recordings = new RecordedRunsFile(this.session.recorder.file);
    this.replay = new ReplaySession(publish, this.session.catalogue, this.recordings, options.batchMs);
    this.comparer = new ArchitectureComparer((handle) => this.session.catalogue.resolve(handle), options.runComparisonJobs, {
      file: this.session.recorder.file, onRecorded: () => this.publishRecordings(),
    });
  }

  async invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
    const schema = (REQUESTS as Record<string, z.ZodType>)[command];
    if (schema === undefined) throw new Error(`unknown command "${String(command)}"`);
    const parsed = schema.safeParse(request);
    if (!parsed.success) throw new Error(`${command}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`);
    return this.privacy.response(command, this.dispatch(command, parsed.data)) as CommandResponse<C>;
  }

  listen<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    let emitter = this.listeners.get(event);
    if (emitter === undefined) {
      // One broken subscriber (a closed socket) must not stop the others or the run.
      const onListenerError = (err: unknown): void => console.error(`twinbench: a ${event} listener failed: ${(err as Error).message}`);
      this.listeners.set(event, (emitter = new Emitter({ onListenerError })));
    }
    return emitter.on(listener as (payload: never) => void);
  }

  dispose(): void {
    this.replay.close();
    this.session.dispose();
    this.listeners.clear();
  }

  private dispatch(command: CommandName, request: unknown): unknown {
    const s = this.session;
    const replay = this.replay.isOpen ? this.replay : undefined;
    const r = request as never;
    switch (command) {
      case 'listScenarios': return s.catalogue.list();
      case 'loadScenario': {
        // Loaded first: a scenario that fails to load leaves the open replay (or live run) as it was.
        const info = s.load(r);
        this.replay.close();
        return info;
      }
      case 'play': return (replay ?? s).play((r as CommandRequest<'play'>).speed);
      case 'pause': return (replay ?? s).pause();
      case 'step': return (replay ?? s).step();
      case 'sendTwinEvent':
        if (replay) throw new Error('this is a recorded run, which cannot be changed: load the scenario to run it live');
        return s.sendTwinEvent((r as CommandRequest<'sendTwinEvent'>).twin, (r as CommandRequest<'sendTwinEvent'>).event);
      case 'sendDeviceCommand':
        if (replay) throw new Error('this is a recorded run, which cannot be changed: load the scenario to run it live');
        return s.sendDeviceCommand(r as CommandRequest<'sendDeviceCommand'>);
      case 'getTwin': return (replay ?? s).getTwin((r as CommandRequest<'getTwin'>).address);
      case 'watchTwin': return (replay ?? s).watchTwin((r as CommandRequest<'watchTwin'>).address);
      case 'getSnapshot': return (replay ?? s).snapshot();
      case 'getSession': return (replay ?? s).session;
      case 'getRoutes': return (replay ?? s).routes();
      case 'attach': return (replay ?? s).attach();
      case 'setPreciseLocations': return this.privacy.set((r as CommandRequest<'setPreciseLocations'>).precise);
      case 'listRuns': return this.recordings.list();
      case 'openRun':
        s.unloadRun(); // a live run left unfinished is recorded as interrupted
        return this.replay.open((r as CommandRequest<'openRun'>).runId);
      case 'seek':
        if (!replay) throw new Error('only a recorded run can be scrubbed: open one in the Recordings panel');
        return replay.seek((r as CommandRequest<'seek'>).t);
      case 'diffRuns': {
        const { a, b, toleranceMs } = r as CommandRequest<'diffRuns'>;
        return this.recordings.diff(a, b, toleranceMs, this.privacy.precise);
      }
      case 'compareArchitectures': {
        const session = replay ? replay.session : s.session;
        const listed = session ? (s.catalogue.list().find((x) => x.file === session.file)?.architectures ?? []) : [];
        return this.comparer.compare(session, listed);
      }
    }
  }

  private publishRecordings(): void {
    try {
      this.emit('recordings', this.recordings.list());
    } catch (err) {
      console.error(`twinbench: cannot list the recorded runs: ${(err as Error).message}`);
    }
  }

  private emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    const emitter = this.listeners.get(event) as Emitter<(p: EngineEvents[E]) => void> | undefined;
    emitter?.emit(this.privacy.event(event, payload));
  }
}
