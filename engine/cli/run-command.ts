// `twinbench run <file.yaml>`: runs a scenario headless under one or every architecture, prints the verdicts and
// metrics, writes the requested reports, and exits 1 when any expectation failed (0 when all passed).
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import { loadScenarioFile, normalizeTwinRef, ScenarioError, type ResolvedScenario } from '../scenario';
import { driveAsFastAsPossible, driveRealtime } from '../runner/drive';
import type { RunResult } from '../runner/result';
import { runScenario } from '../runner/run-scenario';
import type { ScenarioRun } from '../runner/scenario-run';
import path from 'node:path';
import { ConnectorError, type ConnectorOptions, type ExternalEndpointSpec } from '../connectors';
import type { MatterBridgeOptions } from '../connectors/matter/matter-bridge';
import { dataDir } from './data-dir';
import { reportFormatOf } from '../report';
import { attachRunOutputs, type RunOutputs } from './run-outputs';
import { parseCommandArgs, UsageError, type CliIo } from './main';

export const RUN_USAGE = `Usage: twinbench run <file.yaml> [options]
  --seed N               override the scenario's seed
  --arch A|all           cloud-cloud, direct, phone-proxy, local, or all (default: the scenario's list)
  --set key=value        override a parameter (repeatable)
  --speed N|max          N× real time, or max (default) as fast as the simulation allows
  --record file.db       record into this SQLite database (default: runs.db in your data folder)
  --no-record            do not record
  --broker URL|embedded mirror twins and messages to an MQTT broker (mqtt://, mqtts://, ws://, wss://), or start
                         the embedded one; --broker-user, --broker-ca, --broker-cert, --broker-key; the password
                         comes from TWINBENCH_BROKER_PASSWORD (never from the command line)
  --ha-discovery         announce the home and the car to Home Assistant (MQTT discovery)
  --external A=URL       play party A (home-cloud, vehicle-cloud, a device…) by a real endpoint: http://…, ws://…
                         or mqtt:<topic prefix>; --external-codec twinbench/v1 (default) or device-actions/v1
  --otlp URL             export traces over OTLP/HTTP, e.g. http://127.0.0.1:4318
  --matter               expose each home as a Matter bridge (prints its UDP port and pairing codes; fabrics are
                         kept in <data folder>/matter); without --speed the run then goes at 1× real time
  --junit out.xml        write JUnit XML
  --report out.md|html|json  write the evaluation report`;

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv, allowPositionals: true,
    options: {
      seed: { type: 'string' }, arch: { type: 'string' }, set: { type: 'string', multiple: true }, speed: { type: 'string' },
      record: { type: 'string' }, 'no-record': { type: 'boolean' }, broker: { type: 'string' }, junit: { type: 'string' }, report: { type: 'string' },
      otlp: { type: 'string' }, 'ha-discovery': { type: 'boolean' }, external: { type: 'string', multiple: true },
      'external-codec': { type: 'string' }, 'broker-user': { type: 'string' }, 'broker-ca': { type: 'string' },
      'broker-cert': { type: 'string' }, 'broker-key': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      matter: { type: 'boolean' },
    },
  });
  if (values.help) return io.out(RUN_USAGE), 0;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`name exactly one scenario file\n${RUN_USAGE}`);
  const set = Object.fromEntries((values.set ?? []).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes key=value, got "${pair}"`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  const speed = parseSpeed(values.speed);
  if (values.report !== undefined) {
    // A wrong extension is a usage error, found before minutes of simulation rather than after.
    try {
      reportFormatOf(values.report);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  let scenario;
  try {
    scenario = loadScenarioFile(file, { set }).scenario;
  } catch (err) {
    if (err instanceof ScenarioError) return io.err(err.message), 1;
    throw err;
  }
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed)) throw new UsageError(`--seed takes a whole number, got "${values.seed}"`);
    scenario = { ...scenario, seed: Number(values.seed) };
  }
  const architectures = parseArchitectures(values.arch, scenario.architectures);
  // A Matter controller needs time to pair and to act: at max speed the run would be over before it could.
  const pace = values.speed === undefined && (values.matter === true || isMatterOn(scenario.connectors?.matter)) ? 1 : speed;
  // Bad endpoint configuration (malformed URL, refused connection, TLS, credentials): one clear line, exit 1.
  const connectorFailure = (err: unknown): number => {
    if (err instanceof ConnectorError) return io.err(`twinbench run: ${err.message}`), 1;
    throw err;
  };
  const outputs: RunOutputs = await attachRunOutputs({ record: values.record, noRecord: values['no-record'], connectors: connectorOptions(values, scenario.connectors) }, io);
  const results: RunResult[] = [];
  // Ctrl-C or a CI timeout: close the recording so the run is marked interrupted with everything flushed so far.
  const stop = (signal: NodeJS.Signals): void => {
    void outputs.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (const architecture of architectures) {
      const progress = io.isTTY ? (run: ScenarioRun) => io.err(`\r  ${scenario.scenario} [${architecture}] t=${formatClock(run.sim.now)} messages=${run.metrics.result().messages}`) : undefined;
      const result = await runScenario(scenario, architecture, {
        listeners: outputs.listenersFor(scenario, architecture),
        onStart: (run) => outputs.onStart(run),
        drive: (run) => (pace === 'max' ? driveAsFastAsPossible(run, progress, outputs.gate) : driveRealtime(run, pace, progress, outputs.gate)),
      });
      if (io.isTTY) io.err('\r\x1b[K');
      printResult(io, result);
      await outputs.onFinish(result);
      results.push(result);
    }
    await outputs.writeReports(results, { report: values.report, junit: values.junit });
  } catch (err) {
    return connectorFailure(err);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await outputs.close();
  }
  const failed = results.filter((r) => !r.passed).length;
  io.out(failed === 0 ? `PASS  ${results.length} run(s)` : `FAIL  ${failed} of ${results.length} run(s) failed`);
  return failed === 0 ? 0 : 1;
}

/**
 * Real endpoints: the scenario's `connectors` section, overridden key by key (and party by party) by the command
 * line; undefined for a fully simulated run.
 */
function connectorOptions(v: Record<string, string | boolean | string[] | undefined>, fromScenario: ResolvedScenario['connectors']): ConnectorOptions | undefined {
  const externals: Record<string, ExternalEndpointSpec> = {};
  for (const [party, spec] of Object.entries(fromScenario?.external ?? {})) {
    externals[normalizeTwinRef(party)] = {
      ...(spec.http !== undefined ? { http: spec.http } : spec.ws !== undefined ? { ws: spec.ws } : { mqtt: spec.mqtt! }),
      codec: spec.codec,
      ...(spec.timeout !== undefined ? { timeoutMs: spec.timeout } : {}),
      ...(spec.grants !== undefined ? { grants: spec.grants } : {}),
    };
  }
  for (const pair of (v.external as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--external takes party=endpoint (e.g. home-cloud=http://127.0.0.1:8090), got "${pair}"`);
    const party = normalizeTwinRef(pair.slice(0, eq));
    const endpoint = pair.slice(eq + 1);
    const codec = (v['external-codec'] as string | undefined) ?? 'twinbench/v1';
    if (/^https?:\/\//.test(endpoint)) externals[party] = { http: endpoint, codec };
    else if (/^wss?:\/\//.test(endpoint)) externals[party] = { ws: endpoint, codec };
    else if (endpoint.startsWith('mqtt:')) externals[party] = { mqtt: endpoint.slice('mqtt:'.length), codec };
    else throw new UsageError(`--external ${party}: "${endpoint}" is not http://…, ws://… or mqtt:<topic prefix>`);
  }
  const broker = (v.broker as string | undefined) ?? fromScenario?.broker;
  const haDiscovery = v['ha-discovery'] === true || fromScenario?.haDiscovery === true;
  const otlp = (v.otlp as string | undefined) ?? fromScenario?.otlp;
  const matter = matterOptions(v.matter === true, fromScenario?.matter);
  if (broker === undefined && !haDiscovery && otlp === undefined && matter === undefined && Object.keys(externals).length === 0) return undefined;
  const password = process.env.TWINBENCH_BROKER_PASSWORD;
  const brokerOptions = {
    ...(v['broker-user'] ? { username: v['broker-user'] as string } : {}),
    ...(password ? { password } : {}),
    ...(v['broker-ca'] ? { caFile: v['broker-ca'] as string } : {}),
    ...(v['broker-cert'] ? { certFile: v['broker-cert'] as string } : {}),
    ...(v['broker-key'] ? { keyFile: v['broker-key'] as string } : {}),
  };
  return {
    ...(broker !== undefined ? { broker } : {}),
    brokerOptions,
    ...(haDiscovery ? { haDiscovery: fromScenario?.haGrants !== undefined ? { grants: fromScenario.haGrants } : true } : {}),
    ...(otlp !== undefined ? { otlp } : {}),
    ...(matter !== undefined ? { matter } : {}),
    externals,
  };
}

type MatterSection = NonNullable<ResolvedScenario['connectors']>['matter'];

const isMatterOn = (section: MatterSection): boolean => section !== undefined && section !== false;

/** `--matter` or the scenario's `matter:` (true, or port / passcode / discriminator / grants); fabrics in the data folder. */
function matterOptions(flag: boolean, section: MatterSection): MatterBridgeOptions | undefined {
  if (!flag && !isMatterOn(section)) return undefined;
  const settings = typeof section === 'object' ? section : {};
  return { storagePath: path.join(dataDir(), 'matter'), ...settings };
}

function parseSpeed(text: string | undefined): number | 'max' {
  if (text === undefined || text === 'max') return 'max';
  const n = Number(text);
  if (!(n > 0)) throw new UsageError(`--speed takes a positive number (× real time) or max, got "${text}"`);
  return n;
}

function parseArchitectures(text: string | undefined, fallback: readonly Architecture[]): Architecture[] {
  if (text === undefined) return [...fallback];
  if (text === 'all') return [...ARCHITECTURES];
  if (!(ARCHITECTURES as readonly string[]).includes(text)) throw new UsageError(`--arch takes ${ARCHITECTURES.join(', ')} or all, got "${text}"`);
  return [text as Architecture];
}

function printResult(io: CliIo, r: RunResult): void {
  const m = r.metrics;
  io.out(`${r.passed ? 'ok  ' : 'FAIL'}  ${r.scenario} [${r.architecture}] seed=${r.seed}  ${r.expectations.filter((e) => e.passed).length}/${r.expectations.length} expectations`);
  io.out(`      messages=${m.messages} success=${pct(m.successRate)} failure=${pct(m.failureRate)} e2e p50/p95/p99=${m.e2e.p50}/${m.e2e.p95}/${m.e2e.p99} ms  eventHash=${r.eventHash}`);
  if (m.grid) io.out(`      grid: peak ${m.grid.peakKw} kW (uncontrolled ${m.grid.uncontrolledPeakKw} kW, −${m.grid.peakReductionPct} %), ${m.grid.evsAtTarget}/${m.grid.evCount} EVs at target`);
  if (r.abortedBy) io.out(`      aborted: ${r.abortedBy}`);
  for (const e of r.expectations) if (!e.passed) io.out(`      ✗ ${e.id}: ${e.detail}`);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
