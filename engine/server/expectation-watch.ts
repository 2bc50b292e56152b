// Live verdicts: the event-based expectations (within, never, eventually) settle the moment the stream decides
// them — a deadline met or missed, a forbidden event seen — so the timeline can show them as they happen.
// State and metric expectations settle only with the final RunResult, which stays the authority for all of them.
import type { ExpectationOutcome } from '../../protocol';
import type { SimEvent } from '../../twins/kernel/event-log';
import { describePattern, matchesEvent } from '../runner/event-matcher';
import type { ScenarioRun } from '../runner/scenario-run';

export type SettledListener = (outcome: ExpectationOutcome, t: number) => void;

type Pending = {
  onEvent(event: SimEvent): ExpectationOutcome | undefined;
  /** Called with the current time: a deadline that has passed settles the expectation as failed. */
  onTime(now: number): ExpectationOutcome | undefined;
};

export class ExpectationWatch {
  private readonly pending = new Map<string, Pending>();
  private readonly settled = new Map<string, ExpectationOutcome>();
  private readonly off: () => void;

  constructor(private readonly run: ScenarioRun, private readonly onSettled: SettledListener) {
    for (const e of run.scenario.expect) {
      const base = { id: e.id, kind: e.kind, ...(e.description !== undefined ? { description: e.description } : {}) };
      const outcome = (passed: boolean, detail: string): ExpectationOutcome => ({ ...base, passed, detail });
      const what = (): string => ('event' in e ? describePattern(e.event) : '');
      switch (e.kind) {
        case 'within':
          this.pending.set(e.id, {
            onEvent: (ev) => {
              const start = run.stepFiredAt(e.of.step);
              if (start === undefined || ev.t < start || !matchesEvent(e.event, ev)) return undefined;
              const took = Math.round((ev.t - start) * 10) / 10;
              return outcome(took <= e.ms, `${what()} ${took} ms after step ${e.of.step} (budget ${e.ms} ms)`);
            },
            onTime: (now) => {
              const start = run.stepFiredAt(e.of.step);
              return start !== undefined && now > start + e.ms
                ? outcome(false, `${what()} did not happen within ${e.ms} ms of step ${e.of.step}`) : undefined;
            },
          });
          break;
        case 'never':
          this.pending.set(e.id, {
            onEvent: (ev) => (matchesEvent(e.event, ev) ? outcome(false, `${what()} happened at t=${Math.round(ev.t)} ms (from ${ev.source})`) : undefined),
            onTime: () => undefined,
          });
          break;
        case 'eventually': {
          const by = e.by ?? run.endTime;
          this.pending.set(e.id, {
            onEvent: (ev) => (matchesEvent(e.event, ev) && ev.t <= by ? outcome(true, `${what()} at t=${Math.round(ev.t)} ms (by ${by} ms)`) : undefined),
            onTime: (now) => (now > by ? outcome(false, `${what()} never happened (by ${by} ms)`) : undefined),
          });
          break;
        }
        default:
          break; // state and metric: judged at the end
      }
    }
    this.off = run.sim.kernel.events.onEvent((event) => {
      for (const [id, p] of this.pending) {
        const result = p.onEvent(event);
        if (result) this.settle(id, result, event.t);
      }
    });
  }

  /** Settle what the passing of time decides (missed deadlines). */
  checkTime(): void {
    const now = this.run.sim.now;
    for (const [id, p] of this.pending) {
      const result = p.onTime(now);
      if (result) this.settle(id, result, now);
    }
  }

  get outcomes(): ExpectationOutcome[] {
    return [...this.settled.values()];
  }

  dispose(): void {
    this.off();
    this.pending.clear();
  }

  private settle(id: string, outcome: ExpectationOutcome, t: number): void {
    this.pending.delete(id);
    this.settled.set(id, outcome);
    this.onSettled(outcome, t);
  }
}
