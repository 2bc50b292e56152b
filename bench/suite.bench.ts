// Suites on every core: the same 16 runs (a night of charging peak shaving for a 200-home feeder, 16 seeds,
// cloud-cloud) on one worker process and on two, in this run. The runs are sized like a QA suite's (~0.5 s of CPU
// each): 16 runs of the short shipped scenes take ~1 s in all (~70 ms a run), and then a second worker's start-up and
// JIT warm-up (~0.7 s of CPU) outweigh what it can share — that figure is printed too.
import path from 'node:path';
import { runSuite } from '../engine/suite/run-suite';
import { readSuiteReport } from '../engine/suite/suite-merge';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { workerEntry } from '../engine/suite/worker-entry';
import os from 'node:os';
import type { BenchResult } from './bench-result';

const QA_SUITE = { files: ['scenarios/charging-peak-shaving.yaml'], seeds: range(16), set: { homes: '200', evs: '120', transformerKva: '1000' } };
const SHORT_SUITE = { files: ['scenarios/commute.yaml', 'scenarios/charging-peak-shaving.yaml'], seeds: range(8), set: {} };
type Suite = typeof QA_SUITE | typeof SHORT_SUITE;

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** CPU seconds of the child processes that have ended (utime + stime of reaped children); undefined off Linux. */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function timeSuite(suite: Suite, workers: number, dir: string): Promise<{ seconds: number; workerCpu: number | undefined; hashes: string[]; runs: number }> {
  const report = path.join(dir, `suite-${workers}.json`);
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  await runSuite({ files: suite.files, architectures: 'cloud-cloud', seeds: suite.seeds, set: suite.set, workers, report }, { out: () => {}, err: () => {} });
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();
  const written = readSuiteReport(report);
  const workerCpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return { seconds, workerCpu, hashes: written.runs.map((r) => r.eventHash ?? 'error'), runs: written.runs.length };
}

function describeSuite(suite: Suite): string {
  const sizes = Object.entries(suite.set).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${suite.files.map((f) => path.basename(f, '.yaml')).join(' and ')}${sizes ? ` (${sizes})` : ''} × ${suite.seeds.length} seeds`;
}

async function speedUp(suite: Suite, label: string, dir: string, entryKind: string): Promise<BenchResult[]> {
  const one = await timeSuite(suite, 1, dir);
  const two = await timeSuite(suite, 2, dir);
  const same = one.hashes.every((h, i) => h === two.hashes[i]);
  return [
    {
      name: `${label}: ${two.runs} runs, ${describeSuite(suite)}, 2 workers against 1 (wall time ${one.seconds.toFixed(1)} s → ${two.seconds.toFixed(1)} s)`,
      value: one.seconds / two.seconds, unit: '× faster', baseline: 1, ratio: one.seconds / two.seconds,
      note: `${same ? 'every run has the same eventHash on 1 and on 2 workers' : 'WARNING: eventHashes differ between 1 and 2 workers'}; workers started from ${entryKind}`,
    },
    ...(one.workerCpu !== undefined && two.workerCpu !== undefined ? [{
      name: `${label}: CPU time of the workers, 2 against 1 (${one.workerCpu.toFixed(2)} s → ${two.workerCpu.toFixed(2)} s; wall/CPU on 1 worker ${(one.seconds / one.workerCpu).toFixed(2)})`,
      value: two.workerCpu, unit: 's', baseline: one.workerCpu, ratio: two.workerCpu / one.workerCpu,
      note: 'what the second worker adds (its start-up, its own JIT warm-up); a wall/CPU ratio well above 1 on one worker means other processes took the CPU',
    }] : []),
  ];
}

export async function benchSuite(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-bench-suite-'));
  try {
    const entry = await workerEntry();
    const kind = entry.kind === 'bundle' ? 'the esbuild bundle' : 'tsx (no bundle)';
    return [
      ...await speedUp(QA_SUITE, 'suite speed-up (target ≥ 1.6×)', dir, kind),
      ...await speedUp(SHORT_SUITE, 'short suite, start-up bound (no target)', dir, kind),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
