// The machine-readable report: one RunResult as it is, or several under `{ generatedBy, runs }`. Keys come out
// in the order result.ts declares them and record keys (parameters, failure reasons, named metrics) sorted,
// so two reports of the same runs are byte-identical whatever order the runner happened to fill objects in.
// Fields this file does not know yet are kept, after the known ones, sorted: the JSON report drops nothing.
import type { RunResult } from '../runner/result';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How to order one kind of object: its known keys in order, and how to order each key's value. */
interface Shape {
  keys: readonly string[];
  children?: Readonly<Record<string, Shape | 'record' | 'list'>>;
  /** For `list` children: the shape of each item. */
  items?: Readonly<Record<string, Shape>>;
}

const LATENCY: Shape = { keys: ['count', 'p50', 'p95', 'p99', 'max', 'mean'] };
const HOP: Shape = { keys: ['hop', 'link', 'measured', ...LATENCY.keys] };
const LOAD_SAMPLE: Shape = { keys: ['t', 'clock', 'totalKw', 'evKw'] };
const MISS: Shape = { keys: ['vehicleId', 'departure', 'socPercent', 'targetSocPercent', 'shortfallKwh'] };
const V2H_CAR: Shape = { keys: ['vehicleId', 'floorKwh', 'minMarginKwh', 'departure', 'socAtDeparturePercent', 'targetSocPercent'] };
const V2H: Shape = { keys: ['peakImportKwh', 'peakImportWithoutV2hKwh', 'peakImportReductionPct', 'shiftedKwh', 'cars'], children: { cars: 'list' }, items: { cars: V2H_CAR } };
const GRID: Shape = {
  keys: ['transformerKva', 'strategy', 'peakKw', 'uncontrolledPeakKw', 'peakReductionPct', 'maxLoadPctOfRating',
    'evsAtTarget', 'evCount', 'misses', 'shortfallKwh', 'v2h', 'chargingEnergyInPeakKwh', 'energyCost', 'uncontrolledEnergyCost', 'currency',
    'load', 'uncontrolledLoad'],
  children: { misses: 'list', v2h: V2H, load: 'list', uncontrolledLoad: 'list' },
  items: { misses: MISS, load: LOAD_SAMPLE, uncontrolledLoad: LOAD_SAMPLE },
};
const METRICS: Shape = {
  keys: ['messages', 'delivered', 'failed', 'successRate', 'failureRate', 'failuresByReason', 'e2e', 'roundTrip',
    'hops', 'e2eSamples', 'grid', 'named'],
  children: { failuresByReason: 'record', e2e: LATENCY, roundTrip: LATENCY, hops: 'list', grid: GRID, named: 'record' },
  items: { hops: HOP },
};
const EXPECTATION: Shape = {
  keys: ['id', 'kind', 'description', 'passed', 'detail', 'observedMs', 'budgetMs', 'minMs', 'count', 'event'],
  children: { event: { keys: ['seq', 't', 'type', 'source'] } },
};
const RUN: Shape = {
  keys: ['scenario', 'title', 'file', 'seed', 'architecture', 'parameters', 'passed', 'noVerdict', 'abortedBy', 'expectations',
    'metrics', 'eventHash', 'events', 'simulatedMs', 'wallMs'],
  children: { parameters: 'record', expectations: 'list', metrics: METRICS },
  items: { expectations: EXPECTATION },
};

export interface JsonReportOptions {
  /** Spaces of indentation; 2 by default, 0 for one line. */
  indent?: number;
}

/** The JSON report of one run (the RunResult itself) or of several (`{ generatedBy: 'twinbench', runs }`). */
export function jsonReport(results: readonly RunResult[], options: JsonReportOptions = {}): string {
  if (results.length === 0) throw new Error('jsonReport: no run results to report; run at least one scenario first.');
  const runs = results.map((r) => ordered(r as unknown as Json, RUN));
  const body: Json = runs.length === 1 ? runs[0]! : { generatedBy: 'twinbench', runs };
  return JSON.stringify(body, null, options.indent ?? 2) + '\n';
}

function ordered(value: Json, shape: Shape | 'record' | 'list' | undefined, itemShape?: Shape): Json {
  if (Array.isArray(value)) return value.map((v) => ordered(v, itemShape));
  if (value === null || typeof value !== 'object') return value;
  const known = shape && typeof shape === 'object' ? shape.keys : [];
  const present = Object.keys(value).filter((k) => value[k] !== undefined);
  const keys = [...known.filter((k) => present.includes(k)), ...present.filter((k) => !known.includes(k)).sort()];
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const child = typeof shape === 'object' ? shape.children?.[key] : undefined;
    const items = typeof shape === 'object' ? shape.items?.[key] : undefined;
    out[key] = ordered(value[key]!, child, items);
  }
  return out;
}
