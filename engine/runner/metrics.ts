// Collects the pilots' metrics (seed §4.1.1) from the canonical stream: end-to-end and per-hop latency, command
// round trips, access success rate and failure rate with failures by reason. Hops are aggregated by the kind of
// party (vehicle/* → vehicle-cloud), so a neighbourhood's 1,000 cars make one row, not 1,000.
import type { Envelope } from '../../twins/bus/envelope';
import type { SimEvent } from '../../twins/kernel/event-log';
import { FlowMetricsCollector } from './flow-metrics';
import type { HopLatency, LatencyStats, RunMetrics } from './result';

const MAX_SAMPLES = 10_000;

export class MetricsCollector {
  private readonly e2e: number[] = [];
  private readonly roundTrip: number[] = [];
  private readonly hops = new Map<string, { link: string; measured: boolean; values: number[] }>();
  private readonly requestCreatedAt = new Map<string, number>();
  private readonly failures: Record<string, number> = {};
  private delivered = 0;
  private failed = 0;
  private readonly flows = new FlowMetricsCollector();

  observe(event: SimEvent): void {
    if (event.type.startsWith('flow.')) return this.flows.observe(event);
    if (event.type !== 'msg.delivered' && event.type !== 'msg.failed') return;
    const env = event.data as unknown as Envelope;
    if (event.type === 'msg.failed') {
      this.failed++;
      const reason = env.failure ?? 'unknown';
      this.failures[reason] = (this.failures[reason] ?? 0) + 1;
      this.requestCreatedAt.delete(env.id);
      return;
    }
    this.delivered++;
    if (env.kind !== 'response') {
      this.e2e.push((env.completedAt ?? event.t) - env.createdAt);
      if (env.kind === 'command' || env.kind === 'query') this.requestCreatedAt.set(env.id, env.createdAt);
    } else if (env.correlationId !== undefined) {
      const sent = this.requestCreatedAt.get(env.correlationId);
      if (sent !== undefined) {
        this.roundTrip.push((env.completedAt ?? event.t) - sent);
        this.requestCreatedAt.delete(env.correlationId);
      }
    }
    for (const hop of env.hops) {
      if (hop.deliveredAt === undefined) continue;
      const key = `${generalise(hop.from)} → ${generalise(hop.to)}`;
      let row = this.hops.get(key);
      if (row === undefined) this.hops.set(key, (row = { link: hop.link, measured: false, values: [] }));
      row.measured ||= hop.measured === true;
      row.values.push(hop.deliveredAt - hop.sentAt);
    }
  }

  /** Messages settled so far (delivered or failed): cheap enough for a progress line at every slice. */
  get messageCount(): number {
    return this.delivered + this.failed;
  }

  result(): RunMetrics {
    const sent = this.delivered + this.failed;
    const e2e = stats(this.e2e);
    const roundTrip = stats(this.roundTrip);
    const hops: HopLatency[] = [...this.hops.entries()]
      .map(([hop, row]) => ({ hop, link: row.link, measured: row.measured, ...stats(row.values) }))
      .sort((a, b) => a.hop.localeCompare(b.hop));
    const successRate = sent === 0 ? 1 : this.delivered / sent;
    const flows = this.flows.list();
    const failureRate = sent === 0 ? 0 : this.failed / sent;
    return {
      messages: sent, delivered: this.delivered, failed: this.failed, successRate, failureRate,
      failuresByReason: { ...this.failures }, e2e, roundTrip, hops, ...(flows.length > 0 ? { flows } : {}),
      e2eSamples: this.e2e.length <= MAX_SAMPLES ? this.e2e.map(round) : thin(this.e2e, MAX_SAMPLES).map(round),
      // A rate or a percentile of nothing is not 100 % or 0 ms: with no sample the name is absent, so a metric
      // expectation on it fails ("nothing measured") instead of passing by mistake. Sample counts sit beside them.
      named: {
        'messages.count': sent, 'messages.delivered': this.delivered, 'messages.failed': this.failed,
        ...(sent > 0 ? { 'delivery.success_rate': successRate, 'delivery.failure_rate': failureRate } : {}),
        'latency.e2e.count': e2e.count,
        ...(e2e.count > 0 ? { 'latency.e2e.p50': e2e.p50, 'latency.e2e.p95': e2e.p95, 'latency.e2e.p99': e2e.p99, 'latency.e2e.max': e2e.max, 'latency.e2e.mean': e2e.mean } : {}),
        'latency.roundtrip.count': roundTrip.count,
        ...(roundTrip.count > 0 ? { 'latency.roundtrip.p50': roundTrip.p50, 'latency.roundtrip.p95': roundTrip.p95, 'latency.roundtrip.p99': roundTrip.p99 } : {}),
        ...Object.fromEntries(Object.entries(this.failures).map(([reason, n]) => [`failures.${reason}`, n])),
        ...this.flows.named(),
      },
    };
  }
}

// vehicle/car7 becomes "vehicle/<any>" written with a star, home/h3/lock.front_door becomes home/<any>/lock, phone/bob phone/<any>.
export function generalise(address: string): string {
  const parts = address.split('/');
  if (parts[0] === 'home' && parts.length === 3) return parts[2] === 'gateway' ? 'home/*/gateway' : `home/*/${parts[2]!.split('.')[0]}`;
  if (parts.length >= 2 && ['vehicle', 'phone', 'local'].includes(parts[0]!)) return `${parts[0]}/*`;
  return address;
}

export function stats(values: number[]): LatencyStats {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return {
    count: values.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]!),
    mean: round(values.reduce((s, v) => s + v, 0) / values.length),
  };
}

function thin(values: number[], n: number): number[] {
  const step = values.length / n;
  return Array.from({ length: n }, (_, i) => values[Math.floor(i * step)]!);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
