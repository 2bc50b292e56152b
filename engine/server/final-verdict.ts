// The verdict a run ends with: its RunResult and the report's charts (the latency histogram, and the load curves of
// a grid scene). Shared by the live session and the replay, so a recorded run ends on the same view as a live one;
// the live session's histogram also compares the other architectures this scenario was run under (FinishedRuns).
import type { Architecture, Verdict } from '../../protocol';
import { ARCHITECTURES } from '../../twins/bus/envelope';
import { runLatencyHistogramSvg, runLoadCurveSvg } from '../report/svg-charts';
import type { RunResult } from '../runner/result';

/** `result`'s final verdict; the latency histogram draws `compared` (by default the run alone). */
export function finalVerdict(result: RunResult, compared: readonly RunResult[] = [result]): Verdict {
  const loadCurveSvg = runLoadCurveSvg([result], [result.architecture]);
  return {
    kind: 'final',
    result,
    charts: { latencySvg: runLatencyHistogramSvg(compared, compared.map((r) => r.architecture)), ...(loadCurveSvg !== undefined ? { loadCurveSvg } : {}) },
  };
}

/** The session's finished runs, the latest per scenario and architecture, for the histogram across architectures. */
export class FinishedRuns {
  private readonly byScenario = new Map<string, Map<Architecture, RunResult>>();

  /** Keeps `result`; answers the latest run of its scenario under each architecture, in ARCHITECTURES order. */
  add(result: RunResult): RunResult[] {
    const byArchitecture = this.byScenario.get(result.scenario) ?? new Map<Architecture, RunResult>();
    byArchitecture.set(result.architecture, result);
    this.byScenario.set(result.scenario, byArchitecture);
    return ARCHITECTURES.flatMap((a) => (byArchitecture.has(a) ? [byArchitecture.get(a)!] : []));
  }
}
