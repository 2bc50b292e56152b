// Streams and transfers as first-class flows (seed §3.4.4(2)). A flow follows the architecture's path hop by hop
// like a message, but it occupies bandwidth for as long as it lasts: every direction of every link it crosses is
// shared max-min fairly with the other flows there (bandwidth.ts), and the receiver plays or stores what arrives
// (playback.ts). Rates change only when a flow starts or ends or a capacity changes; between those moments
// everything is linear, so each flow's next change (first frame, stall, resume, completion) is solved and scheduled
// once. Every change is a `flow.*` event on the canonical stream: the same seed gives the same flows, to the µs.
import type { Json, KernelContext, SimTime, TimerHandle } from '../kernel/types';
import { DEFAULT_LINK_CAPACITY, hopResource, maxMinFairShare, type LinkCapacity, type LinkResource } from './bandwidth';
import { advance, applyChange, nextChange, type PlaybackChange, type PlaybackState } from './playback';

export type FlowSpec =
  | { id: string; kind: 'stream'; from: string; to: string; bitrateKbps: number; startupMs?: number; durationMs?: number }
  | { id: string; kind: 'transfer'; from: string; to: string; sizeBytes: number };

/** Capacity overrides: by link type (`cellular`) or one party's link (`cellular/vehicle/car1`). */
export type CapacityOverrides = { [linkOrLinkParty: string]: Partial<LinkCapacity> };

/** How a running flow finished: a transfer completed, a stream ended, or either failed on the way. */
export type FlowFinish = 'completed' | 'ended' | 'failed';
export type FlowFinishListener = (how: FlowFinish, spec: FlowSpec, bytes: number) => void;

export interface FlowView {
  id: string;
  kind: FlowSpec['kind'];
  from: string;
  to: string;
  links: readonly string[];
  rateKbps: number;
  phase: PlaybackState['phase'] | 'transferring';
  receivedBytes: number;
}

interface ActiveFlow {
  spec: FlowSpec;
  links: readonly string[];
  resources: readonly LinkResource[];
  startedAt: SimTime;
  /** When its first bits reach the receiver: the start plus the path's one-way latency. */
  activeFrom: SimTime;
  lastUpdate: SimTime;
  rateKbps: number;
  state: PlaybackState;
  firstFrameAt: SimTime | undefined;
  stalls: number;
  stallStartedAt: SimTime;
  timer: TimerHandle | undefined;
  endTimer: TimerHandle | undefined;
}

/** Media ms a player buffers before the first frame: a live picture starts at once, a film after a short fill. */
export const DEFAULT_STARTUP_MS = 500;

const round = (x: number): number => Math.round(x * 1000) / 1000;

export class FlowNetwork {
  private readonly flows = new Map<string, ActiveFlow>();
  private readonly capacities: CapacityOverrides;
  private readonly finishListeners: FlowFinishListener[] = [];
  /** Link types carrying nothing until a time (an injected outage). */
  private readonly outages: { link: string; until: SimTime }[] = [];

  constructor(private readonly kernel: Pick<KernelContext, 'scheduler' | 'events'>, capacities: CapacityOverrides = {}) {
    this.capacities = { ...capacities };
  }

  /** Called after a running flow's last event (not for a flow refused at the start: its starter knows). */
  onFinished(listener: FlowFinishListener): void {
    this.finishListeners.push(listener);
  }

  private finished(how: FlowFinish, spec: FlowSpec, bytes: number): void {
    for (const listener of this.finishListeners) listener(how, spec, bytes);
  }

  /**
   * Starts a flow along `path` (its nodes, and the link type of each hop). Its first bits reach the receiver
   * `latencyMs` later (the path's one-way latency), so a first frame or a completion comes after that too.
   */
  start(spec: FlowSpec, path: readonly string[], links: readonly string[], latencyMs = 0): void {
    const now = this.kernel.scheduler.now();
    if (this.flows.has(spec.id)) throw new Error(`flows: a flow "${spec.id}" is already running; give each flow its own id`);
    const resources = links.map((link, i) => hopResource(path[i]!, path[i + 1]!, link));
    const state: PlaybackState = {
      kind: spec.kind, bitrateKbps: spec.kind === 'stream' ? spec.bitrateKbps : 0, sizeBits: spec.kind === 'transfer' ? spec.sizeBytes * 8 : 0,
      receivedBits: 0, phase: 'starting', bufferMs: 0, startupMs: spec.kind === 'stream' ? (spec.startupMs ?? DEFAULT_STARTUP_MS) : 0, playedMs: 0, stalledMs: 0,
    };
    const flow: ActiveFlow = { spec, links, resources, startedAt: now, activeFrom: now + Math.max(0, latencyMs), lastUpdate: now, rateKbps: 0, state, firstFrameAt: undefined, stalls: 0, stallStartedAt: now, timer: undefined, endTimer: undefined };
    this.kernel.events.emit('flow.started', spec.to, {
      flow: spec.id, kind: spec.kind, from: spec.from, to: spec.to, path: [...path], links: [...links],
      ...(spec.kind === 'stream' ? { bitrateKbps: spec.bitrateKbps } : { sizeBytes: spec.sizeBytes }),
    });
    this.settleAll(now);
    this.flows.set(spec.id, flow);
    if (spec.kind === 'stream' && spec.durationMs !== undefined) {
      flow.endTimer = this.kernel.scheduler.schedule(spec.durationMs, () => this.stop(spec.id, 'duration'), `flow-end:${spec.id}`);
    }
    this.reallocate(now);
  }

  /** A flow that could not start (its control message failed, no path): recorded, never silent. */
  refuse(spec: FlowSpec, reason: string): void {
    this.kernel.events.emit('flow.failed', spec.to, { flow: spec.id, kind: spec.kind, from: spec.from, to: spec.to, reason, bytes: 0 });
  }

  /** Ends a stream (the viewer closed it) or abandons a transfer; `fail` makes it a `flow.failed`. */
  stop(id: string, reason: string, fail = false): boolean {
    const flow = this.flows.get(id);
    if (flow === undefined) return false;
    const now = this.kernel.scheduler.now();
    this.settleAll(now);
    this.remove(flow);
    const { spec, state } = flow;
    const bytes = Math.round(state.receivedBits / 8);
    if (fail || spec.kind === 'transfer') {
      this.kernel.events.emit('flow.failed', spec.to, { flow: id, kind: spec.kind, from: spec.from, to: spec.to, reason, bytes });
    } else {
      // The usual rebuffer ratio: stalled time over viewing time after the first frame; a picture that never came is all waiting.
      const viewed = state.playedMs + state.stalledMs;
      this.kernel.events.emit('flow.ended', spec.to, {
        flow: id, reason, ttffMs: flow.firstFrameAt === undefined ? null : round(flow.firstFrameAt - flow.startedAt),
        playedMs: round(state.playedMs), stalls: flow.stalls, stalledMs: round(state.stalledMs),
        rebufferRatio: flow.firstFrameAt === undefined ? 1 : viewed > 0 ? round(state.stalledMs / viewed) : 0,
        throughputKbps: now > flow.startedAt ? round(state.receivedBits / (now - flow.startedAt)) : 0, bytes,
      });
    }
    this.reallocate(now);
    this.finished(fail || spec.kind === 'transfer' ? 'failed' : 'ended', spec, bytes);
    return true;
  }

  /** Changes a link's capacity from now on: a link type (`cellular`) or one party's (`cellular/vehicle/car1`). */
  setCapacity(linkOrLinkParty: string, change: Partial<LinkCapacity>): void {
    const now = this.kernel.scheduler.now();
    this.settleAll(now);
    this.capacities[linkOrLinkParty] = { ...this.capacities[linkOrLinkParty], ...change };
    this.reallocate(now);
  }

  /** An outage of every link of a type for `durationMs` from now: the flows crossing it get nothing meanwhile. */
  blackout(link: string, durationMs: number): void {
    const now = this.kernel.scheduler.now();
    this.settleAll(now);
    for (let i = this.outages.length - 1; i >= 0; i--) if (this.outages[i]!.until <= now) this.outages.splice(i, 1);
    this.outages.push({ link, until: now + durationMs });
    this.reallocate(now);
    this.kernel.scheduler.schedule(durationMs, () => {
      const t = this.kernel.scheduler.now();
      this.settleAll(t);
      this.reallocate(t);
    }, `flows:outage:${link}`);
  }

  capacityOf(resource: LinkResource): number {
    const now = this.kernel.scheduler.now();
    if (this.outages.some((o) => o.link === resource.link && o.until > now)) return 0;
    const key = resource.direction === 'up' ? 'upKbps' : 'downKbps';
    const own = this.capacities[`${resource.link}/${resource.party}`]?.[key];
    if (own !== undefined) return own;
    return this.capacities[resource.link]?.[key] ?? (DEFAULT_LINK_CAPACITY as Record<string, LinkCapacity | undefined>)[resource.link]?.[key] ?? Infinity;
  }

  has(id: string): boolean {
    return this.flows.has(id);
  }

  /** The running flows with their current rates, for the app's flow view. */
  views(): FlowView[] {
    return [...this.flows.values()].map((f) => ({
      id: f.spec.id, kind: f.spec.kind, from: f.spec.from, to: f.spec.to, links: f.links, rateKbps: round(f.rateKbps),
      phase: f.spec.kind === 'transfer' ? 'transferring' : f.state.phase, receivedBytes: Math.round(f.state.receivedBits / 8),
    }));
  }

  /** Ids of running flows that cross `link` (e.g. near-field ones, which need the car in range). */
  crossing(link: string): string[] {
    return [...this.flows.values()].filter((f) => f.links.includes(link)).map((f) => f.spec.id);
  }

  private settleAll(now: SimTime): void {
    for (const flow of this.flows.values()) {
      advance(flow.state, now - flow.lastUpdate, flow.rateKbps);
      flow.lastUpdate = now;
    }
  }

  private remove(flow: ActiveFlow): void {
    if (flow.timer) this.kernel.scheduler.cancel(flow.timer);
    if (flow.endTimer) this.kernel.scheduler.cancel(flow.endTimer);
    this.flows.delete(flow.spec.id);
  }

  /** New fair shares for every flow (all settled to `now`), then each flow's next change rescheduled. */
  private reallocate(now: SimTime): void {
    const capacity = new Map<string, number>();
    for (const f of this.flows.values()) for (const r of f.resources) capacity.set(r.id, this.capacityOf(r));
    const rates = maxMinFairShare(
      [...this.flows.values()].map((f) => ({
        id: f.spec.id, demandKbps: f.activeFrom > now ? 0 : f.spec.kind === 'stream' ? f.spec.bitrateKbps : Infinity, resources: f.resources.map((r) => r.id),
      })),
      (id) => capacity.get(id)!,
    );
    for (const flow of this.flows.values()) {
      const rate = rates.get(flow.spec.id) ?? 0;
      flow.rateKbps = Number.isFinite(rate) ? rate : 0;
      this.schedule(flow, now);
    }
  }

  private schedule(flow: ActiveFlow, now: SimTime): void {
    if (flow.timer) this.kernel.scheduler.cancel(flow.timer);
    flow.timer = undefined;
    if (flow.activeFrom > now) {
      // Still in flight along the path: it joins the sharing when its first bits arrive.
      flow.timer = this.kernel.scheduler.scheduleAt(flow.activeFrom, () => {
        flow.timer = undefined;
        const t = this.kernel.scheduler.now();
        this.settleAll(t);
        this.reallocate(t);
      }, `flow-arrives:${flow.spec.id}`);
      return;
    }
    const next = nextChange(flow.state, flow.rateKbps);
    if (next === undefined) return;
    // Rounded up to the clock's microsecond, so the buffer really is empty (or full) when the change is applied.
    const at = Math.max(now, Math.ceil((now + next.inMs) * 1000) / 1000);
    flow.timer = this.kernel.scheduler.scheduleAt(at, () => this.change(flow, next.change), `flow:${flow.spec.id}`);
  }

  private change(flow: ActiveFlow, change: PlaybackChange): void {
    const now = this.kernel.scheduler.now();
    flow.timer = undefined;
    advance(flow.state, now - flow.lastUpdate, flow.rateKbps);
    flow.lastUpdate = now;
    applyChange(flow.state, change);
    const { spec } = flow;
    const data: { [key: string]: Json } = { flow: spec.id };
    if (change === 'completed') {
      this.settleAll(now);
      this.remove(flow);
      const ms = now - flow.startedAt;
      const bytes = spec.kind === 'transfer' ? spec.sizeBytes : 0;
      this.kernel.events.emit('flow.completed', spec.to, { ...data, ms: round(ms), bytes, throughputKbps: ms > 0 ? round((bytes * 8) / ms) : 0 });
      this.reallocate(now);
      this.finished('completed', spec, bytes);
      return;
    }
    if (change === 'first_frame') {
      flow.firstFrameAt = now;
      this.kernel.events.emit('flow.first_frame', spec.to, { ...data, ttffMs: round(now - flow.startedAt) });
    } else if (change === 'stalled') {
      flow.stalls++;
      flow.stallStartedAt = now;
      this.kernel.events.emit('flow.stalled', spec.to, { ...data, stall: flow.stalls });
    } else {
      this.kernel.events.emit('flow.resumed', spec.to, { ...data, stalledMs: round(now - flow.stallStartedAt) });
    }
    this.schedule(flow, now);
  }
}
