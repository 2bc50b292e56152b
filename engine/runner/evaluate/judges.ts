// One judge per expectation kind: what an event, the passing of time, a reading of a twin or the final metrics
// decide. A judge returns a verdict the moment it is certain (a budget met or missed, a forbidden event seen),
// and always one at the end. Times are compared in whole microseconds, the virtual clock's resolution, so a
// budget equal to the observed latency passes and one microsecond less fails, whatever floating point says.
import type { SimEvent } from '../../../twins/kernel/event-log';
import { canonicalJson } from '../../../twins/kernel/canonical-json';
import { toJson } from '../../../twins/sim/to-json';
import type { ExpectationResult, MatchedEvent } from '../../../protocol/run-result';
import type { Expectation } from '../../scenario';
import { FAILURE_CODES } from '../../scenario/metric-names';
import { describePattern, matchesEvent } from '../event-matcher';
import { matchValue, type MatchContext } from './field-matcher';

export type Verdict = Omit<ExpectationResult, 'id' | 'kind' | 'description'>;

export interface JudgeContext extends MatchContext {
  /** When each step fired so far (virtual ms), learnt from the stream's step.fired events. */
  readonly steps: ReadonlyMap<string, number>;
  /** The run's planned end (the default deadline of `eventually`). */
  readonly endTime: number;
}

export interface Judge {
  onEvent?(event: SimEvent, ctx: JudgeContext): Verdict | undefined;
  /** Time has reached `now` and every event before it has been seen. */
  onTime?(now: number, ctx: JudgeContext): Verdict | undefined;
  /** A reading of the twin (state expectations), taken at `t`. */
  onReading?(value: unknown, t: number): Verdict | undefined;
  /** The run is over at `now`; `metrics` are its named metrics. */
  atEnd(now: number, metrics: Record<string, number>, ctx: JudgeContext): Verdict;
}

/** Virtual ms → whole µs. */
export const us = (ms: number): number => Math.round(ms * 1000);
/** 417.003 → "417.003", 10 → "10": as many decimals as the µs resolution needs. */
export const ms = (value: number): string => String(Math.round(value * 1000) / 1000);

const matched = (e: SimEvent): MatchedEvent => ({ seq: e.seq, t: e.t, type: e.type, source: e.source });
const at = (e: SimEvent): string => `t=${ms(e.t)} ms (#${e.seq} from ${e.source})`;

function within(e: Extract<Expectation, { kind: 'within' }>): Judge {
  const what = describePattern(e.event);
  const budget = { budgetMs: e.ms, ...(e.minMs !== undefined ? { minMs: e.minMs } : {}) };
  const window = e.minMs !== undefined ? `window ${ms(e.minMs)}–${ms(e.ms)} ms` : `budget ${ms(e.ms)} ms`;
  return {
    onEvent(event, ctx) {
      const start = ctx.steps.get(e.of.step);
      if (start === undefined || !matchesEvent(e.event, event, ctx)) return undefined;
      const took = us(event.t) - us(start);
      const observedMs = took / 1000;
      const passed = took <= us(e.ms) && took >= us(e.minMs ?? 0);
      const early = took < us(e.minMs ?? 0) ? ', too soon' : '';
      return { passed, detail: `${what} ${ms(observedMs)} ms after step ${e.of.step}${early} (${window})`, observedMs, ...budget, event: matched(event) };
    },
    onTime(now, ctx) {
      const start = ctx.steps.get(e.of.step);
      if (start === undefined || us(now) <= us(start) + us(e.ms)) return undefined;
      return { passed: false, detail: `${what} did not happen within ${ms(e.ms)} ms of step ${e.of.step}`, ...budget };
    },
    atEnd(_now, _metrics, ctx) {
      if (!ctx.steps.has(e.of.step)) return { passed: false, detail: `step ${e.of.step} never fired, so ${what} had no deadline to meet`, ...budget };
      return { passed: false, detail: `${what} never happened after step ${e.of.step} (${window})`, ...budget };
    },
  };
}

function never(e: Extract<Expectation, { kind: 'never' }>): Judge {
  const what = describePattern(e.event);
  return {
    onEvent: (event, ctx) => (matchesEvent(e.event, event, ctx) ? { passed: false, detail: `${what} happened at ${at(event)}`, event: matched(event) } : undefined),
    atEnd: () => ({ passed: true, detail: `${what} never happened` }),
  };
}

function eventually(e: Extract<Expectation, { kind: 'eventually' }>): Judge {
  const what = describePattern(e.event);
  const deadline = (ctx: JudgeContext): number => e.by ?? ctx.endTime;
  return {
    onEvent(event, ctx) {
      if (!matchesEvent(e.event, event, ctx)) return undefined;
      const by = deadline(ctx);
      return us(event.t) <= us(by)
        ? { passed: true, detail: `${what} at ${at(event)} (by ${ms(by)} ms)`, event: matched(event) }
        : { passed: false, detail: `${what} only at ${at(event)}, after the deadline ${ms(by)} ms`, event: matched(event) };
    },
    onTime: (now, ctx) => (us(now) > us(deadline(ctx)) ? { passed: false, detail: `${what} never happened (by ${ms(deadline(ctx))} ms)` } : undefined),
    atEnd: (_now, _metrics, ctx) => ({ passed: false, detail: `${what} never happened (by ${ms(deadline(ctx))} ms)` }),
  };
}

function count(e: Extract<Expectation, { kind: 'count' }>): Judge {
  const what = describePattern(e.event);
  const bounds = [e.eq !== undefined ? `= ${e.eq}` : '', e.gte !== undefined ? `≥ ${e.gte}` : '', e.lte !== undefined ? `≤ ${e.lte}` : ''].filter(Boolean).join(' and ');
  let n = 0;
  let last: SimEvent | undefined;
  const verdict = (passed: boolean, suffix = ''): Verdict => ({
    passed, detail: `${what} happened ${n} time${n === 1 ? '' : 's'}${suffix} (expected ${bounds})`, count: n, ...(last ? { event: matched(last) } : {}),
  });
  return {
    onEvent(event, ctx) {
      if (!matchesEvent(e.event, event, ctx)) return undefined;
      n++;
      last = event;
      // One too many can never be taken back: settle now, so the storyboard shows it when it happens.
      const ceiling = e.eq ?? e.lte;
      return ceiling !== undefined && n > ceiling ? verdict(false, ` by ${at(event)}`) : undefined;
    },
    atEnd: () => verdict((e.eq === undefined || n === e.eq) && (e.gte === undefined || n >= e.gte) && (e.lte === undefined || n <= e.lte)),
  };
}

function order(e: Extract<Expectation, { kind: 'order' }>): Judge {
  const first = describePattern(e.first);
  const then = describePattern(e.then);
  let seen: SimEvent | undefined;
  return {
    onEvent(event, ctx) {
      // `then` is judged before `first` is recorded: an event matching both does not come before itself.
      if (matchesEvent(e.then, event, ctx)) {
        return seen
          ? { passed: true, detail: `${first} at ${at(seen)}, then ${then} at ${at(event)}`, event: matched(event) }
          : { passed: false, detail: `${then} at ${at(event)} came before any ${first}`, event: matched(event) };
      }
      if (seen === undefined && matchesEvent(e.first, event, ctx)) seen = event;
      return undefined;
    },
    atEnd: () => ({ passed: false, detail: seen ? `${first} at ${at(seen)}, but ${then} never happened` : `neither ${first} nor ${then} happened` }),
  };
}

function state(e: Extract<Expectation, { kind: 'state' }>): Judge {
  const when = e.at !== undefined ? `at t=${ms(e.at)} ms` : 'at the end';
  return {
    onReading(value) {
      const observed = toJson(value);
      const passed = e.is !== undefined ? matchValue(e.is, observed) : canonicalJson(observed) === canonicalJson(toJson(e.equals ?? null));
      const expected = e.is !== undefined ? `to match ${canonicalJson(e.is)}` : JSON.stringify(e.equals);
      return { passed, detail: `${e.twin} ${e.path} = ${JSON.stringify(observed)} ${when} (expected ${expected})` };
    },
    atEnd: () => ({ passed: false, detail: `${e.twin} ${e.path} was never read (the run ended before t=${ms(e.at ?? 0)} ms)` }),
  };
}

/** Metrics that exist only once something was measured (see MetricsCollector). */
const UNMEASURED = ['delivery.success_rate', 'delivery.failure_rate', 'latency.e2e.', 'latency.roundtrip.'];

/**
 * The counters of failures by reason (`failures.<code>`, `pair.<car brand>.<home brand>.failures.<code>`) hold only the
 * reasons that occurred; a known reason that did not occur is a count of 0 — "no message lost" is `failures.lost` = 0,
 * not a misspelt metric. A pair that carried no message at all has no figures, so its counters stay unknown.
 */
function unrecordedFailureCount(name: string, metrics: Readonly<Record<string, number>>): number | undefined {
  const parts = /^(?:(pair\.[^.]+\.[^.]+)\.)?failures\.([a-z-]+)$/.exec(name);
  if (parts === null || !(FAILURE_CODES as readonly string[]).includes(parts[2]!)) return undefined;
  if (parts[1] !== undefined && metrics[`${parts[1]}.messages`] === undefined) return undefined;
  return 0;
}

function metric(e: Extract<Expectation, { kind: 'metric' }>): Judge {
  return {
    atEnd(_now, metrics) {
      const value = metrics[e.name] ?? unrecordedFailureCount(e.name, metrics);
      if (value === undefined) {
        if (UNMEASURED.some((prefix) => e.name.startsWith(prefix))) return { passed: false, detail: `${e.name} has no value: no message was measured in this run` };
        return { passed: false, detail: `no metric named ${e.name}; known: ${Object.keys(metrics).sort().join(', ')}` };
      }
      const bounds: string[] = [];
      let ok = true;
      if (e.lte !== undefined) { bounds.push(`≤ ${e.lte}`); ok &&= value <= e.lte; }
      if (e.gte !== undefined) { bounds.push(`≥ ${e.gte}`); ok &&= value >= e.gte; }
      if (e.eq !== undefined) { bounds.push(`= ${e.eq}`); ok &&= value === e.eq; }
      return { passed: ok, detail: `${e.name} = ${Math.round(value * 1000) / 1000} (expected ${bounds.join(' and ')})` };
    },
  };
}

export function judgeOf(e: Expectation): Judge {
  switch (e.kind) {
    case 'within': return within(e);
    case 'never': return never(e);
    case 'eventually': return eventually(e);
    case 'count': return count(e);
    case 'order': return order(e);
    case 'state': return state(e);
    case 'metric': return metric(e);
  }
}
