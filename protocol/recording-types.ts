// The recordings the app can open: every run (in the app or headless) lands in one SQLite file, and the
// Recordings panel lists them, replays one through the same snapshot/message/verdict events a live run uses,
// and diffs two. Types only; the engine reads the file.

/** How a recorded run ended; `running` is one still being recorded, `interrupted` one cut short. */
export type RecordedRunStatus = 'running' | 'passed' | 'failed' | 'interrupted';

/** One row of the Recordings panel. */
export interface RecordedRunSummary {
  id: number;
  scenario: string;
  architecture: string;
  seed: number;
  status: RecordedRunStatus;
  /** Wall clock, ISO 8601. */
  startedAt: string;
  endedAt: string | null;
  events: number;
  messages: number;
  /** The group it was recorded in: `comparison …` for the runs of one "Run every architecture". */
  label?: string;
}

/** What `listRuns` returns: the runs (newest first) and the file they are in, so the user can find it. */
export interface RecordedRuns {
  file: string | null;
  runs: RecordedRunSummary[];
}

/** Set on the SessionInfo of a replay: which recorded run the views show. */
export interface ReplayInfo {
  runId: number;
  status: RecordedRunStatus;
  startedAt: string;
  /**
   * Where the map's car positions come from. The recorded events carry a car's position only when a trip starts,
   * crosses a geofence or ends, so the world is rebuilt from the run's scenario, seed and architecture and stepped
   * alongside the replay; everything else the views show comes from the recorded events.
   */
  positions: 'rebuilt-world';
}

/** The semantic diff of two recorded runs (`twinbench diff` in the app). */
export interface RunDiffView {
  a: number;
  b: number;
  equivalent: boolean;
  /** Number of differences. */
  total: number;
  /** Latency shifts up to this many ms were not counted as differences. */
  toleranceMs: number;
  /** Why the comparison may mislead, e.g. the two runs are of different scenarios. */
  warnings: string[];
  /** `formatDiffReport`'s text: the runs, the verdict, and the first differences with where to find them. */
  report: string;
}
