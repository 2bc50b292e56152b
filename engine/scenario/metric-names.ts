// The metric names a `metric` expectation may read, checked before anything runs: a misspelt name would only fail at
// the end of the run ("no metric named …"), after minutes of simulation, and a typo in a flow's id would look like
// a flow that never happened. Run-wide names are listed here (the runner's code is typed against these lists);
// per-flow names are `flow.<id>.<name>` for a flow the scenario starts (a stream's `-return` when it is two-way)
// or the doorbell's two-way video (`doorbell-<vehicle>-<n>`), which the home starts on its own.
import type { FailureCode } from '../../twins/bus/envelope';
import { SCORE_METRICS } from '../../twins/sim/proactive/proactive-score';
import { pathLabel, type PathProblem } from './issues';
import { asArray, asObject } from './lenient-json';
import { show } from './schema-kit';
import { suggestion } from './suggest';
import type { Path } from './yaml-source';

export const FLOW_METRIC_NAMES = ['ttff_ms', 'stalls', 'stalled_ms', 'rebuffer_ratio', 'throughput_kbps', 'completion_ms', 'failed'] as const;
export type FlowMetricName = (typeof FLOW_METRIC_NAMES)[number];
export const FLOWS_METRIC_NAMES = ['flows.count', 'flows.failed', 'flows.stalls', 'flows.rebuffer_ratio.max', 'flows.ttff_ms.max'] as const;

export const GRID_METRIC_NAMES = [
  'grid.peak_kw', 'grid.uncontrolled_peak_kw', 'grid.peak_reduction_pct', 'grid.max_load_pct', 'grid.evs_at_target', 'grid.evs_total',
  'grid.evs_missing_target', 'grid.charging_energy_in_peak_kwh', 'grid.energy_cost', 'grid.shortfall_kwh',
] as const;
export type GridMetricName = (typeof GRID_METRIC_NAMES)[number];

export const FAILURE_CODES = ['no-route', 'lost', 'outage', 'gateway-offline', 'out-of-range', 'untranslatable', 'no-endpoint', 'timeout', 'refused'] as const satisfies readonly FailureCode[];
// Every failure code is listed: a new one the bus learns is a compile error here until it is.
const allFailureCodesListed: Exclude<FailureCode, (typeof FAILURE_CODES)[number]> extends never ? true : false = true;
void allFailureCodesListed;

/** Vehicle-to-home (engine/runner/v2h-metrics.ts): present when a scene's cars feed their homes. */
export const ENERGY_METRIC_NAMES = [
  'energy.peak_import_kwh', 'energy.peak_import_without_v2h_kwh', 'energy.peak_import_reduction_pct', 'energy.shifted_kwh',
  'energy.reserve_margin_min_kwh', 'energy.soc_at_departure_min',
] as const;
export type EnergyMetricName = (typeof ENERGY_METRIC_NAMES)[number];

/** A household scene's agent and rule-baseline scores (twins/sim/proactive), and the agent's taps over the rules'. */
export const HOUSEHOLD_METRIC_NAMES: readonly string[] = [
  ...['agent', 'baseline'].flatMap((prefix) => SCORE_METRICS.map((name) => `${prefix}.${name}`)), 'agent.interaction_ratio', 'agent.charging_cost_ratio',
];

export const MESSAGE_METRIC_NAMES: readonly string[] = [
  'messages.count', 'messages.delivered', 'messages.failed', 'delivery.success_rate', 'delivery.failure_rate',
  'latency.e2e.count', 'latency.e2e.p50', 'latency.e2e.p95', 'latency.e2e.p99', 'latency.e2e.max', 'latency.e2e.mean',
  'latency.roundtrip.count', 'latency.roundtrip.p50', 'latency.roundtrip.p95', 'latency.roundtrip.p99',
  ...FAILURE_CODES.map((code) => `failures.${code}`),
];


/** Ids of the flows a scenario document starts (`stream` and `transfer` actions), with a call's return stream. */
export function declaredFlowIds(document: unknown): string[] {
  const ids: string[] = [];
  for (const entry of asArray(asObject(document)?.steps)) {
    const step = asObject(entry);
    for (const action of Array.isArray(step?.do) ? step.do : [step?.do]) {
      const a = asObject(action);
      for (const flow of [asObject(a?.stream), asObject(a?.transfer)]) {
        if (typeof flow?.id !== 'string') continue;
        ids.push(flow.id);
        if (flow.twoWay === true) ids.push(`${flow.id}-return`);
      }
    }
  }
  return ids;
}

const DOORBELL_FLOW = /^doorbell-[A-Za-z0-9][A-Za-z0-9_-]*-\d+(?:-return)?$/;

/** Every metric name of the document's `metric` expectations that no run can produce. */
export function metricNameProblems(document: unknown): PathProblem[] {
  const root = asObject(document);
  const flows = declaredFlowIds(document);
  const known = [...MESSAGE_METRIC_NAMES, ...GRID_METRIC_NAMES, ...ENERGY_METRIC_NAMES, ...FLOWS_METRIC_NAMES, ...HOUSEHOLD_METRIC_NAMES, ...flows.flatMap((id) => FLOW_METRIC_NAMES.map((m) => `flow.${id}.${m}`))];
  const problems: PathProblem[] = [];
  // A stopFlow naming a flow no step starts would only fail when it fires; say so now.
  asArray(root?.steps).forEach((entry, i) => {
    const step = asObject(entry);
    const actions = Array.isArray(step?.do) ? step.do.map((a, j) => [a, ['steps', i, 'do', j]] as const) : [[step?.do, ['steps', i, 'do']] as const];
    for (const [action, at] of actions) {
      const id = asObject(asObject(action)?.stopFlow)?.id;
      if (typeof id !== 'string' || flows.includes(id)) continue;
      const path: Path = [...at, 'stopFlow', 'id'];
      problems.push({ path, at: 'value', message: `${pathLabel(path)}: no step starts a stream ${show(id)}; ${suggestion(id, flows, 'flow')}` });
    }
  });
  asArray(root?.expect).forEach((entry, i) => {
    const name = asObject(asObject(entry)?.metric)?.name;
    // Brand-pair figures (pair.<car brand>.<home brand>.<figure>) are checked against the declared brands in
    // brand-references.ts.
    if (typeof name !== 'string' || known.includes(name) || name.startsWith('pair.')) return;
    const path: Path = ['expect', i, 'metric', 'name'];
    const flow = /^flow\.(.+)\.([a-z_]+)$/.exec(name);
    if (flow && DOORBELL_FLOW.test(flow[1]!) && (FLOW_METRIC_NAMES as readonly string[]).includes(flow[2]!)) return;
    const why = flow && !flows.includes(flow[1]!) && !DOORBELL_FLOW.test(flow[1]!)
      ? `no step starts a flow ${show(flow[1])} (flows: ${flows.join(', ') || 'none'})`
      : `unknown metric ${show(name)}`;
    problems.push({ path, at: 'value', message: `${pathLabel(path)}: ${why}; ${suggestion(name, known, 'metric')}` });
  });
  return problems;
}
