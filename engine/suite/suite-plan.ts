// A suite is the cross product of scenes × architectures × seeds. Its plan is a list of jobs in one fixed order, so
// `--shard i/n` gives every machine of a CI matrix the same disjoint slice whatever order the files were named in
// on each, and a merged report lists runs in the same order a single machine would have.
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';

export interface SuiteScene {
  /** The scenario file as the user named it (reports show it). */
  file: string;
  /** The scene's name (stable across machines, unlike the path). */
  scenario: string;
  architectures: readonly Architecture[];
  /** The scenario's own seed, used when the suite names no seeds. */
  seed: number;
}

export interface SuiteJob {
  /** Position in the whole (unsharded) plan: a run's identity across shards. */
  index: number;
  file: string;
  scenario: string;
  architecture: Architecture;
  seed: number;
}

export interface Shard {
  /** 1-based, as Playwright and Vitest write it. */
  index: number;
  total: number;
}

/** At most this many runs in one suite: each run holds its result in memory until the combined report is written. */
export const MAX_SUITE_RUNS = 100_000;
/** At most this many seeds in one `--seeds` list. */
export const MAX_SEEDS = 10_000;

export class SuitePlanError extends Error {}

/** Every job of the suite: scenes sorted by name then file, each scene's architectures, then seeds ascending. */
export function planSuite(scenes: readonly SuiteScene[], seeds: readonly number[] | undefined): SuiteJob[] {
  const ordered = [...scenes].sort((a, b) => compare(a.scenario, b.scenario) || compare(a.file, b.file));
  const jobs: SuiteJob[] = [];
  for (const scene of ordered) {
    for (const architecture of ARCHITECTURES.filter((a) => scene.architectures.includes(a))) {
      for (const seed of seeds ?? [scene.seed]) {
        if (jobs.length >= MAX_SUITE_RUNS) throw new SuitePlanError(`the suite has more than ${MAX_SUITE_RUNS} runs; split it into shards or fewer seeds`);
        jobs.push({ index: jobs.length, file: scene.file, scenario: scene.scenario, architecture, seed });
      }
    }
  }
  return jobs;
}

/**
 * The jobs of shard i of n: every n-th job starting at the i-th, so shards stay balanced when the scenes differ in
 * cost (consecutive jobs are the same scene under other seeds or architectures).
 */
export function shardOf(jobs: readonly SuiteJob[], shard: Shard | undefined): SuiteJob[] {
  if (shard === undefined) return [...jobs];
  return jobs.filter((job) => job.index % shard.total === shard.index - 1);
}

/** `--seeds 1..10`, `--seeds 3,5,8`, `--seeds 1..3,10`: whole numbers (safe integers ≥ 0), deduplicated, ascending. */
export function parseSeeds(text: string): number[] {
  const seeds = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    const single = /^\s*(\d+)\s*$/.exec(part);
    if (range) {
      const [from, to] = [seedNumber(range[1]!, text), seedNumber(range[2]!, text)];
      if (to < from) throw new SuitePlanError(`--seeds: the range ${from}..${to} runs backwards`);
      if (to - from + 1 > MAX_SEEDS || seeds.size + (to - from + 1) > MAX_SEEDS) throw new SuitePlanError(`--seeds: at most ${MAX_SEEDS} seeds`);
      for (let s = from; s <= to; s++) seeds.add(s);
    } else if (single) {
      seeds.add(seedNumber(single[1]!, text));
      if (seeds.size > MAX_SEEDS) throw new SuitePlanError(`--seeds: at most ${MAX_SEEDS} seeds`);
    } else {
      throw new SuitePlanError(`--seeds takes whole numbers and ranges such as 1..10 or 1,4,9, got "${text}"`);
    }
  }
  return [...seeds].sort((a, b) => a - b);
}

/** `--shard 2/4`: the second of four slices. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const total = match ? Number(match[2]) : NaN;
  if (!match || !(total >= 1) || !(index >= 1) || index > total || total > MAX_SUITE_RUNS) {
    throw new SuitePlanError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${text}"`);
  }
  return { index, total };
}

function seedNumber(digits: string, whole: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw new SuitePlanError(`--seeds: ${digits} is not a safe integer (in "${whole}")`);
  return n;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
