// One figure a benchmark reports. Benchmarks print figures and ratios against a baseline measured in the same
// run (so the machine's speed cancels out); they never pass or fail — tests do that.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same quantity for the reference implementation, measured alongside. */
  baseline?: number;
  /** The baseline's unit when it is not the figure's own (bare-clock callbacks/s beside bus msgs/s). */
  baselineUnit?: string;
  /** value / baseline. */
  ratio?: number;
  note?: string;
}

/** The V8 heap flags a benchmark's child process inherits from this one (`npm run bench` passes the CLI's). */
export const isHeapFlag = (arg: string): boolean => arg.startsWith('--max-semi-space-size') || arg === '--no-allocation-site-pretenuring';
