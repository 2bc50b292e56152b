// The fleet report (`--report fleet.json`, format `twinbench-fleet/v1`): what one shard saw, with its latency
// and connect-time histograms included so that `twinbench merge` pools shards exactly (see latency-histogram.ts:
// percentiles are read ≤ 1 % above the true sample, merged or not).
import type { CommandCounts, CommandFailure } from './command-driver';
import type { ConnectFailure } from './device-client';
import type { FleetShard } from './fleet-plan';
import { LatencyHistogram, type HistogramBuckets } from './latency-histogram';

export const FLEET_REPORT_FORMAT = 'twinbench-fleet/v1';

export interface FleetPlanSummary {
  vehicles: number;
  homes: number;
  durationS: number;
  commandRate: number;
  mqttVersion: '3.1.1' | '5';
  seed: number;
}

export interface FleetReport {
  format: typeof FLEET_REPORT_FORMAT;
  plan: FleetPlanSummary;
  /** The shards this report covers (one, or several after a merge). */
  shards: FleetShard[];
  brokers: string[];
  /** The run was cut short (Ctrl-C); the figures cover what happened until then. */
  interrupted: boolean;
  clients: {
    total: number;
    connected: number;
    everConnected: number;
    connectMs: { p50: number | null; p99: number | null; histogram: HistogramBuckets };
    /** Failed connection attempts by reason (one client may fail several times before it gets in). */
    connectFailures: Partial<Record<ConnectFailure, number>>;
  };
  commands: Omit<CommandCounts, 'failures'> & { handled: number; malformed: number };
  latency: { p50Ms: number | null; p99Ms: number | null; samples: number; histogram: HistogramBuckets; errorBound: string };
  failureRate: number;
  failures: Record<CommandFailure, number>;
  telemetry: { published: number };
  /** With several shards: the start barrier (shards heard before traffic began, how long it took). */
  start?: { runId: string; shardsReady: number; shardsTotal: number; waitedMs: number; timedOut: boolean } | undefined;
}

export const ERROR_BOUND = 'percentiles are read from log buckets 1 % wide: at most 1 % above the exact sample, merged or not';

export function latencySection(h: LatencyHistogram): FleetReport['latency'] {
  return { p50Ms: h.percentile(50), p99Ms: h.percentile(99), samples: h.count, histogram: h.buckets(), errorBound: ERROR_BOUND };
}

export function connectSection(h: LatencyHistogram): FleetReport['clients']['connectMs'] {
  return { p50: h.percentile(50), p99: h.percentile(99), histogram: h.buckets() };
}

/** Failed commands over attempted ones (0 when nothing was attempted). */
export function failureRate(failures: Record<CommandFailure, number>, attempted: number): number {
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return attempted === 0 ? 0 : failed / attempted;
}

/** The report's one-line summary for the terminal. */
export function summaryLine(r: FleetReport): string {
  const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(2)} %`);
  const ms = (v: number | null): string => (v === null ? '–' : `${v.toFixed(1)} ms`);
  const reasons = Object.entries(r.failures).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  const connectReasons = Object.entries(r.clients.connectFailures).filter(([, n]) => (n ?? 0) > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `clients ${r.clients.connected}/${r.clients.total} connected at the end (${pct(r.clients.connected, r.clients.total)}; ever ${r.clients.everConnected}; connect p50 ${ms(r.clients.connectMs.p50)}, p99 ${ms(r.clients.connectMs.p99)})`,
    ...(connectReasons ? [`connect failures: ${connectReasons}`] : []),
    `commands ${r.commands.answered}/${r.commands.attempted} answered (${pct(r.commands.answered, r.commands.attempted)}), round trip p50 ${ms(r.latency.p50Ms)}, p99 ${ms(r.latency.p99Ms)}; failure rate ${(r.failureRate * 100).toFixed(2)} %${reasons ? ` (${reasons})` : ''}`,
  ].join('\n');
}
