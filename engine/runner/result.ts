// What a scenario run produces (RunResult and its parts). The types live in protocol/, because the app receives
// the whole object with the final verdict; the engine's code keeps importing them from here.
export type { ExpectationResult, FlowMetrics, GridMetrics, HopLatency, LatencyStats, LoadSample, RunMetrics, RunResult } from '../../protocol/run-result';
