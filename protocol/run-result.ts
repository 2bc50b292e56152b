// What a scenario run produces: the verdict, every expectation's outcome, the pilot metrics of the seed
// (§4.1.1: latency, access success rate, failure rate) and the eventHash. The one definition: the engine's runner
// builds it, reports and recordings store it, and the app receives it whole with the final verdict.
import type { Architecture } from '../twins/bus/envelope';

export interface ExpectationResult {
  id: string;
  kind: string;
  description?: string;
  passed: boolean;
  /** What was observed, in words a tester can act on. */
  detail: string;
  /** within: how long after the step the event came, ms (virtual time, µs resolution). */
  observedMs?: number;
  /** within: the budget, ms. */
  budgetMs?: number;
  /** within: the lower bound, ms, when the scenario gives one. */
  minMs?: number;
  /** count: how many events matched. */
  count?: number;
  /** The event the verdict rests on: the one matched, or the forbidden one seen. */
  event?: MatchedEvent;
}

/** An event of the canonical stream, by its position (`seq`) and virtual time. */
export interface MatchedEvent {
  seq: number;
  t: number;
  type: string;
  source: string;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface HopLatency extends LatencyStats {
  /** `from → to`, e.g. `vehicle/* → vehicle-cloud` (ids generalised so hops aggregate across twins). */
  hop: string;
  link: string;
  /** True when measured on a real wire (external endpoint), false when drawn from a link model. */
  measured: boolean;
}

export interface LoadSample {
  /** Virtual ms since scenario start. */
  t: number;
  /** Time of day label, e.g. `17:30`. */
  clock: string;
  totalKw: number;
  evKw: number;
}

export interface GridMetrics {
  transformerKva: number;
  strategy: 'uncontrolled' | 'coordinated' | 'external-csms';
  peakKw: number;
  /** Peak of the same scene with uncontrolled charging (same seed), for the side-by-side comparison. */
  uncontrolledPeakKw: number;
  peakReductionPct: number;
  maxLoadPctOfRating: number;
  evsAtTarget: number;
  evCount: number;
  /** Charging energy delivered inside the tariff peak window, kWh. */
  chargingEnergyInPeakKwh: number;
  energyCost: number;
  uncontrolledEnergyCost: number;
  currency: string;
  /** Tariff peak window, minutes after midnight (the report shades it). */
  tariffPeak?: { startMin: number; endMin: number };
  /** The planning limit as a share of the rating (0.8: the scene's pass line). */
  maxLoadShare?: number;
  /** Load over the run, sampled every minute: coordinated (this run) and uncontrolled (baseline). */
  load: LoadSample[];
  uncontrolledLoad: LoadSample[];
}

/** One stream or transfer (seed §3.4.4(2)); a figure the flow never reached is null (a dash in reports). */
export interface FlowMetrics {
  id: string;
  kind: 'stream' | 'transfer';
  from: string;
  to: string;
  /** Link types it crossed, in path order. */
  links: string[];
  outcome: 'completed' | 'ended' | 'failed' | 'running';
  /** Why it failed (control message refused, no path, out of local range …). */
  reason: string | null;
  bitrateKbps: number | null;
  sizeBytes: number | null;
  /** Stream: start → first frame, ms. */
  ttffMs: number | null;
  stalls: number;
  stalledMs: number;
  /** Stalled time / (played + stalled) after the first frame; 1 for a picture that never came. */
  rebufferRatio: number | null;
  throughputKbps: number | null;
  /** Transfer: start → last byte, ms. */
  completionMs: number | null;
}

export interface RunMetrics {
  messages: number;
  delivered: number;
  failed: number;
  /** Delivered / sent, 0–1 (the seed's "access success rate"). */
  successRate: number;
  /** Failed / sent, 0–1. */
  failureRate: number;
  /** Failures by reason code (lost, timeout, out-of-range, gateway-offline, untranslatable …). */
  failuresByReason: Record<string, number>;
  /** End-to-end latency of delivered commands and queries (request sent → delivered), ms. */
  e2e: LatencyStats;
  /** Command round trip: request sent → response delivered back, ms. */
  roundTrip: LatencyStats;
  hops: HopLatency[];
  /** Raw end-to-end latencies (ms) for histograms; capped at 10,000 values. */
  e2eSamples: number[];
  grid?: GridMetrics;
  /** Streams and transfers of the run, in the order they started (absent when there were none). */
  flows?: FlowMetrics[];
  /** Flat name → value view used by `metric` expectations (latency.e2e.p95, delivery.success_rate, grid.peak_kw …). */
  named: Record<string, number>;
}

export interface RunResult {
  scenario: string;
  title?: string;
  file: string;
  seed: number;
  architecture: Architecture;
  parameters: Record<string, string | number | boolean>;
  passed: boolean;
  /**
   * Set when the scenario declares `verdict: none` (a demo that checks nothing) and the run raised no error: it is
   * neither a PASS nor a FAIL. `passed` is then false, so no consumer that reads only `passed` counts it as a PASS.
   */
  noVerdict?: true;
  /** Why the run ended early (a failWhen matched), if it did. */
  abortedBy?: string;
  expectations: ExpectationResult[];
  metrics: RunMetrics;
  /** SHA-256 (hex) of the canonical event stream: same seed ⇒ same hash. */
  eventHash: string;
  events: number;
  /** Virtual duration of the run, ms. */
  simulatedMs: number;
  /** Wall time of the run, ms (not part of the hash). */
  wallMs: number;
}

/** What a run's outcome is called wherever it is shown: PASS, FAIL, or no verdict (a declared demo). */
export type RunVerdict = 'pass' | 'fail' | 'none';
