// `twinbench run <file.yaml>`: runs a scenario headless under one or every architecture, prints the verdicts and
// metrics, writes the requested reports, and exits 1 when any expectation failed (0 when all passed). Every flag
// is checked before the scenario is loaded, and the scenario (with its map) before anything runs.
import { writeFileSync } from 'node:fs';
import type { Architecture } from '../../twins/bus/envelope';
import type { ResolvedScenario, ScenarioIssue } from '../scenario';
import { driveAsFastAsPossible, driveRealtime } from '../runner/drive';
import type { RunResult } from '../runner/result';
import { runScenario } from '../runner/run-scenario';
import { NO_VERDICT_REASON, verdictOf } from '../report/format';
import type { RunVerdict } from '../../protocol/run-result';
import { invalidScenarioJunitXml } from '../report/junit-invalid';
import { defineCommand, type CliIo } from './command-spec';
import { prepareOutputFile } from './output-file';
import { ocppOptionsOf, requireRealEndpoint } from './ocpp-flags';
import { attachRunOutputs, type RunOutputs } from './run-outputs';
import { checkReportPath, connectorOptions, parseExternals, parseSeed, parseSet, parseSpeed } from './run-options';
import { loadScenarioOrIssues, RECORD_OPTIONS, recordFlags, scenarioToRun } from './run-args';
import { progressReporter } from './run-progress';
import { isSuite, suiteOptions } from './suite-options';
import { runSuite } from '../suite/run-suite';

export const runCommand = defineCommand(
  {
    name: 'run',
    args: '<file.yaml>...',
    positionals: { min: 1, max: 10_000 },
    summary: 'run scenarios headless, print verdicts and metrics, write reports',
    description:
      'Runs the scenario under each architecture it lists (or --arch), prints each verdict with its eventHash and\n' +
      'records the runs. A scenario with errors is rejected before anything runs, with file:line:column for each.\n' +
      'Several files, --seeds, --workers or --shard make a suite: every scene × architecture × seed on worker\n' +
      'processes, one combined report and JUnit (pass rate across seeds, pooled latency, each run\'s eventHash).',
    options: {
      seed: { type: 'string', value: 'N', help: "override the scenario's seed (a whole number, 0 to 2^53−1)" },
      seeds: { type: 'string', value: 'LIST', help: 'a suite over these seeds: 1..10, 3,5,8 or both (1..3,10)' },
      workers: { type: 'string', value: 'N', help: "a suite's worker processes (default: the number of cores)" },
      shard: { type: 'string', value: 'i/n', help: "run the i-th of n deterministic slices of the suite (merge the shards' .json\nreports with twinbench merge)" },
      arch: { type: 'string', value: 'A|all', help: "cloud-cloud, direct, phone-proxy, local, or all (default: the scenario's list)" },
      set: { type: 'string', multiple: true, value: 'key=value', help: 'override a scenario parameter, type-checked against its declaration' },
      speed: { type: 'string', value: 'N|max', help: 'N× real time, or max (default): as fast as the simulation allows' },
      ...RECORD_OPTIONS,
      report: { type: 'string', value: 'FILE', help: 'write the evaluation report: .md, .html or .json (none for an invalid scenario)' },
      junit: { type: 'string', value: 'FILE.xml', help: 'write JUnit XML; an invalid scenario gives one failed test case listing its errors' },
      broker: {
        type: 'string', value: 'URL|embedded',
        help: 'mirror twins and messages to an MQTT broker (mqtt://, mqtts://, ws://, wss://),\nor start the embedded one; its password comes from TWINBENCH_BROKER_PASSWORD',
      },
      'broker-user': { type: 'string', value: 'NAME', help: "the broker's user name" },
      'broker-ca': { type: 'string', value: 'FILE', help: "CA certificate (PEM) for the broker's TLS" },
      'broker-cert': { type: 'string', value: 'FILE', help: 'client certificate (PEM) for the broker' },
      'broker-key': { type: 'string', value: 'FILE', help: 'client key (PEM) for the broker' },
      'ha-discovery': { type: 'boolean', help: 'announce the home and the car to Home Assistant (MQTT discovery)' },
      external: {
        type: 'string', multiple: true, value: 'PARTY=URL',
        help: 'play a party (home-cloud, vehicle-cloud, a device…) by a real endpoint:\nhttp://…, ws://… or mqtt:<topic prefix>',
      },
      'external-codec': { type: 'string', value: 'CODEC', help: "the external parties' wire schema: twinbench/v1 (default) or device-actions/v1" },
      otlp: { type: 'string', value: 'URL', help: 'export traces over OTLP/HTTP, e.g. http://127.0.0.1:4318' },
      matter: { type: 'boolean', help: 'expose each home as a Matter bridge (prints its UDP port and pairing codes; fabrics are\nkept in <data folder>/matter); without --speed the run then goes at 1× real time' },
      ocpp: { type: 'string', value: 'URL', help: 'make every wallbox an OCPP-J charge point of the CSMS at URL/<wallbox id> (ws://, wss://);\nits password (security profile 1) comes from TWINBENCH_OCPP_PASSWORD' },
      'ocpp-version': { type: 'string', value: '1.6|2.0.1', help: 'the OCPP version the charge points speak (default 1.6)' },
    },
    footer:
      'A long run shows its progress: on a terminal one line kept up to date, in a log (CI) a line every 5 s.\n' +
      'Exit status: 0 every run passed, 1 an expectation failed or the scenario is invalid, 2 bad command line.',
  },
  async ({ values, positionals }, io) => {
    const file = positionals[0]!;
    // Everything the command line alone can get wrong, before the scenario is even read.
    const record = recordFlags(values);
    const set = parseSet(values.set);
    if (isSuite(positionals, values)) {
      const options = suiteOptions(positionals, values, set);
      if (options.report !== undefined) prepareOutputFile('--report', options.report, 'suite.json');
      if (options.junit !== undefined) prepareOutputFile('--junit', options.junit, 'junit.xml');
      return runSuite(options, io);
    }
    const speed = parseSpeed(values.speed);
    const seed = parseSeed(values.seed);
    const externals = parseExternals(values.external, values['external-codec']);
    checkReportPath(values.report);
    if (values.report !== undefined) prepareOutputFile('--report', values.report, 'report.html');
    if (values.junit !== undefined) prepareOutputFile('--junit', values.junit, 'junit.xml');

    const loaded = loadScenarioOrIssues(file, set);
    if ('issues' in loaded) return rejectInvalid(io, file, loaded.issues, values);
    const { scenario, architectures } = scenarioToRun(loaded.scenario, seed, values.arch);
    const ocpp = ocppOptionsOf(values, scenario.connectors);
    requireRealEndpoint(scenario, ocpp);
    const simulatedOnly = connectorOptions(values, externals, scenario.connectors);
    const connectors = ocpp ? { ...simulatedOnly, externals: simulatedOnly?.externals ?? {}, ocpp } : simulatedOnly;
    const outputs = await attachRunOutputs({ ...record, connectors }, io);
    // A Matter controller needs time to pair and to act: at max speed the run would be over before it could.
    const pace = values.speed === undefined && connectors?.matter !== undefined ? 1 : speed;
    const results = await runAll(scenario, architectures, pace, outputs, io);
    await outputs.writeReports(results, { report: values.report, junit: values.junit });
    return summarise(results, io);
  },
);

async function runAll(scenario: ResolvedScenario, architectures: readonly Architecture[], speed: number | 'max', outputs: RunOutputs, io: CliIo): Promise<RunResult[]> {
  const results: RunResult[] = [];
  // Ctrl-C or a CI timeout: close the recording so the run is marked interrupted with everything flushed so far.
  const stop = (signal: NodeJS.Signals): void => {
    void outputs.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (const architecture of architectures) {
      const progress = progressReporter(io, { scenario: scenario.scenario, architecture, endTime: scenario.duration });
      const onProgress = progress.update;
      const result = await runScenario(scenario, architecture, {
        listeners: outputs.listenersFor(scenario, architecture),
        onStart: (run) => outputs.onStart(run),
        drive: (run) => (speed === 'max' ? driveAsFastAsPossible(run, onProgress, outputs.gate) : driveRealtime(run, speed, onProgress, outputs.gate)),
      });
      progress.done();
      printResult(io, result);
      await outputs.onFinish(result);
      results.push(result);
    }
    return results;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await outputs.close();
  }
}

function summarise(results: readonly RunResult[], io: CliIo): number {
  const failed = results.filter((r) => verdictOf(r) === 'fail').length;
  const without = results.filter((r) => verdictOf(r) === 'none').length;
  if (failed > 0) io.out(`FAIL  ${failed} of ${results.length} run(s) failed`);
  // Nothing checked is never a PASS: runs of a declared demo are counted apart, and only they make "NO VERDICT".
  else if (without === results.length) io.out(`NO VERDICT  ${results.length} run(s) of a demo that checks nothing (verdict: none)`);
  else io.out(`PASS  ${results.length - without} run(s)${without > 0 ? `, ${without} without a verdict (verdict: none)` : ''}`);
  return failed === 0 ? 0 : 1;
}

/** An invalid scenario: its problems on stderr, a failed JUnit test case for CI, and no report (nothing ran). */
function rejectInvalid(io: CliIo, file: string, issues: readonly ScenarioIssue[], values: { report?: string | undefined; junit?: string | undefined }): number {
  for (const issue of issues) io.err(`${issue.file}:${issue.line}:${issue.column}: ${issue.message}`);
  if (values.junit !== undefined) {
    writeFileSync(values.junit, invalidScenarioJunitXml(file, issues), 'utf8');
    io.err(`wrote ${values.junit}: one failed test case with the scenario's ${issues.length} error(s)`);
  }
  if (values.report !== undefined) io.err(`no report written to ${values.report}: the scenario is invalid, nothing ran`);
  return 1;
}

const RUN_LINE_VERDICT: Readonly<Record<RunVerdict, string>> = { pass: 'ok  ', fail: 'FAIL', none: 'NO VERDICT' };

function printResult(io: CliIo, r: RunResult): void {
  const m = r.metrics;
  io.out(`${RUN_LINE_VERDICT[verdictOf(r)]}  ${r.scenario} [${r.architecture}] seed=${r.seed}  ${r.expectations.filter((e) => e.passed).length}/${r.expectations.length} expectations`);
  // With no message measured there is no rate and no latency: a dash, not 100 % and 0 ms.
  const rate = (x: number): string => (m.messages === 0 ? '—' : pct(x));
  const e2e = m.e2e.count === 0 ? '—' : `${m.e2e.p50}/${m.e2e.p95}/${m.e2e.p99} ms (n=${m.e2e.count})`;
  io.out(`      messages=${m.messages} success=${rate(m.successRate)} failure=${rate(m.failureRate)} e2e p50/p95/p99=${e2e}  eventHash=${r.eventHash}`);
  if (m.grid) io.out(`      grid: peak ${m.grid.peakKw} kW (uncontrolled ${m.grid.uncontrolledPeakKw} kW, −${m.grid.peakReductionPct} %), ${m.grid.evsAtTarget}/${m.grid.evCount} EVs at target`);
  const n = m.named;
  if (n['agent.needs'] !== undefined) {
    const figure = (key: string): string => (n[key] === undefined ? '—' : String(n[key]));
    io.out(`      agent: accuracy ${figure('agent.proactive_accuracy')}, task completion ${figure('agent.task_completion')}, ${figure('agent.user_interactions')} taps `
      + `(rules alone ${figure('baseline.user_interactions')}), ${figure('agent.energy_wasted_kwh')} kWh wasted, ${figure('agent.actions')} actions for ${figure('agent.needs')} needs`);
    if (n['agent.charging_kwh'] !== undefined) {
      io.out(`      charging: ready ${figure('agent.charging_ready_rate')} (rules ${figure('baseline.charging_ready_rate')}), cost ${figure('agent.charging_cost')} `
        + `(rules ${figure('baseline.charging_cost')}), ${figure('agent.charging_peak_kwh')} of ${figure('agent.charging_kwh')} kWh in the peak (rules ${figure('baseline.charging_peak_kwh')})`);
    }
  }
  if (r.abortedBy) io.out(`      aborted: ${r.abortedBy}`);
  if (r.noVerdict) io.out(`      ${NO_VERDICT_REASON}`);
  for (const e of r.expectations) if (!e.passed) io.out(`      ✗ ${e.id}: ${e.detail}`);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
