// What a recording keeps of a finished run's RunResult — one definition for the CLI and the app, so a run
// recorded from either reads back the same.
import type { Json } from '../../twins/kernel/types';
import type { RunResult } from '../runner/result';
import type { RunResult as RecordedOutcome } from './recorder';

export function recordedOutcomeOf(result: RunResult): RecordedOutcome {
  return {
    status: result.passed ? 'passed' : 'failed',
    eventHash: result.eventHash,
    // A declared demo's `noVerdict` travels with the verdict, so a run read back from a recording is no PASS either.
    verdict: { passed: result.passed, abortedBy: result.abortedBy ?? null, ...(result.noVerdict ? { noVerdict: true } : {}) },
    // The raw samples are derivable from the messages table; keeping them would double a large run's metrics.
    metrics: { ...result.metrics, e2eSamples: [] } as unknown as Json,
    expectations: result.expectations.map((e) => ({ id: e.id, passed: e.passed, detail: e.detail })),
  };
}
