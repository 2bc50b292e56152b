// Scale benchmarks (issue #19): cost linear in the neighbourhood's size. A day of 1,000 homes + 1,000 cars beside
// the same day at ten times the size, and the charging peak-shaving scene beside itself at four times the homes
// and EVs — each ratio against a baseline measured in the same run, so the machine's speed cancels out. Each size
// runs in its own process (a fresh heap, its own peak memory). The machine is shared: CPU time
// (process.cpuUsage) is printed beside wall time, and the ratios are of CPU time, which other load disturbs less.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isHeapFlag, type BenchResult } from './bench-result';
import type { ScaleMeasurement } from './scale-run';

function measure(...args: string[]): ScaleMeasurement {
  const script = fileURLToPath(new URL('./scale-run.ts', import.meta.url));
  const flags = [...process.execArgv.filter(isHeapFlag), '--max-old-space-size=6144'];
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`scale benchmark (${args.join(' ')}) failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ScaleMeasurement;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const count = (x: number): string => Math.round(x).toLocaleString('en-US');

function describe(m: ScaleMeasurement): string {
  const build = m.buildCpuMs === undefined ? '' : `building the world ${seconds(m.buildWallMs!)} s wall / ${seconds(m.buildCpuMs)} s CPU; `;
  const verdict = m.passed === undefined ? '' : `; scene ${m.passed ? 'passed' : 'FAILED'}`;
  return `${seconds(m.wallMs)} s wall, ${seconds(m.cpuMs)} s CPU; ${build}peak RSS ${count(m.peakRssMb)} MB; ${count(m.events)} events, ${count(m.messages)} messages${verdict}`;
}

function scaled(name: string, large: ScaleMeasurement, small: ScaleMeasurement, factor: number, target: number): BenchResult {
  const cpuRatio = large.cpuMs / small.cpuMs;
  return {
    name: `${name} (target: ratio ≤ ${target})`, value: large.cpuMs / 1000, unit: 's CPU', baseline: small.cpuMs / 1000, ratio: cpuRatio,
    note: `${factor}× the size: ${describe(large)}; 1×: ${describe(small)}; wall-time ratio ${(large.wallMs / small.wallMs).toFixed(2)}`,
  };
}

export async function benchScale(): Promise<BenchResult[]> {
  const day1 = measure('day', '1000');
  const day10 = measure('day', '10000');
  const peak1 = measure('peak-shaving', '1000', '600');
  const peak4 = measure('peak-shaving', '4000', '2400');
  return [
    {
      name: `24 h of ${count(day10.homes)} homes + ${count(day10.vehicles)} cars (target ≤ 40 s, ≤ 4 GB)`, value: day10.wallMs / 1000, unit: 's wall',
      note: describe(day10),
    },
    scaled('day at 10× the neighbourhood, CPU time', day10, day1, 10, 12),
    scaled('charging peak shaving at 4× the homes and EVs (1,000 homes + 600 EVs → 4,000 + 2,400), CPU time', peak4, peak1, 4, 4.8),
  ];
}
