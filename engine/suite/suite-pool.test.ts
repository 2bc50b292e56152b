import { describe, expect, it } from 'vitest';
import { workerArgs } from './suite-pool';

describe('worker process flags', () => {
  const SHARED = ['--single-threaded', '--no-turbo-inlining'];

  it('a lone worker keeps V8 helper threads; several run single-threaded, one per core, with cheaper compiles', () => {
    expect(workerArgs(['--max-semi-space-size=64'], 1)).toEqual(['--max-semi-space-size=64']);
    expect(workerArgs(['--max-semi-space-size=64'], 2)).toEqual(['--max-semi-space-size=64', ...SHARED]);
    expect(workerArgs([], 8)).toEqual(SHARED);
  });

  it('can be told otherwise either way (the bench checks that one worker is fastest with its helpers)', () => {
    expect(workerArgs([], 1, true)).toEqual(SHARED);
    expect(workerArgs([], 2, false)).toEqual([]);
  });

  it('does not change the entry it was given', () => {
    const base = ['--import', 'tsx'];
    workerArgs(base, 2);
    expect(base).toEqual(['--import', 'tsx']);
  });
});
