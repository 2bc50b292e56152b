// Hand-built RunResults for the report tests: the home-mode scene passing cloud-to-cloud and failing locally
// (with a detail full of markup characters), and the sleep-time charging scene with grid metrics and load curves.
import type { GridMetrics, HopLatency, LatencyStats, LoadSample, RunResult } from '../../runner/result';
import type { GridMetricsWithTariff } from '../svg-charts';

/** Deterministic latencies around a median (a small LCG, so fixtures never change between runs). */
export function latencySamples(count: number, medianMs: number, seed: number): number[] {
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, () => {
    const spread = Math.exp((next() + next() + next() - 1.5) * 0.9);
    return Math.round(medianMs * spread * 10) / 10;
  });
}

export function statsOf(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]!, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

function hop(hop: string, link: string, median: number, seed: number, measured = false): HopLatency {
  return { hop, link, measured, ...statsOf(latencySamples(200, median, seed)) };
}

const cloudSamples = latencySamples(400, 180, 1);
const localSamples = latencySamples(380, 9, 2);

export const passingCloud: RunResult = {
  scenario: 'home-mode-on-approach',
  title: 'Home mode on approach',
  file: 'scenarios/home-mode-on-approach.yaml',
  seed: 42,
  architecture: 'cloud-cloud',
  parameters: { radiusM: 500, ask: true },
  passed: true,
  expectations: [
    { id: 'lights-on', kind: 'state', description: 'Living-room light on before arrival', passed: true, detail: 'light.living_room was on at 00:04:12' },
    { id: 'ac-p95', kind: 'metric', passed: true, detail: 'latency.e2e.p95 = 402 ms ≤ 800 ms' },
  ],
  metrics: {
    messages: 400, delivered: 392, failed: 8, successRate: 0.98, failureRate: 0.02,
    failuresByReason: { timeout: 5, lost: 3 },
    e2e: statsOf(cloudSamples),
    roundTrip: { count: 196, p50: 410, p95: 820, p99: 1100, max: 1500, mean: 450 },
    hops: [
      hop('vehicle/* → vehicle-cloud', 'cellular', 60, 3),
      hop('vehicle-cloud → hub', 'internet', 30, 4),
      hop('hub → home-cloud', 'internet', 30, 5),
      hop('home-cloud → home/*/gateway', 'home-broadband', 20, 6, true),
      hop('home/*/gateway → device', 'lan', 4, 7),
    ],
    e2eSamples: cloudSamples,
    named: { 'latency.e2e.p95': 402, 'delivery.success_rate': 0.98 },
  },
  eventHash: 'a3f1c9e2b7d4058e6a1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071',
  events: 5123,
  simulatedMs: 600_000,
  wallMs: 1234,
};

export const MALICIOUS_DETAIL = `expected light.hall "on" & <b>bold</b> got 'off'`;

export const failingLocal: RunResult = {
  ...passingCloud,
  architecture: 'local',
  passed: false,
  abortedBy: 'gateway h1/gateway offline for 60 s',
  expectations: [
    { id: 'lights-on', kind: 'state', description: 'Living-room light on before arrival', passed: false, detail: MALICIOUS_DETAIL },
    { id: 'ac-p95', kind: 'metric', passed: true, detail: 'latency.e2e.p95 = 21 ms ≤ 800 ms' },
  ],
  metrics: {
    messages: 400, delivered: 300, failed: 100, successRate: 0.75, failureRate: 0.25,
    failuresByReason: { 'out-of-range': 60, 'gateway-offline': 40 },
    e2e: statsOf(localSamples),
    roundTrip: { count: 150, p50: 20, p95: 45, p99: 60, max: 80, mean: 24 },
    hops: [hop('vehicle/* → home/*/gateway', 'near-field', 3, 8), hop('home/*/gateway → device', 'lan', 4, 9)],
    e2eSamples: localSamples,
    named: { 'latency.e2e.p95': 21, 'delivery.success_rate': 0.75 },
  },
  eventHash: '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c',
  events: 3001,
  wallMs: 800,
};

/** Household evening load with two EVs, 17:00 → 01:00 sampled every minute; coordinated charging waits for 21:00. */
function loadCurve(coordinated: boolean): LoadSample[] {
  return Array.from({ length: 8 * 60 + 1 }, (_, i) => {
    const minute = 17 * 60 + i;
    const hour = minute / 60;
    const base = 14 + 16 * Math.exp(-((hour - 19.5) ** 2) / 2);
    const plugged = minute >= 18 * 60 + 30;
    const ev = coordinated ? (minute >= 21 * 60 && minute < 24 * 60 + 30 ? 11 : 0) : plugged && minute < 22 * 60 ? 22 : 0;
    const clockMinute = minute % 1440;
    const clock = `${String(Math.floor(clockMinute / 60)).padStart(2, '0')}:${String(clockMinute % 60).padStart(2, '0')}`;
    return { t: i * 60_000, clock, totalKw: Math.round((base + ev) * 10) / 10, evKw: ev };
  });
}

const grid: GridMetricsWithTariff = {
  transformerKva: 50, strategy: 'coordinated', peakKw: 29.6, uncontrolledPeakKw: 51.6, peakReductionPct: 42.6,
  maxLoadPctOfRating: 59.2, evsAtTarget: 2, evCount: 2, chargingEnergyInPeakKwh: 0, energyCost: 15.4,
  uncontrolledEnergyCost: 38.2, currency: 'CNY', load: loadCurve(true), uncontrolledLoad: loadCurve(false),
  tariffPeak: { startMin: 16 * 60, endMin: 21 * 60 },
};

export const gridRun: RunResult = {
  scenario: 'sleep-time-peak-shaving',
  title: 'Sleep-time charging peak shaving',
  file: 'scenarios/peak-shaving.yaml',
  seed: 7,
  architecture: 'cloud-cloud',
  parameters: { homes: 4, strategy: 'coordinated' },
  passed: true,
  expectations: [{ id: 'transformer-within-rating', kind: 'metric', passed: true, detail: 'grid.transformer.peak_kva = 29.6 ≤ 50' }],
  metrics: {
    messages: 12, delivered: 12, failed: 0, successRate: 1, failureRate: 0, failuresByReason: {},
    e2e: statsOf(latencySamples(12, 170, 10)), roundTrip: statsOf([]), hops: [],
    e2eSamples: latencySamples(12, 170, 10), grid: grid as GridMetrics, named: { 'grid.peak_kw': 29.6 },
  },
  eventHash: 'ffee' + '0'.repeat(60),
  events: 900,
  simulatedMs: 8 * 3_600_000,
  wallMs: 2500,
};
