// Suites on every core: the same 16 runs (commute and peak shaving, 8 seeds each, cloud-cloud) on one worker
// process and on two, in this run. The figure is the speed-up of two workers over one (target ≥ 1.6× on this
// 2-core machine); both sides pay the same worker start-up (the workers' bundle is built before either is timed),
// and the hashes must agree run by run. Beside wall time, the CPU time the workers used (Linux: the parent's reaped
// children in /proc/self/stat): on a machine other users load, the scheduler shares the CPU among sessions, so a
// second worker may get no more CPU than one — the CPU figures then still show what the second worker costs.
import path from 'node:path';
import { runSuite } from '../engine/suite/run-suite';
import { readSuiteReport } from '../engine/suite/suite-merge';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { workerEntry } from '../engine/suite/worker-entry';
import os from 'node:os';
import type { BenchResult } from './bench-result';

const FILES = ['scenarios/commute.yaml', 'scenarios/charging-peak-shaving.yaml'];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** CPU seconds of the child processes that have ended (utime + stime of reaped children); undefined off Linux. */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function timeSuite(workers: number, dir: string): Promise<{ seconds: number; workerCpu: number | undefined; hashes: string[]; runs: number }> {
  const report = path.join(dir, `suite-${workers}.json`);
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  await runSuite({ files: FILES, architectures: 'cloud-cloud', seeds: SEEDS, workers, report }, { out: () => {}, err: () => {} });
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();
  const written = readSuiteReport(report);
  const workerCpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return { seconds, workerCpu, hashes: written.runs.map((r) => r.eventHash ?? 'error'), runs: written.runs.length };
}

export async function benchSuite(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-bench-suite-'));
  try {
    const entry = await workerEntry();
    const one = await timeSuite(1, dir);
    const two = await timeSuite(2, dir);
    const same = one.hashes.every((h, i) => h === two.hashes[i]);
    return [
      {
        name: `suite of ${two.runs} runs on 2 workers, speed-up over 1 worker (wall time ${one.seconds.toFixed(1)} s → ${two.seconds.toFixed(1)} s)`,
        value: one.seconds / two.seconds, unit: '× faster', baseline: 1, ratio: one.seconds / two.seconds,
        note: `${same ? 'every run has the same eventHash on 1 and on 2 workers' : 'WARNING: eventHashes differ between 1 and 2 workers'}; workers started from ${entry.kind === 'bundle' ? 'the esbuild bundle' : 'tsx (no bundle)'}`,
      },
      ...(one.workerCpu !== undefined && two.workerCpu !== undefined ? [{
        name: `CPU time of the workers, 2 against 1 (${one.workerCpu.toFixed(2)} s → ${two.workerCpu.toFixed(2)} s; wall/CPU on 1 worker ${(one.seconds / one.workerCpu).toFixed(2)})`,
        value: two.workerCpu, unit: 's', baseline: one.workerCpu, ratio: two.workerCpu / one.workerCpu,
        note: 'what the second worker adds (its start-up, its own JIT warm-up); a wall/CPU ratio well above 1 on one worker means other processes took the CPU',
      }] : []),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
