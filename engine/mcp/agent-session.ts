// One agent's session with a running world: the scenario's run, the agent enrolled in it as a named, paired party
// (`party/mcp-agent`, like Home Assistant or a Matter controller: twins/sim/controller-parties.ts) and the virtual
// clock the agent drives. Everything the agent does goes over the bus as a command under the run's architecture,
// signed as the agent when critical and judged by the same policy as any other sender, so it lands in the run's
// canonical stream (msg.* and security.* events), in its recording and in its verdict.
import type { Architecture } from '../../twins/bus/envelope';
import { gatewayAddress } from '../../twins/bus/addresses';
import type { SimEvent, SimEventListener } from '../../twins/kernel';
import type { Json } from '../../twins/kernel/types';
import { commandOf, deviceCapabilities, vehicleCapabilities, type TwinCapabilities } from '../../twins/sim/capabilities';
import { enrolController } from '../../twins/sim/controller-parties';
import type { Intent } from '../../twins/sim/ecosystem-codec';
import type { ConsentRequest } from '../../twins/sim/apps/occupant-consent';
import { toJson } from '../../twins/sim/to-json';
import { dayOf } from '../../twins/sim/proactive/household';
import { needOfCommand } from '../../twins/sim/proactive/proactive-score';
import { normalizeTwinRef, type ResolvedScenario } from '../scenario';
import { ScenarioRun } from '../runner/scenario-run';
import { checkData } from './input-check';

export const MCP_AGENT = 'mcp-agent';
/** The most virtual time one advance_time may run: a day. A larger ask is bounded to it, not refused. */
export const MAX_ADVANCE_S = 86_400;
/** Virtual time an invocation waits for its answer (the bus's own request timeout is 10 s). */
const ANSWER_WAIT_MS = 15_000;
/** Events returned with an invocation: its trace, not the whole world's chatter. */
const MAX_TRACE_EVENTS = 40;
/** Virtual time askToUnlock runs so the question reaches the screens before it returns. */
const PROMPT_DELIVERY_MS = 1_000;

export interface AgentSessionOptions {
  /** Scopes granted beyond the non-critical ones (e.g. `home.lock:unlock`); the door still needs a confirmation. */
  grants?: readonly string[];
  /** Listeners of each run's canonical stream from its first event (a recorder). */
  listenersFor?: (scenario: ResolvedScenario, architecture: Architecture) => SimEventListener[];
  /** A run is over (another scenario is loaded, or the session closes): judge and record it here. */
  onRunEnd?: (run: ScenarioRun) => Promise<void>;
}

/** One event of an invocation's trace, in brief: the full event is in the run's canonical stream and recording. */
export interface TraceEvent {
  seq: number;
  t: number;
  type: string;
  source: string;
  data: { [key: string]: Json };
}

export type Invocation =
  | { ok: true; target: string; topic: string; answer: { [key: string]: Json }; trace: TraceEvent[] }
  | { ok: false; target: string; topic: string; reason: string; trace: TraceEvent[] };

const BRIEF_KEYS = ['id', 'source', 'destination', 'topic', 'kind', 'status', 'error', 'command', 'reason', 'detail', 'stage', 'sender'];

function brief(event: SimEvent): TraceEvent {
  const data = Object.fromEntries(BRIEF_KEYS.filter((k) => Object.hasOwn(event.data, k)).map((k) => [k, event.data[k]!]));
  return { seq: event.seq, t: event.t, type: event.type, source: event.source, data };
}

/** A problem with what the agent asked for (unknown twin, command or data), before anything was sent. */
export class AgentInputError extends Error {}

export class AgentSession {
  run!: ScenarioRun;
  agent!: string;
  private playing: ReturnType<typeof setInterval> | undefined;
  /** The judging and recording of runs already over, awaited by close(). */
  private ended: Promise<void> = Promise.resolve();
  private lastEnded: ScenarioRun | undefined;
  private described: { run: ScenarioRun; twins: TwinCapabilities[] } | undefined;

  constructor(scenario: ResolvedScenario, architecture: Architecture, private readonly options: AgentSessionOptions = {}) {
    this.load(scenario, architecture);
  }

  /** A fresh world for `scenario`; the previous run is judged and recorded as it stands (onRunEnd). */
  load(scenario: ResolvedScenario, architecture: Architecture): void {
    this.pause();
    this.endRun();
    // In a household scene (proactive-weeks) the agent connected here serves the household instead of the built-in one.
    this.run = new ScenarioRun(scenario, architecture, {
      listeners: this.options.listenersFor?.(scenario, architecture) ?? [], ...(scenario.entities.household !== undefined ? { agentOverride: 'external' as const } : {}),
    });
    this.agent = enrolController(this.run.sim, MCP_AGENT, this.options.grants ?? []);
  }

  get now(): number {
    return this.run.sim.now;
  }

  /** What every twin of the world can do (a world's twins are fixed at its start, so described once per run). */
  capabilities(): TwinCapabilities[] {
    if (this.described?.run === this.run) return this.described.twins;
    const { sim } = this.run;
    const twins: TwinCapabilities[] = [];
    for (const home of sim.homes.values()) for (const device of home.devices.values()) twins.push(deviceCapabilities(device.id, device.kind));
    for (const vehicle of sim.vehicles.keys()) twins.push(vehicleCapabilities(`vehicle/${vehicle}`));
    this.described = { run: this.run, twins };
    return twins;
  }

  /** The description of one twin, by address or scenario reference (`h1/light.living_room`). */
  describe(target: string): TwinCapabilities {
    const address = normalizeTwinRef(target);
    const found = this.capabilities().find((t) => t.address === address);
    if (found === undefined) throw new AgentInputError(`no twin "${target}" can take commands; list_capabilities names them (e.g. home/h1/light.living_room, vehicle/car1)`);
    return found;
  }

  /**
   * Sends `capability/command` with `data` to `target` as the agent, runs the virtual clock until it is answered,
   * and returns the answer with the events of its trace. A refusal (the policy's or the device's) is `ok: false`.
   */
  invoke(target: string, capability: string, command: string, data: { [key: string]: Json }, confirmation?: string): Invocation {
    const twin = this.describe(target);
    const description = commandOf(twin, capability, command);
    if (description === undefined) {
      throw new AgentInputError(`${twin.address} has no capability ${capability}/${command}; it has ${twin.commands.map((c) => c.topic).join(', ') || 'none'}`);
    }
    const problem = checkData(description.input, data);
    if (problem !== undefined) throw new AgentInputError(`${description.topic} on ${twin.address}: ${problem}`);
    const { sim } = this.run;
    const source = this.sourceFor(twin.address);
    const intent: Intent = { capability, name: command, deviceId: twin.address.split('/').slice(2).join('/') || twin.address, attributes: data };
    let outcome: { ok: true; answer: { [key: string]: Json } } | { ok: false; reason: string } | undefined;
    const trace: TraceEvent[] = [];
    let sent: { id: string; traceId: string } | undefined;
    // The invocation's trace: its messages (same trace id), the checks on it (same message id), what the twin did.
    const off = sim.kernel.events.onEvent((event) => {
      if (trace.length >= MAX_TRACE_EVENTS || sent === undefined) return;
      if (event.data.traceId === sent.traceId || event.data.message === sent.id || event.source === twin.address) trace.push(brief(event));
    });
    try {
      const env = sim.sendFromHome(source, twin.address, intent, 'command', {
        signer: this.agent,
        ...(confirmation !== undefined ? { confirmation } : {}),
        onResponse: (_env, answer) => {
          outcome = answer?.success === false
            ? { ok: false, reason: answer.error ?? 'refused' }
            : { ok: true, answer: { ...(answer?.attributes ?? {}) } };
        },
        onFailure: (reason) => (outcome = { ok: false, reason }),
      });
      sent = { id: env.id, traceId: env.traceId };
      const clock = sim.kernel.clock;
      const deadline = sim.now + ANSWER_WAIT_MS;
      while (outcome === undefined && clock.nextTime() !== undefined && clock.nextTime()! <= deadline) clock.step();
    } finally {
      off();
    }
    const topic = description.topic;
    if (outcome?.ok === true) this.recordAction(topic, twin.address, data);
    if (outcome === undefined) return { ok: false, target: twin.address, topic, reason: `no answer from ${twin.address} within ${ANSWER_WAIT_MS / 1000} s of virtual time`, trace };
    return outcome.ok ? { ok: true, target: twin.address, topic, answer: outcome.answer, trace } : { ok: false, target: twin.address, topic, reason: outcome.reason, trace };
  }

  /**
   * In a household scene, a command that prepares a departure, an arrival, a dark arrival's light or the car's charge is an action of the agent's, judged by
   * the same scorer as the built-in agent's (twins/sim/proactive/proactive-score.ts). Elsewhere nothing is added.
   */
  private recordAction(topic: string, target: string, data: { [key: string]: Json }): void {
    const need = needOfCommand(topic, target, data);
    const { sim, household } = this.run;
    if (need === undefined || household === undefined) return;
    sim.kernel.events.emit('agent.acted', this.agent, { need, day: dayOf(sim.now, sim.spec.startTimeOfDayMs ?? 0), topic, target });
  }

  /**
   * Asks the occupant, on the home's screens, to let the agent unlock `target` (a lock): the home's automation host
   * shows the question on its behalf. Once someone confirms on a screen, the agent names the returned prompt as the
   * `confirmation` of its unlock; it works once, for the agent only, while the prompt is valid.
   */
  askToUnlock(target: string): ConsentRequest {
    const twin = this.describe(target);
    const [kind, homeId] = twin.address.split('/') as [string, string];
    if (kind !== 'home' || twin.kind !== 'lock') throw new AgentInputError(`${twin.address} is not a door lock: only a door's unlock needs the occupant's confirmation`);
    const request = this.run.apps.consent.askToUnlock(homeId, this.agent);
    // Until the question is on the screens (a screen may be a hop or two away).
    this.run.sim.kernel.clock.runUntil(this.now + PROMPT_DELIVERY_MS);
    return request;
  }

  /** Where the agent's command enters the world: a home's gateway for its devices, the car's home's automation host for a car. */
  private sourceFor(address: string): string {
    const [kind, id] = address.split('/') as [string, string];
    if (kind === 'home') return gatewayAddress(id);
    const homeId = this.run.sim.vehicle(id).spec.homeId;
    if (homeId === undefined || !this.run.sim.homes.has(homeId)) throw new AgentInputError(`${address} belongs to no home of this world, so no home the agent is paired through can reach it`);
    return this.run.sim.automationHost(homeId);
  }

  /** A twin's state and context, or a car's parts with its VSS signals. */
  state(target: string): { [key: string]: Json } {
    const address = normalizeTwinRef(target);
    const { sim } = this.run;
    const vehicle = /^vehicle\/([^/]+)$/.exec(address);
    if (vehicle !== null && sim.vehicles.has(vehicle[1]!)) {
      const car = sim.vehicle(vehicle[1]!);
      const parts = Object.fromEntries(Object.entries(car.parts).map(([name, part]) => [name, { state: part.state, context: toJson(part.context) }]));
      return { address, t: sim.now, parts, signals: this.signals(address) };
    }
    const twin = sim.twin(address);
    if (twin === undefined || /^(home|phone)\/[^/]+$/.test(address)) throw new AgentInputError(`no twin "${target}"; name one as list_capabilities does (home/h1/light.living_room, vehicle/car1, phone/alice)`);
    return { address, kind: twin.kind, t: sim.now, state: twin.state, context: toJson(twin.context) };
  }

  /** A car's VSS signals now. */
  signals(target: string): { [key: string]: Json } {
    const address = normalizeTwinRef(target);
    const id = /^vehicle\/([^/]+)$/.exec(address)?.[1];
    if (id === undefined || !this.run.sim.vehicles.has(id)) throw new AgentInputError(`no vehicle "${target}"`);
    return toJson(this.run.sim.vehicle(id).signals(this.now)) as { [key: string]: Json };
  }

  /** Runs the virtual clock `seconds` on (bounded to MAX_ADVANCE_S); returns the new time and the seconds run. */
  advance(seconds: number): { t: number; advancedS: number; bounded: boolean } {
    if (!Number.isFinite(seconds) || seconds < 0) throw new AgentInputError(`seconds must be a number ≥ 0, got ${String(seconds)}`);
    const advancedS = Math.min(seconds, MAX_ADVANCE_S);
    this.run.sim.kernel.clock.runUntil(this.now + Math.round(advancedS * 1000));
    return { t: this.now, advancedS, bounded: advancedS < seconds };
  }

  /** Runs the virtual clock at real time (1×) in the background until pause(); a headless session has no other pace. */
  play(): void {
    if (this.playing !== undefined) return;
    let last = performance.now();
    this.playing = setInterval(() => {
      const now = performance.now();
      this.run.sim.kernel.clock.runUntil(this.now + Math.round(now - last));
      last = now;
    }, 100);
    this.playing.unref();
  }

  pause(): void {
    if (this.playing !== undefined) clearInterval(this.playing);
    this.playing = undefined;
  }

  /** Ends the session: the current run is judged and recorded as it stands. */
  async close(): Promise<void> {
    this.pause();
    this.endRun();
    await this.ended;
  }

  /** Called at once, not queued: the recorder finishes this run before the next one starts recording. */
  private endRun(): void {
    const previous = this.run as ScenarioRun | undefined;
    if (previous === undefined || previous === this.lastEnded || this.options.onRunEnd === undefined) return;
    this.lastEnded = previous;
    const done = this.options.onRunEnd(previous);
    this.ended = Promise.all([this.ended, done]).then(() => undefined);
  }

  get isPlaying(): boolean {
    return this.playing !== undefined;
  }

  /** How many canonical events the run has so far (its hash is final only at the end: the log seals it once read). */
  get events(): number {
    return this.run.sim.kernel.events.count;
  }
}
