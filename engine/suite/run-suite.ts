// `twinbench run a.yaml b.yaml … --seeds 1..10 --workers N --shard i/n`: every scene × architecture × seed on N
// worker processes, one line per finished run, then one combined report and JUnit. Every scene is validated
// before any run starts, so a typo in the tenth file does not surface after the first nine have run. A scene only a
// real endpoint can judge (scenario/real-endpoints.ts: a suite connects none) is validated too, but its runs are
// skipped with the reason: run simulated, with nobody in that seat, they would fail for no fault of the system.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import { junitXml } from '../report';
import { loadScenarioFile, realEndpointNeeded, ScenarioError, type RealEndpointNeed, type ResolvedScenario } from '../scenario';
import { prepareRecording } from './suite-job';
import { planSuite, shardOf, type Shard, type SuiteJob, type SuiteScene } from './suite-plan';
import { runJobsOnWorkers, type JobOutcome } from './suite-pool';
import { failedRun, junitRunsOf, suiteReport, type SkippedJob, type SuiteReport } from './suite-report';
import { suiteHtml, suiteMarkdown } from './suite-tables';
import { workerEntry } from './worker-entry';

export interface SuiteIo {
  out(text: string): void;
  err(text: string): void;
}

export interface SuiteOptions {
  files: readonly string[];
  /** One architecture, all of them, or (undefined) each scene's own list. */
  architectures?: Architecture | 'all';
  /** Undefined: each scene's own seed. */
  seeds?: readonly number[];
  workers: number;
  shard?: Shard;
  set?: Record<string, string>;
  /** Record every run into this SQLite file; undefined: no recording. */
  recordFile?: string;
  report?: string;
  junit?: string;
}

export class SuiteOutputError extends Error {}

export async function runSuite(options: SuiteOptions, io: SuiteIo): Promise<number> {
  // The workers' bundle is checked (and rebuilt by esbuild, in its own process) while the scenes are validated here.
  const entry = workerEntry();
  const scenes: SuiteScene[] = [];
  const costs = new Map<string, number>();
  const needs = new Map<string, RealEndpointNeed>();
  let invalid = 0;
  for (const file of options.files) {
    try {
      const { scenario } = loadScenarioFile(file, { set: options.set ?? {} });
      const architectures = options.architectures === undefined ? scenario.architectures : options.architectures === 'all' ? ARCHITECTURES : [options.architectures];
      scenes.push({ file, scenario: scenario.scenario, architectures, seed: scenario.seed });
      costs.set(file, estimatedCost(scenario));
      const need = realEndpointNeeded(scenario);
      if (need !== undefined) needs.set(file, need);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      io.err(err.message);
      invalid++;
    }
  }
  if (invalid > 0) {
    io.err(`${invalid} of ${options.files.length} scenario file(s) are invalid; nothing was run`);
    return 1;
  }
  const plan = planSuite(scenes, options.seeds);
  const mine = shardOf(plan, options.shard);
  const shard = options.shard ?? { index: 1, total: 1 };
  // Skipped runs keep their place in the plan, so every shard still agrees on which runs are whose.
  const skipped = mine.flatMap((job): SkippedJob[] => {
    const need = needs.get(job.file);
    return need === undefined ? [] : [{ job, skipped: skipReason(job, need, options.set ?? {}) }];
  });
  const toRun = mine.filter((job) => !needs.has(job.file));
  const workers = Math.max(1, Math.min(options.workers, toRun.length));
  const skipping = skipped.length > 0 ? `, ${skipped.length} skipped` : '';
  const on = toRun.length > 0 ? ` on ${workers} worker(s)` : ''; // nothing to run starts no worker
  io.out(`suite: ${mine.length} run(s)${options.shard ? ` (shard ${shard.index}/${shard.total} of ${plan.length})` : ''}${skipping}${on}`);
  skipped.forEach(({ job, skipped: why }, i) => io.out(`SKIP  ${head(job, i + 1, mine.length)}: ${why}`));
  if (options.recordFile !== undefined) {
    mkdirSync(path.dirname(options.recordFile), { recursive: true });
    prepareRecording(options.recordFile);
  }
  const outcomes = await runJobsOnWorkers(toRun, {
    workers,
    entry: await entry,
    cost: (job) => costs.get(job.file) ?? 0,
    ...(options.set ? { set: options.set } : {}),
    ...(options.recordFile !== undefined ? { recordFile: options.recordFile } : {}),
    onOutcome: (outcome, done) => io.out(outcomeLine(outcome, skipped.length + done, mine.length)),
  });
  const report = suiteReport([...skipped, ...outcomes], plan.length, shard);
  for (const g of report.groups) {
    if (g.skipped === g.runs) {
      const need = needs.get(report.runs.find((r) => r.scenario === g.scenario)?.file ?? '');
      io.out(`  ${g.scenario} [${g.architecture}]: ${g.runs} run(s) skipped${need ? ` (${need.reason})` : ''}`);
      continue;
    }
    const latency = g.e2e.count > 0 ? `e2e p50/p95/p99 ${g.e2e.p50}/${g.e2e.p95}/${g.e2e.p99} ms (${g.e2e.count} samples)` : 'no latency measured';
    io.out(`  ${g.scenario} [${g.architecture}]: ${g.passed}/${g.runs} passed across seeds, ${latency}`);
  }
  writeSuiteOutputs(report, options);
  const failed = report.runs.filter(failedRun).length;
  io.out(`${failed === 0 ? `PASS  ${report.runs.length} run(s)` : `FAIL  ${failed} of ${report.runs.length} run(s) failed`}${skipping}`);
  return report.passed ? 0 : 1;
}

/**
 * A run's rough cost, only to hand out the longest runs first: simulated time × parties, twice for a scene judged
 * against a baseline run of the same seed (a grid's uncontrolled charging, a household's rules alone).
 */
export function estimatedCost(scenario: ResolvedScenario): number {
  const parties = scenario.entities.homes.length + scenario.entities.vehicles.length;
  const runs = scenario.entities.grid !== undefined || scenario.entities.household !== undefined ? 2 : 1;
  return scenario.duration * Math.max(1, parties) * runs;
}

const head = (job: SuiteJob, done: number, total: number): string => `[${done}/${total}] ${job.scenario} [${job.architecture}] seed=${job.seed}`;

function outcomeLine(outcome: JobOutcome, done: number, total: number): string {
  if ('error' in outcome) return `ERROR ${head(outcome.job, done, total)}: ${outcome.error}`;
  const verdict = outcome.result.noVerdict ? 'NO VERDICT' : outcome.result.passed ? 'ok   ' : 'FAIL ';
  return `${verdict} ${head(outcome.job, done, total)}  eventHash=${outcome.result.eventHash}`;
}

/** The skipped run's reason and the command that runs it alone with its endpoint (same architecture, seed and --set). */
function skipReason(job: SuiteJob, need: RealEndpointNeed, set: Record<string, string>): string {
  const sets = Object.entries(set).map(([k, v]) => ` --set ${shellWord(`${k}=${v}`)}`).join('');
  return `${need.reason}, which a suite does not connect; run it alone: ${need.runAlone(shellWord(job.file))} --arch ${job.architecture} --seed ${job.seed}${sets}`;
}

/** A word as a POSIX shell reads it back: quoted when it holds anything but the characters of plain paths and values. */
const shellWord = (word: string): string => (/^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The combined report (format from the extension: .json, .md, .html) and JUnit, as asked for. */
export function writeSuiteOutputs(report: SuiteReport, to: { report?: string | undefined; junit?: string | undefined }): void {
  if (to.report !== undefined) {
    const ext = path.extname(to.report).toLowerCase();
    const text = ext === '.json' ? `${JSON.stringify(report)}\n` : ext === '.md' ? suiteMarkdown(report) : ext === '.html' ? suiteHtml(report) : undefined;
    if (text === undefined) throw new SuiteOutputError(`--report ${to.report}: the extension must be .json, .md or .html`);
    writeOutput(to.report, text, '--report');
  }
  if (to.junit !== undefined) writeOutput(to.junit, junitXml(junitRunsOf(report), { seedInNames: true }), '--junit');
}

function writeOutput(file: string, text: string, flag: string): void {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? (err as Error).message;
    throw new SuiteOutputError(`${flag} ${file}: cannot write it (${why})`);
  }
}
