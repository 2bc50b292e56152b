// Live verdicts agree with the final judgement: a budget missed is reported as failed the moment it is missed,
// and what the stream settled live is what the RunResult says at the end.
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../protocol';
import { LiveSession } from './live-session';
import { PublishedEvents } from './test-support/recorder';

let session: LiveSession | undefined;
afterEach(() => session?.dispose());

describe('ExpectationWatch (through the live session)', () => {
  it('fails a missed budget live, before the end, and the final verdict agrees', async () => {
    const out = new PublishedEvents();
    session = new LiveSession(out.publish);
    session.load({ file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', handsOn: false, set: { pipBudgetMs: '1' } });
    session.play('max');
    const final = await out.waitFor('verdict', (v) => v.kind === 'final');
    const live = out.all('verdict').filter((v): v is Extract<Verdict, { kind: 'expectation' }> => v.kind === 'expectation');
    const pip = live.find((v) => v.outcome.id === 'pip-on-car')!;
    expect(pip.outcome.passed).toBe(false);
    expect(pip.t).toBeLessThan(20_000); // settled around the ring at 10 s, not at the 2-minute end
    if (final.kind !== 'final') throw new Error('unreachable');
    for (const v of live) {
      expect(final.result.expectations.find((e) => e.id === v.outcome.id)?.passed, v.outcome.id).toBe(v.outcome.passed);
    }
    expect(final.result.passed).toBe(false);
  });
});
