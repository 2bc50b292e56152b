// Suites on every core: the same 16 runs (commute and peak shaving, 8 seeds each, cloud-cloud) on one worker
// process and on two, in this run. The figure is the speed-up of two workers over one (target ≥ 1.6× on this
// 2-core machine); both sides pay the same worker start-up, and the hashes must agree run by run.
import path from 'node:path';
import { runSuite } from '../engine/suite/run-suite';
import { readSuiteReport } from '../engine/suite/suite-merge';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import type { BenchResult } from './bench-result';

const FILES = ['scenarios/commute.yaml', 'scenarios/charging-peak-shaving.yaml'];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

async function timeSuite(workers: number, dir: string): Promise<{ seconds: number; hashes: string[]; runs: number }> {
  const report = path.join(dir, `suite-${workers}.json`);
  const started = performance.now();
  await runSuite({ files: FILES, architectures: 'cloud-cloud', seeds: SEEDS, workers, report }, { out: () => {}, err: () => {} });
  const seconds = (performance.now() - started) / 1000;
  const written = readSuiteReport(report);
  return { seconds, hashes: written.runs.map((r) => r.eventHash ?? 'error'), runs: written.runs.length };
}

export async function benchSuite(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-bench-suite-'));
  try {
    const one = await timeSuite(1, dir);
    const two = await timeSuite(2, dir);
    const same = one.hashes.every((h, i) => h === two.hashes[i]);
    return [
      {
        name: `suite of ${two.runs} runs on 2 workers, speed-up over 1 worker (wall time ${one.seconds.toFixed(1)} s → ${two.seconds.toFixed(1)} s)`,
        value: one.seconds / two.seconds, unit: '× faster', baseline: 1, ratio: one.seconds / two.seconds,
        note: same ? 'every run has the same eventHash on 1 and on 2 workers' : 'WARNING: eventHashes differ between 1 and 2 workers',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
