// What one run of a suite allocates, whatever else the machine is doing: wall and CPU times move with the load of
// the cores, bytes allocated do not. Two workers on two cores collect their garbage with no core to spare for V8's
// helper threads, so these bytes are a share of the CPU that a second worker cannot hide (README, "Suites on every
// core"). Measured in this process with
// V8's sampling heap profiler counting the objects minor and major GCs collected too, over runs after the first
// (whose scene parsing and one-off caches are not what every run pays).
import type { HeapProfiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { runSuiteJob } from '../engine/suite/suite-job';
import type { SuiteJob } from '../engine/suite/suite-plan';

interface ProfileNode { selfSize: number; children: ProfileNode[] }

function totalBytes(node: ProfileNode): number {
  let sum = node.selfSize;
  for (const child of node.children) sum += totalBytes(child);
  return sum;
}

/** Megabytes allocated by each of `jobs` after the first (which is run too), in order. */
export async function allocatedMbPerRun(jobs: SuiteJob[], set: Record<string, string>): Promise<number[]> {
  const session = new Session();
  session.connect();
  try {
    const megabytes: number[] = [];
    for (const [i, job] of jobs.entries()) {
      if (i === 0) {
        await runSuiteJob(job, { set });
        continue;
      }
      // The include… flags (V8 ≥ 10.6) are not in @types/node's protocol types yet.
      const sampling = { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
      await session.post('HeapProfiler.startSampling', sampling as HeapProfiler.StartSamplingParameterType);
      await runSuiteJob(job, { set });
      const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
      megabytes.push(totalBytes(profile.head) / 1e6);
    }
    return megabytes;
  } finally {
    session.disconnect();
  }
}
