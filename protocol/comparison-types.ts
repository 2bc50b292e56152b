// The side-by-side architecture comparison (issue 18 §4): the loaded scene run headless under each architecture,
// same seed and parameters, on a worker process so the live session keeps playing.
import type { Architecture } from '../twins/bus/envelope';
import type { LatencyStats, RunVerdict } from './run-result';

export interface ArchitectureRunSummary {
  architecture: Architecture;
  /** The scene lists this architecture; an unlisted one (local, usually) is run to show why it does not apply. */
  listed: boolean;
  /** `error`: the run could not be made (see `error`). */
  verdict: RunVerdict | 'error';
  error?: string;
  messages: number;
  successRate: number;
  failureRate: number;
  failuresByReason: Record<string, number>;
  e2e: LatencyStats;
  roundTrip: LatencyStats;
  /** Expectations that failed, with what was observed. */
  failedExpectations: { id: string; detail: string }[];
  eventHash: string;
  wallMs: number;
}

export interface ArchitectureComparison {
  scenario: string;
  file: string;
  seed: number;
  parameters: Record<string, string | number | boolean>;
  runs: ArchitectureRunSummary[];
  /** The evaluation report's histogram of every run that produced latencies, as an SVG document. */
  latencySvg: string;
  /** The label the comparison's recorded runs carry in the Recordings panel; absent when the app does not record. */
  label?: string;
}
