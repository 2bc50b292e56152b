// Every run in the app is recorded (issue 4: "every run, headless or in the app"), into the same SQLite file the
// CLI uses unless told otherwise. The file is opened on the first run, not at start-up, so an app that is only
// looked at leaves no file behind; a file that cannot be opened costs the recording, never the run.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '../../twins/kernel/types';
import type { SimEventListener } from '../../twins/kernel';
import { Recorder, type RunRecorder } from '../recorder';
import { recordedOutcomeOf } from '../recorder/recorded-outcome';
import type { RunResult } from '../runner/result';
import type { ResolvedScenario } from '../scenario';

export class AppRecorder {
  private recorder: Recorder | undefined;
  private current: RunRecorder | undefined;
  private failed = false;

  /** `file` undefined: recording is off. */
  constructor(readonly file: string | undefined, private readonly onChange: () => void = () => undefined) {}

  /** Starts recording a run; the listeners must be given to the run before its world is built. */
  start(scenario: ResolvedScenario, architecture: string): SimEventListener[] {
    this.interrupt();
    const recorder = this.open();
    if (recorder === undefined) return [];
    try {
      this.current = recorder.startRun({ scenario: scenario.scenario, seed: scenario.seed, architecture, parameters: scenario.parameterValues as { [key: string]: Json } });
    } catch (err) {
      this.report(err);
      return [];
    }
    this.onChange();
    const run = this.current;
    // A recording that fails mid-run stops recording; the run itself goes on.
    return [(event, line) => {
      if (run.finished || this.current !== run) return;
      try {
        run.record(event, line);
      } catch (err) {
        this.current = undefined;
        this.report(err);
      }
    }];
  }

  /** The run recorded now, if any. */
  get runId(): number | undefined {
    return this.current?.runId;
  }

  finish(result: RunResult): void {
    const run = this.current;
    this.current = undefined;
    if (run === undefined) return;
    try {
      run.finish(recordedOutcomeOf(result));
    } catch (err) {
      this.report(err);
    }
    this.onChange();
  }

  /** The run was abandoned (another scenario loaded, a replay opened, the app closed): `interrupted`. */
  interrupt(): void {
    const run = this.current;
    this.current = undefined;
    if (run === undefined) return;
    try {
      run.interrupt();
    } catch (err) {
      this.report(err);
    }
    this.onChange();
  }

  close(): void {
    this.interrupt();
    this.recorder?.close();
    this.recorder = undefined;
  }

  private open(): Recorder | undefined {
    if (this.file === undefined || this.failed) return undefined;
    if (this.recorder === undefined) {
      try {
        mkdirSync(path.dirname(this.file), { recursive: true });
        this.recorder = Recorder.open(this.file);
      } catch (err) {
        this.failed = true; // said once; the app runs on without recording
        this.report(err);
      }
    }
    return this.recorder;
  }

  private report(err: unknown): void {
    console.error(`twinbench: not recording this run: ${(err as Error)?.message ?? String(err)}`);
  }
}
