// The pilots' figures per brand pair (seed §4.1.1), counted per access between a car and a home, either way: a
// command or query succeeds when its response comes back (its latency is the round trip), an event when it is
// delivered; a request or response that fails makes the access fail with that reason, and a request still
// unanswered at the end of the run counts as `unanswered`. The pair is (carmaker brand of the car, home brand of
// the home), read from the message's ends, or from the brand clouds on its path when one end is a cloud (a
// home's automations run in its brand's cloud).
import { parseAddress } from '../../twins/bus/addresses';
import type { Envelope } from '../../twins/bus/envelope';
import type { BrandPairMetrics } from '../../protocol/run-result';
import { stats } from './metrics';

export interface BrandAssignment {
  vehicles: ReadonlyMap<string, string>;
  homes: ReadonlyMap<string, string>;
}

export const pairMetricName = (vehicleBrand: string, homeBrand: string, figure: string): string => `pair.${vehicleBrand}.${homeBrand}.${figure}`;

interface Cell {
  delivered: number;
  failed: number;
  latency: number[];
  failures: Record<string, number>;
}

export class BrandPairCollector {
  private readonly cells = new Map<string, Cell>();
  /** Requests delivered and waiting for their response: id → its pair's cell and when it was sent. */
  private readonly pending = new Map<string, { cell: Cell; sentAt: number }>();

  constructor(private readonly brands: BrandAssignment) {
    // Every declared pair gets a cell, so a pair that never exchanged a message shows as such (and a success
    // rate expectation on it fails: nothing measured), rather than vanishing from the matrix.
    for (const v of new Set(brands.vehicles.values())) for (const h of new Set(brands.homes.values())) this.cells.set(`${v}|${h}`, emptyCell());
  }

  observe(type: 'msg.delivered' | 'msg.failed', env: Envelope, t: number): void {
    if (env.kind === 'response') {
      const request = env.correlationId === undefined ? undefined : this.pending.get(env.correlationId);
      if (request === undefined) return;
      this.pending.delete(env.correlationId!);
      if (type === 'msg.failed') fail(request.cell, env.failure);
      else succeed(request.cell, (env.completedAt ?? t) - request.sentAt);
      return;
    }
    const cell = this.cellOf(env);
    if (cell === undefined) return;
    if (type === 'msg.failed') fail(cell, env.failure);
    else if (env.kind === 'command' || env.kind === 'query') this.pending.set(env.id, { cell, sentAt: env.createdAt });
    else succeed(cell, (env.completedAt ?? t) - env.createdAt);
  }

  result(): { pairs: BrandPairMetrics[]; named: Record<string, number> } {
    const unanswered = new Map<Cell, number>();
    for (const { cell } of this.pending.values()) unanswered.set(cell, (unanswered.get(cell) ?? 0) + 1);
    const pairs: BrandPairMetrics[] = [];
    const named: Record<string, number> = {};
    for (const [key, cell] of [...this.cells.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const [vehicleBrand, homeBrand] = key.split('|') as [string, string];
      const open = unanswered.get(cell) ?? 0;
      const failures = open > 0 ? { ...cell.failures, unanswered: open } : { ...cell.failures };
      const failed = cell.failed + open;
      const messages = cell.delivered + failed;
      const latency = stats(cell.latency);
      const pair: BrandPairMetrics = {
        vehicleBrand, homeBrand, messages, delivered: cell.delivered, failed, latency, failuresByReason: failures,
        ...(messages > 0 ? { successRate: cell.delivered / messages, failureRate: cell.failed / messages } : {}),
      };
      pairs.push(pair);
      const name = (figure: string): string => pairMetricName(vehicleBrand, homeBrand, figure);
      named[name('messages')] = messages;
      named[name('delivered')] = cell.delivered;
      named[name('failed')] = failed;
      named[name('latency.count')] = latency.count;
      if (messages > 0) {
        named[name('success_rate')] = pair.successRate!;
        named[name('failure_rate')] = pair.failureRate!;
      }
      if (latency.count > 0) {
        for (const q of ['p50', 'p95', 'p99', 'max', 'mean'] as const) named[name(`latency.${q}`)] = latency[q];
      }
      for (const [reason, n] of Object.entries(failures)) named[name(`failures.${reason}`)] = n;
    }
    return { pairs, named };
  }

  private cellOf(env: Envelope): Cell | undefined {
    const key = this.pairOf(env);
    if (key === undefined) return undefined;
    let cell = this.cells.get(key);
    if (cell === undefined) this.cells.set(key, (cell = emptyCell()));
    return cell;
  }

  private pairOf(env: Envelope): string | undefined {
    let vehicleBrand: string | undefined;
    let homeBrand: string | undefined;
    for (const address of [env.source, env.destination, ...env.path]) {
      const p = parseAddress(address);
      if (p === undefined) continue;
      if (vehicleBrand === undefined) {
        if (p.kind === 'vehicle') vehicleBrand = this.brands.vehicles.get(p.vehicleId);
        else if (p.kind === 'vehicle-cloud') vehicleBrand = p.brand;
      }
      if (homeBrand === undefined) {
        if (p.kind === 'gateway' || p.kind === 'device') homeBrand = this.brands.homes.get(p.homeId);
        else if (p.kind === 'home-cloud') homeBrand = p.brand;
      }
    }
    return vehicleBrand !== undefined && homeBrand !== undefined ? `${vehicleBrand}|${homeBrand}` : undefined;
  }
}

const emptyCell = (): Cell => ({ delivered: 0, failed: 0, latency: [], failures: {} });

function succeed(cell: Cell, latencyMs: number): void {
  cell.delivered++;
  cell.latency.push(latencyMs);
}

function fail(cell: Cell, reason: string | undefined): void {
  cell.failed++;
  const key = reason ?? 'unknown';
  cell.failures[key] = (cell.failures[key] ?? 0) + 1;
}
