import { describe, expect, it } from 'vitest';
import { MAX_SEEDS, parseSeeds, parseShard, planSuite, shardOf, SuitePlanError, type SuiteScene } from './suite-plan';

const scenes: SuiteScene[] = [
  { file: 'b.yaml', scenario: 'doorbell', architectures: ['direct', 'cloud-cloud'], seed: 7 },
  { file: 'a.yaml', scenario: 'commute', architectures: ['cloud-cloud'], seed: 3 },
];

describe('planSuite', () => {
  it('orders scenes by name, architectures in their canonical order, then seeds', () => {
    const jobs = planSuite(scenes, [2, 1]);
    expect(jobs.map((j) => `${j.index} ${j.scenario} ${j.architecture} ${j.seed}`)).toEqual([
      '0 commute cloud-cloud 2', '1 commute cloud-cloud 1',
      '2 doorbell cloud-cloud 2', '3 doorbell cloud-cloud 1', '4 doorbell direct 2', '5 doorbell direct 1',
    ]);
  });

  it('uses each scene\'s own seed when the suite names none', () => {
    expect(planSuite(scenes, undefined).map((j) => j.seed)).toEqual([3, 7, 7]);
  });

  it('is the same plan whatever order the files were named in', () => {
    expect(planSuite([...scenes].reverse(), [1, 2])).toEqual(planSuite(scenes, [1, 2]));
  });
});

describe('shardOf', () => {
  const jobs = planSuite(scenes, parseSeeds('1..5'));

  it('splits the plan into disjoint shards that together cover it', () => {
    for (const total of [1, 2, 3, 4, 7, 15, 16]) {
      const parts = Array.from({ length: total }, (_, i) => shardOf(jobs, { index: i + 1, total }));
      const indices = parts.flat().map((j) => j.index).sort((a, b) => a - b);
      expect(indices).toEqual(jobs.map((j) => j.index));
      // balanced: shard sizes differ by at most one
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps every job when there is no shard', () => {
    expect(shardOf(jobs, undefined)).toEqual(jobs);
  });

  it('gives shard 2/2 the odd positions', () => {
    expect(shardOf(jobs, { index: 2, total: 2 }).map((j) => j.index)).toEqual([1, 3, 5, 7, 9, 11, 13]);
  });
});

describe('parseSeeds', () => {
  it('reads ranges, lists and both together', () => {
    expect(parseSeeds('1..3')).toEqual([1, 2, 3]);
    expect(parseSeeds('5,3,5')).toEqual([3, 5]);
    expect(parseSeeds('1..2, 10')).toEqual([1, 2, 10]);
    expect(parseSeeds('0')).toEqual([0]);
  });

  it.each(['', 'abc', '1..', '..3', '3..1', '1e3', '-1', '1.5', '1,,2', '9007199254740993', `0..${MAX_SEEDS}`])('refuses "%s"', (text) => {
    expect(() => parseSeeds(text)).toThrow(SuitePlanError);
  });

  it('accepts exactly the maximum number of seeds', () => {
    expect(parseSeeds(`1..${MAX_SEEDS}`)).toHaveLength(MAX_SEEDS);
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
  });

  it.each(['0/2', '3/2', '1/0', '2', '1/2/3', 'a/b', '-1/2', '1.5/2', ''])('refuses "%s"', (text) => {
    expect(() => parseShard(text)).toThrow(SuitePlanError);
  });
});
