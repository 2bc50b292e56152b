// Link models: how long a hop takes and whether it arrives. Each link type (cellular, LAN, near-field…) has a
// log-normal latency by median and sigma, uniform jitter, a loss probability, scheduled outage windows and a
// bounded retransmission policy (YD/T 4170-2023 style: ack timeout, exponential backoff, max attempts).
// Every number is drawn from the link's own stream `links/<linkId>`, so traffic on one link never shifts the
// numbers another link draws. Faults (latency spike, loss, outage for a duration) can be injected at run time.
import type { RandomSource, RandomStream, Scheduler, SimTime } from '../kernel/types';

export type StandardLinkId =
  | 'cellular' // car ⇄ vehicle cloud, car ⇄ home cloud (home-brand app on the car)
  | 'internet' // cloud ⇄ cloud (vehicle cloud ⇄ hub ⇄ home cloud)
  | 'home-broadband' // home cloud ⇄ home gateway
  | 'lan' // home gateway ⇄ device (Wi-Fi / Thread / Zigbee behind the gateway)
  | 'projection' // car ⇄ phone (CarPlay/CarLife-style projection)
  | 'phone-cellular' // phone ⇄ clouds
  | 'near-field'; // car ⇄ home gateway (V2X PC5 / NearLink / home Wi-Fi in the driveway)

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** How long the sender waits for the link-level ack before it resends. */
  ackTimeoutMs: number;
  /** Each further wait is the previous one times this factor. */
  backoffFactor: number;
  maxBackoffMs: number;
}

export interface OutageWindow {
  from: SimTime;
  to: SimTime;
}

export interface LinkModel {
  medianMs: number;
  /** Sigma of the underlying normal: 0 = always the median; 0.5 = long tail. */
  sigma: number;
  /** Extra uniform delay in [0, jitterMs). */
  jitterMs: number;
  /** Probability that one attempt is lost. */
  loss: number;
  retry: RetryPolicy;
  /** Windows of virtual time when the link carries nothing. */
  outages: readonly OutageWindow[];
}

const retry = (maxAttempts: number, ackTimeoutMs: number, maxBackoffMs: number): RetryPolicy => ({
  maxAttempts,
  ackTimeoutMs,
  backoffFactor: 2,
  maxBackoffMs,
});

/** Field-typical figures: cellular ~60 ms, clouds ~30 ms, broadband ~20 ms, LAN ~4 ms, near-field ~3 ms. */
export const DEFAULT_LINK_MODELS: Readonly<Record<StandardLinkId, LinkModel>> = {
  cellular: { medianMs: 60, sigma: 0.35, jitterMs: 10, loss: 0.005, retry: retry(3, 800, 5000), outages: [] },
  internet: { medianMs: 30, sigma: 0.25, jitterMs: 4, loss: 0.001, retry: retry(3, 300, 2000), outages: [] },
  'home-broadband': { medianMs: 20, sigma: 0.3, jitterMs: 5, loss: 0.002, retry: retry(3, 300, 2000), outages: [] },
  lan: { medianMs: 4, sigma: 0.4, jitterMs: 2, loss: 0.005, retry: retry(4, 100, 800), outages: [] },
  projection: { medianMs: 15, sigma: 0.3, jitterMs: 3, loss: 0.002, retry: retry(3, 200, 1000), outages: [] },
  'phone-cellular': { medianMs: 60, sigma: 0.4, jitterMs: 10, loss: 0.01, retry: retry(3, 800, 5000), outages: [] },
  'near-field': { medianMs: 3, sigma: 0.3, jitterMs: 1, loss: 0.01, retry: retry(4, 50, 400), outages: [] },
};

export type LinkFault =
  | { kind: 'latency'; extraMs: number; durationMs: number }
  | { kind: 'loss'; loss: number; durationMs: number }
  | { kind: 'outage'; durationMs: number };

interface ActiveFault {
  kind: LinkFault['kind'];
  from: SimTime;
  to: SimTime;
  value: number;
}

/** Outcome of one attempt when it did not arrive (latencies are >= 0). */
export const ATTEMPT_LOST = -1;
export const ATTEMPT_OUTAGE = -2;

/** Run-time state of one link: its model, its random stream and the faults injected into it. */
export class Link {
  private faults: ActiveFault[] = [];

  constructor(
    readonly id: string,
    public model: LinkModel,
    private readonly rng: RandomStream,
  ) {}

  /**
   * One transmission attempt at `now`: the latency in ms if it arrives, else ATTEMPT_LOST or ATTEMPT_OUTAGE.
   * `extraLoss` comes from degraded gateways at either end.
   */
  attempt(now: SimTime, extraLoss: number): number {
    const model = this.model;
    let loss = model.loss + extraLoss;
    let extraMs = 0;
    if (model.outages.length > 0 && inWindow(model.outages, now)) return ATTEMPT_OUTAGE;
    if (this.faults.length > 0) {
      this.dropExpiredFaults(now);
      for (const f of this.faults) {
        if (f.from > now) continue;
        if (f.kind === 'outage') return ATTEMPT_OUTAGE;
        if (f.kind === 'loss') loss = Math.max(loss, f.value + extraLoss);
        else extraMs += f.value;
      }
    }
    // No draw when the outcome is certain: a loss-free link spends its stream on latency only.
    if (loss >= 1) return ATTEMPT_LOST;
    if (loss > 0 && this.rng.next() < loss) return ATTEMPT_LOST;
    let latency = model.medianMs;
    if (model.sigma > 0) latency *= Math.exp(model.sigma * this.rng.normal(0, 1));
    if (model.jitterMs > 0) latency += model.jitterMs * this.rng.next();
    // Microsecond resolution keeps canonical lines short without losing anything a user could see.
    return Math.round((latency + extraMs) * 1000) / 1000;
  }

  /** Wait before the next attempt after `attemptsSoFar` attempts went unacknowledged. */
  retryDelay(attemptsSoFar: number): number {
    const r = this.model.retry;
    return Math.min(r.maxBackoffMs, r.ackTimeoutMs * r.backoffFactor ** (attemptsSoFar - 1));
  }

  inject(fault: LinkFault, now: SimTime): void {
    const value = fault.kind === 'latency' ? fault.extraMs : fault.kind === 'loss' ? fault.loss : 0;
    this.faults.push({ kind: fault.kind, from: now, to: now + fault.durationMs, value });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Faults in force at `now`. */
  activeFaults(now: SimTime): readonly ActiveFault[] {
    this.dropExpiredFaults(now);
    return this.faults.filter((f) => f.from <= now);
  }

  /** Expired faults go, so a long run with many injections does not accumulate them. */
  private dropExpiredFaults(now: SimTime): void {
    for (const f of this.faults) {
      if (f.to <= now) {
        this.faults = this.faults.filter((g) => g.to > now);
        return;
      }
    }
  }
}

function inWindow(windows: readonly OutageWindow[], t: SimTime): boolean {
  for (const w of windows) if (t >= w.from && t < w.to) return true;
  return false;
}

/** The links of one bus, created on first use from the defaults and any overrides. */
export class LinkTable {
  private readonly links = new Map<string, Link>();

  constructor(
    private readonly random: RandomSource,
    private readonly scheduler: Pick<Scheduler, 'now'>,
    private readonly overrides: { [linkId: string]: Partial<LinkModel> } = {},
  ) {}

  get(linkId: string): Link {
    let link = this.links.get(linkId);
    if (link === undefined) {
      const base = (DEFAULT_LINK_MODELS as Record<string, LinkModel | undefined>)[linkId];
      const override = this.overrides[linkId];
      if (base === undefined && override === undefined) {
        throw new Error(`links: unknown link '${linkId}'; give its model in createBus({ links: { '${linkId}': {...} } })`);
      }
      link = new Link(linkId, completeModel({ ...base, ...override }), this.random.stream(`links/${linkId}`));
      this.links.set(linkId, link);
    }
    return link;
  }

  /** Changes a link's model from now on (e.g. a slower cellular network for the rest of the run). */
  set(linkId: string, change: Partial<LinkModel>): void {
    const link = this.get(linkId);
    link.model = completeModel({ ...link.model, ...change });
  }

  /** Fault injection: a latency spike, extra loss or an outage starting now, for `durationMs`. */
  inject(linkId: string, fault: LinkFault): void {
    this.get(linkId).inject(fault, this.scheduler.now());
  }

  clearFaults(linkId: string): void {
    this.get(linkId).clearFaults();
  }
}

function completeModel(m: Partial<LinkModel>): LinkModel {
  return {
    medianMs: m.medianMs ?? 10,
    sigma: m.sigma ?? 0,
    jitterMs: m.jitterMs ?? 0,
    loss: m.loss ?? 0,
    retry: { ...retry(3, 200, 2000), ...m.retry },
    outages: m.outages ?? [],
  };
}
