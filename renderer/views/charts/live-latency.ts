// End-to-end latency as it builds while a run plays, from the messages the page already has. The same definition
// as the engine's metrics (engine/runner/metrics.ts), so the live figures converge on the verdict's: every delivered
// message but a response, sent → delivered; percentiles by nearest rank; success and failure over completed ones.
import type { Envelope, LatencyStats } from '../../../protocol';

export interface LiveLatency {
  /** [delivered at (virtual ms), latency ms], in log order, the newest `maxPoints` at most. */
  points: [number, number][];
  stats: LatencyStats;
  sent: number;
  delivered: number;
  failed: number;
}

export function percentileStats(values: readonly number[]): LatencyStats {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return {
    count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]!),
    mean: round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

export function liveLatency(messages: { size: number; at(i: number): Envelope | undefined }, maxPoints = 1500): LiveLatency {
  const latencies: number[] = [];
  const points: [number, number][] = [];
  let delivered = 0;
  let failed = 0;
  for (let i = 0; i < messages.size; i++) {
    const m = messages.at(i)!;
    if (m.status === 'failed') failed++;
    if (m.status !== 'delivered') continue;
    delivered++;
    if (m.kind === 'response' || m.completedAt === undefined) continue;
    const ms = m.completedAt - m.createdAt;
    latencies.push(ms);
    points.push([m.completedAt, ms]);
  }
  return { points: points.slice(-maxPoints), stats: percentileStats(latencies), sent: messages.size, delivered, failed };
}
