// The one evaluator of a scenario's expectations. It is fed the canonical stream as it happens, the passing of
// time, readings of twins (state expectations) and, at the end, the run's named metrics, and it settles each
// expectation once. The live storyboard listens to `onSettled`; the final verdict is `finish()` of the same
// instance, so the two cannot disagree. Pure: no I/O, no clock of its own; twins are read through the injected
// reader (the runner's readTwinPath), and step times come from the stream's own `step.fired` events.
import type { SimEvent } from '../../../twins/kernel/event-log';
import type { ExpectationResult } from '../../../protocol/run-result';
import type { Expectation } from '../../scenario';
import type { StateReader } from './field-matcher';
import { judgeOf, type Judge, type JudgeContext, type Verdict } from './judges';

export type SettledListener = (result: ExpectationResult, t: number) => void;

export interface EvaluatorOptions {
  /** Planned end of the run (virtual ms): the deadline of an `eventually` without `by`. */
  endTime: number;
  /** Reads a twin now; needed by state expectations and by matchers that compare with a twin's value. */
  readState?: StateReader;
}

interface Entry {
  expectation: Expectation;
  judge: Judge;
  result?: ExpectationResult;
  /** Settled by a deadline passing: a late event may still fill in its numbers (never its verdict). */
  byTime?: boolean;
}

export class Evaluator {
  private readonly entries: Entry[];
  private readonly steps = new Map<string, number>();
  private readonly listeners: SettledListener[] = [];
  private readonly ctx: JudgeContext;

  constructor(expectations: readonly Expectation[], private readonly options: EvaluatorOptions) {
    this.entries = expectations.map((expectation) => ({ expectation, judge: judgeOf(expectation) }));
    this.ctx = { steps: this.steps, endTime: options.endTime, readState: options.readState };
  }

  /** Called with each expectation the moment it settles, and with the virtual time it settled at. */
  onSettled(listener: SettledListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** The next event of the canonical stream, in order. */
  observe(event: SimEvent): void {
    if (event.type === 'step.fired' && event.source === 'scenario' && typeof event.data.step === 'string' && !this.steps.has(event.data.step)) {
      this.steps.set(event.data.step, event.t);
    }
    for (const entry of this.entries) {
      if (entry.judge.onEvent === undefined) continue;
      if (entry.result === undefined) this.settle(entry, entry.judge.onEvent(event, this.ctx), event.t);
      else if (entry.byTime) this.complete(entry, entry.judge.onEvent(event, this.ctx));
    }
  }

  /** Virtual time is `now` and every earlier event has been observed: settle the deadlines that have passed. */
  advance(now: number): void {
    for (const entry of this.entries) {
      if (entry.result === undefined && entry.judge.onTime) entry.byTime = this.settle(entry, entry.judge.onTime(now, this.ctx), now);
    }
  }

  /** State expectations that look at a set time, for the runner to schedule `read(id, t)` at. */
  readingsDue(): { id: string; at: number }[] {
    return this.entries.flatMap(({ expectation: e }) => (e.kind === 'state' && e.at !== undefined ? [{ id: e.id, at: e.at }] : []));
  }

  /** Read the twin of state expectation `id` now (virtual time `t`). */
  read(id: string, t: number): void {
    const entry = this.entries.find((x) => x.expectation.id === id && x.expectation.kind === 'state');
    if (entry === undefined || entry.result !== undefined || entry.expectation.kind !== 'state') return;
    this.settle(entry, entry.judge.onReading?.(this.readState(entry.expectation.twin, entry.expectation.path), t), t);
  }

  /** Results settled so far, in the scenario's order. */
  get settled(): ExpectationResult[] {
    return this.entries.flatMap((entry) => (entry.result ? [entry.result] : []));
  }

  /** The run is over at `now`: settles everything left (state without `at` is read now) and returns every result. */
  finish(now: number, metrics: Record<string, number>): ExpectationResult[] {
    this.advance(now);
    for (const entry of this.entries) {
      const e = entry.expectation;
      if (entry.result === undefined && e.kind === 'state' && e.at === undefined) this.read(e.id, now);
      if (entry.result === undefined) this.settle(entry, entry.judge.atEnd(now, metrics, this.ctx), now);
    }
    return this.entries.map((entry) => entry.result!);
  }

  private readState(twin: string, path: string): unknown {
    if (this.options.readState === undefined) throw new Error(`no twin reader: cannot read ${twin} ${path}`);
    return this.options.readState(twin, path);
  }

  private settle(entry: Entry, verdict: Verdict | undefined, t: number): boolean {
    if (verdict === undefined) return false;
    entry.result = this.resultOf(entry, verdict);
    for (const listener of [...this.listeners]) listener(entry.result, t);
    return true;
  }

  /** A missed deadline, then the late event: the report says how late (observedMs, the event), still failed. */
  private complete(entry: Entry, verdict: Verdict | undefined): void {
    if (verdict === undefined || verdict.passed !== entry.result?.passed) return;
    entry.result = this.resultOf(entry, verdict);
    entry.byTime = false;
  }

  private resultOf(entry: Entry, verdict: Verdict): ExpectationResult {
    const e = entry.expectation;
    return { id: e.id, kind: e.kind, ...(e.description !== undefined ? { description: e.description } : {}), ...verdict };
  }
}
