// Live verdicts for the app's storyboard: each expectation is published the moment the run's one evaluator
// settles it (a deadline met or missed, a forbidden event seen). The judgement itself is the evaluator's
// (engine/runner/evaluate/), the same instance the final RunResult is computed from, so what the storyboard
// showed live is what the final verdict says. This file only relays, and lets the app's tick pass time.
import type { ExpectationOutcome } from '../../protocol';
import type { ScenarioRun } from '../runner/scenario-run';

export type SettledListener = (outcome: ExpectationOutcome, t: number) => void;

export class ExpectationWatch {
  private readonly off: () => void;

  constructor(private readonly run: ScenarioRun, onSettled: SettledListener) {
    this.off = run.expectations.evaluator.onSettled(onSettled);
  }

  /** Settle what the passing of time decides (missed deadlines). */
  checkTime(): void {
    this.run.expectations.checkTime();
  }

  get outcomes(): ExpectationOutcome[] {
    return this.run.expectations.evaluator.settled;
  }

  dispose(): void {
    this.off();
  }
}
