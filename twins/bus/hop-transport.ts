// One hop of a message's flight: opening it (its span, the sending gateway's translation, the local-range check)
// and attempting it over the link model — or over the wire of an external party — with the link's retransmission
// policy. Split from MessageBus because a hop's mechanics are a job of their own: the bus decides what a message
// is and how it ends (launch, arrival, completion, refusal, failure, timeouts); this only moves the current hop on
// and says when it failed. Hot path: it keeps the bus's figures — one Hop record per hop, one scheduler entry per
// attempt (the flight's own `step`), and no closure per hop except on an external party's wire.
import type { RandomStream, Scheduler } from '../kernel/types';
import type { BusTopology } from './bus-types';
import type { EndpointRegistry } from './endpoint-registry';
import type { FailureCode, Hop } from './envelope';
import { refusingNode, type Flight } from './flight';
import { ATTEMPT_OUTAGE } from './links';
import { newSpanId } from './trace-ids';
import { carryOverWire } from './wire-hop';

/** How the bus ends a flight whose current hop could not be carried. */
export type HopFailed = (flight: Flight, status: 'lost' | 'failed', reason: string, code: FailureCode) => void;

export class HopTransport {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly trace: RandomStream,
    private readonly topology: BusTopology,
    private readonly receivers: EndpointRegistry,
    private readonly failHop: HopFailed,
  ) {}

  /** Opens the flight's current hop (f.hopIndex) and makes its first attempt once the sender has processed it. */
  start(f: Flight): void {
    const plan = f.route.hops[f.hopIndex]!;
    const env = f.env;
    const now = this.scheduler.now();
    const from = plan.fromNode;
    const delay = from === undefined ? 0 : from.processingMs + from.extraLatencyMs;
    const hop: Hop = {
      index: f.hopIndex,
      from: plan.from,
      to: plan.to,
      link: plan.link.id,
      spanId: newSpanId(this.trace),
      parentSpanId: f.hopIndex === 0 ? env.spanId : env.hops[f.hopIndex - 1]!.spanId,
      sentAt: now + delay,
      attempts: 0,
      status: 'in-flight',
      format: f.format,
      deliveredAt: undefined,
      payload: undefined,
      measured: undefined,
      error: undefined,
    };
    env.hops.push(hop);
    f.hop = hop;
    if (plan.translator !== undefined) {
      const result = plan.translator.translate(f.payload, f.format, { envelope: env, from: f.route.path[f.hopIndex - 1]!, to: plan.to, now });
      if (!result.ok) return this.failHop(f, 'failed', `${plan.from} cannot translate the message: ${result.error}`, 'untranslatable');
      f.payload = result.payload;
      hop.format = f.format = result.format;
      hop.payload = result.payload;
    }
    if (plan.local !== undefined && !this.topology.isLocalReachable(plan.local.vehicleId, plan.local.homeId, now)) {
      return this.failHop(f, 'failed', `vehicle/${plan.local.vehicleId} is out of local range of home ${plan.local.homeId}`, 'out-of-range');
    }
    this.attempt(f, delay);
  }

  /**
   * One attempt at the current hop `delay` ms from now: schedules its arrival (f.arriving) or its next attempt,
   * or fails the hop once the link's attempts are spent.
   */
  attempt(f: Flight, delay: number): void {
    const plan = f.route.hops[f.hopIndex]!;
    const hop = f.hop!;
    hop.attempts++;
    const refusing = refusingNode(plan);
    let outcome = 0;
    if (refusing === undefined) {
      const external = this.receivers.externalAt(plan.to);
      if (external !== undefined) return carryOverWire(this.scheduler, f, external, delay, this.failHop);
      const extraLoss = (plan.fromNode?.extraLoss ?? 0) + (plan.toNode?.extraLoss ?? 0);
      outcome = plan.link.attempt(this.scheduler.now() + delay, extraLoss);
      if (outcome >= 0) {
        f.arriving = true;
        this.scheduler.schedule(delay + outcome, f.step);
        return;
      }
    }
    if (hop.attempts >= plan.link.model.retry.maxAttempts) {
      const tries = `after ${hop.attempts} attempt${hop.attempts > 1 ? 's' : ''}`;
      const where = `${plan.from} → ${plan.to}`;
      if (refusing !== undefined) return this.failHop(f, 'failed', `${where}: ${refusing.refusal} (${tries})`, refusing.refusalCode);
      if (outcome === ATTEMPT_OUTAGE) return this.failHop(f, 'lost', `${where}: ${plan.link.id} link outage (${tries})`, 'outage');
      return this.failHop(f, 'lost', `${where}: lost on the ${plan.link.id} link (${tries})`, 'lost');
    }
    f.arriving = false;
    this.scheduler.schedule(delay + plan.link.retryDelay(hop.attempts), f.step);
  }
}
