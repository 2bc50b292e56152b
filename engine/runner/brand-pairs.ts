// The pilots' figures per brand pair (seed §4.1.1): every message between a car and a home — commands, queries,
// events and responses, either way — is counted for the pair (carmaker brand of the car, home brand of the
// home). The car and the home are read from the message's ends, or from the brand clouds on its path when one
// end is a cloud (a home's automations run in its brand's cloud).
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

  constructor(private readonly brands: BrandAssignment) {
    // Every declared pair gets a cell, so a pair that never exchanged a message shows as such (and a success
    // rate expectation on it fails: nothing measured), rather than vanishing from the matrix.
    for (const v of new Set(brands.vehicles.values())) for (const h of new Set(brands.homes.values())) this.cells.set(`${v}|${h}`, emptyCell());
  }

  observe(type: 'msg.delivered' | 'msg.failed', env: Envelope, t: number): void {
    const key = this.pairOf(env);
    if (key === undefined) return;
    let cell = this.cells.get(key);
    if (cell === undefined) this.cells.set(key, (cell = emptyCell()));
    if (type === 'msg.failed') {
      cell.failed++;
      const reason = env.failure ?? 'unknown';
      cell.failures[reason] = (cell.failures[reason] ?? 0) + 1;
      return;
    }
    cell.delivered++;
    if (env.kind !== 'response') cell.latency.push((env.completedAt ?? t) - env.createdAt);
  }

  result(): { pairs: BrandPairMetrics[]; named: Record<string, number> } {
    const pairs: BrandPairMetrics[] = [];
    const named: Record<string, number> = {};
    for (const [key, cell] of [...this.cells.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const [vehicleBrand, homeBrand] = key.split('|') as [string, string];
      const messages = cell.delivered + cell.failed;
      const latency = stats(cell.latency);
      const pair: BrandPairMetrics = {
        vehicleBrand, homeBrand, messages, delivered: cell.delivered, failed: cell.failed, latency, failuresByReason: { ...cell.failures },
        ...(messages > 0 ? { successRate: cell.delivered / messages, failureRate: cell.failed / messages } : {}),
      };
      pairs.push(pair);
      const name = (figure: string): string => pairMetricName(vehicleBrand, homeBrand, figure);
      named[name('messages')] = messages;
      named[name('delivered')] = cell.delivered;
      named[name('failed')] = cell.failed;
      named[name('latency.count')] = latency.count;
      if (messages > 0) {
        named[name('success_rate')] = pair.successRate!;
        named[name('failure_rate')] = pair.failureRate!;
      }
      if (latency.count > 0) {
        for (const q of ['p50', 'p95', 'p99', 'max', 'mean'] as const) named[name(`latency.${q}`)] = latency[q];
      }
      for (const [reason, n] of Object.entries(cell.failures)) named[name(`failures.${reason}`)] = n;
    }
    return { pairs, named };
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
