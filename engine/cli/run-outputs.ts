// Where a run's results go besides the terminal: the SQLite recording (every run is recorded, into the user's data
// folder unless --record names a file or --no-record is given), the evaluation report and JUnit XML, and — when
// asked for — real MQTT endpoints.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '../../twins/kernel/types';
import { recordedOutcomeOf, Recorder, type RunRecorder } from '../recorder';
import type { RunResult } from '../runner/result';
import type { Architecture } from '../../twins/bus/envelope';
import type { SimEventListener } from '../../twins/kernel';
import { WireIds, attachConnectors, type ConnectorEvent, type ConnectorOptions, type Connectors } from '../connectors';
import type { ClockGate } from '../runner/drive';
import type { ScenarioRun } from '../runner/scenario-run';
import type { ResolvedScenario } from '../scenario';
import { defaultRecordingFile } from './data-dir';
import type { CliIo } from './command-spec';

export interface RunOutputs {
  /** The database the runs are recorded into, if any. */
  recordingFile: string | undefined;
  /** Shut while a message is on a real wire: the clock driver waits (undefined without connectors). */
  readonly gate: ClockGate | undefined;
  /** Connect the run's world to real endpoints, before its clock starts. */
  onStart(run: ScenarioRun): Promise<void>;
  /** Listeners to attach before the run's world is built, so they see every event. */
  listenersFor(scenario: ResolvedScenario, architecture: Architecture): SimEventListener[];
  onFinish(result: RunResult): Promise<void>;
  writeReports(results: RunResult[], to: { report?: string | undefined; junit?: string | undefined }): Promise<void>;
  close(): Promise<void>;
}

export interface OutputOptions {
  record?: string | undefined;
  noRecord?: boolean | undefined;
  /** Real endpoints; undefined = a fully simulated run. */
  connectors?: ConnectorOptions | undefined;
}

export async function attachRunOutputs(options: OutputOptions, io: CliIo): Promise<RunOutputs> {
  let connectors: Connectors | undefined;
  const file = options.noRecord ? undefined : path.resolve(options.record ?? defaultRecordingFile());
  let recorder: Recorder | undefined;
  if (file !== undefined) {
    mkdirSync(path.dirname(file), { recursive: true });
    recorder = Recorder.open(file);
  }
  let current: RunRecorder | undefined;
  // Drawn before the run is recorded, so its recording keeps the salt of the trace ids its wires will carry.
  let wireSalt: string | undefined;
  return {
    recordingFile: file,
    get gate() {
      return connectors?.gate;
    },
    async onStart(run) {
      if (options.connectors === undefined) return;
      await connectors?.close(); // one set of connections per run: each architecture is a new world
      connectors = await attachConnectors(run.sim, {
        ...options.connectors,
        ...(wireSalt !== undefined ? { wireSalt } : {}),
        onEvent: (event) => io.err(`      connector: ${describeConnectorEvent(event)}`),
      });
      if (connectors.brokerUrl) io.out(`      broker ${connectors.brokerUrl}`);
      // The embedded broker takes no anonymous client: the user needs this run's credentials to join it (Home Assistant).
      for (const party of connectors.externals) {
        if (party.inboundUrl) io.out(`      webhook for ${party.address}: POST JSON to ${party.inboundUrl} with Authorization: Bearer ${party.inboundSecret} (this run only)`);
      }
      for (const bridge of connectors.matter) {
        io.out(`      matter bridge ${bridge.homeId}: UDP port ${bridge.port}, manual pairing code ${bridge.manualPairingCode}, QR ${bridge.qrPairingCode}${bridge.commissioned ? ' (already paired: its controllers reconnect)' : ''}`);
      }
      if (connectors.brokerCredentials) io.out(`      broker login: user ${connectors.brokerCredentials.username}, password ${connectors.brokerCredentials.password} (this run only)`);
    },
    listenersFor(scenario, architecture) {
      wireSalt = options.connectors !== undefined ? WireIds.randomSalt() : undefined;
      if (recorder === undefined) return [];
      current = recorder.startRun({
        scenario: scenario.scenario, seed: scenario.seed, architecture, parameters: scenario.parameterValues as { [key: string]: Json },
        ...(wireSalt !== undefined ? { wireSalt } : {}),
      });
      return [current.listener];
    },
    async onFinish(result) {
      if (current === undefined) return;
      const outcome = current.finish(recordedOutcomeOf(result));
      io.out(`      recorded as run ${current.runId} in ${file}${outcome.complete ? '' : ` (recorded stream differs from the live one: ${outcome.redactedFields} secret field(s) redacted)`}`);
      current = undefined;
    },
    async writeReports(results, to) {
      const { writeReport, writeJunit } = await import('../report');
      if (to.report !== undefined) writeReport(to.report, results);
      if (to.junit !== undefined) writeJunit(to.junit, results);
    },
    async close() {
      await connectors?.close();
      connectors = undefined;
      recorder?.close(); // a run still open (Ctrl-C) is marked interrupted, its flushed events kept
      recorder = undefined;
    },
  };
}

function describeConnectorEvent(event: ConnectorEvent): string {
  const { type, ...rest } = event as { type: string };
  return `${type} ${JSON.stringify(rest)}`;
}
