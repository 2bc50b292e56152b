// The engine as a process-side service: one LiveSession behind the protocol's Transport interface. The WebSocket
// server and Electron's IPC handlers both forward to this object and add nothing, so browser mode and the desktop
// app cannot behave differently. Requests come from outside the process and are validated here.
import { z } from 'zod';
import type {
  CommandName, CommandRequest, CommandResponse, EngineEvents, EventName, Transport, Unsubscribe,
} from '../../protocol';
import { ARCHITECTURES } from '../../twins/bus/envelope';
import { LiveSession, type LiveSessionOptions } from './live-session';

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
  getTwin: z.strictObject({ address: z.string().min(1) }),
  getSnapshot: z.unknown(),
  getSession: z.unknown(),
} satisfies Record<CommandName, z.ZodType>;

export class EngineHost implements Transport {
  readonly session: LiveSession;
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  constructor(options: LiveSessionOptions = {}) {
    this.session = new LiveSession((event, payload) => this.emit(event, payload), options);
  }

  async invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
    const schema = (REQUESTS as Record<string, z.ZodType>)[command];
    if (schema === undefined) throw new Error(`unknown command "${String(command)}"`);
    const parsed = schema.safeParse(request);
    if (!parsed.success) throw new Error(`${command}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`);
    return this.dispatch(command, parsed.data) as CommandResponse<C>;
  }

  listen<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }

  dispose(): void {
    this.session.dispose();
    this.listeners.clear();
  }

  private dispatch(command: CommandName, request: unknown): unknown {
    const s = this.session;
    const r = request as never;
    switch (command) {
      case 'listScenarios': return s.catalogue.list();
      case 'loadScenario': return s.load(r);
      case 'play': return s.play((r as CommandRequest<'play'>).speed);
      case 'pause': return s.pause();
      case 'step': return s.step();
      case 'sendTwinEvent': return s.sendTwinEvent((r as CommandRequest<'sendTwinEvent'>).twin, (r as CommandRequest<'sendTwinEvent'>).event);
      case 'getTwin': return s.getTwin((r as CommandRequest<'getTwin'>).address);
      case 'getSnapshot': return s.snapshot();
      case 'getSession': return s.session;
    }
  }

  private emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (p: EngineEvents[E]) => void)(payload);
      } catch (err) {
        // One broken subscriber (a closed socket) must not stop the others or the run.
        console.error(`twinbench: a ${event} listener failed: ${(err as Error).message}`);
      }
    }
  }
}
