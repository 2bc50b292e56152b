// Where a run's results go besides the terminal: the evaluation report and JUnit XML, the SQLite recording and
// real MQTT endpoints. Each is attached only when asked for on the command line.
import type { RunResult } from '../runner/result';
import type { ScenarioRun } from '../runner/scenario-run';
import { UsageError, type CliIo } from './main';

export interface RunOutputs {
  onStart(run: ScenarioRun): void;
  onFinish(result: RunResult): Promise<void>;
  writeReports(results: RunResult[], to: { report?: string | undefined; junit?: string | undefined }): Promise<void>;
  close(): Promise<void>;
}

export async function attachRunOutputs(options: { record?: string | undefined; broker?: string | undefined; otlp?: string | undefined }, _io: CliIo): Promise<RunOutputs> {
  if (options.record !== undefined) throw new UsageError('--record is not available yet in this build');
  if (options.broker !== undefined || options.otlp !== undefined) throw new UsageError('--broker/--otlp are not available yet in this build');
  return {
    onStart: () => undefined,
    onFinish: async () => undefined,
    writeReports: async (results, to) => {
      const { writeReport, writeJunit } = await import('../report');
      if (to.report !== undefined) writeReport(to.report, results);
      if (to.junit !== undefined) writeJunit(to.junit, results);
    },
    close: async () => undefined,
  };
}
