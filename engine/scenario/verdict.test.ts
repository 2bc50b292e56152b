// Nothing checked is never a PASS: a scenario with no expectation and no failWhen is refused with a hint, unless it
// declares `verdict: none`; a declared demo that does check something is refused too.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const HEAD = 'scenario: demo\nduration: 1m\nentities:\n  homes: [{ id: h1 }]\nsteps:\n  - { at: 1s, do: { doorbell: { home: h1 } } }\n';

describe('a scenario that checks nothing', () => {
  it('is refused, with what to add and how to declare a demo', () => {
    const [issue, ...rest] = issueLines(HEAD);
    expect(rest).toEqual([]);
    expect(issue).toMatch(/^1:1: this scenario checks nothing, so it would pass whatever happened: add an expectation under `expect:`/);
    expect(issue).toMatch(/or a `failWhen:` condition, or declare `verdict: none` if it is a demo without a verdict$/);
  });

  it('is refused at `expect:` when the list is empty', () => {
    expect(issueLines(`${HEAD}expect: []\nfailWhen: []\n`)[0]).toMatch(/^7:1: expect: this scenario checks nothing/);
  });

  it('is accepted when it declares `verdict: none`', () => {
    const { scenario } = loadScenarioText(`${HEAD}verdict: none\n`, 'demo.yaml');
    expect(scenario.verdict).toBe('none');
    expect(scenario.expect).toEqual([]);
  });

  it('one failWhen or one expectation is enough to be judged', () => {
    expect(issueLines(`${HEAD}failWhen:\n  - event: { type: lock.unlocked }\n`)).toEqual([]);
    expect(issueLines(`${HEAD}expect:\n  - eventually: { event: { type: doorbell.pressed } }\n`)).toEqual([]);
  });

  it('`verdict: none` with checks is refused: the checks would be ignored', () => {
    expect(issueLines(`${HEAD}verdict: none\nexpect:\n  - eventually: { event: { type: doorbell.pressed } }\n`)).toEqual([
      expect.stringMatching(/^7:10: verdict: `none` declares a demo that checks nothing, but this scenario has expectations/),
    ]);
  });

  it('any other verdict value is refused', () => {
    expect(issueLines(`${HEAD}verdict: pass\n`)).toContain('7:10: verdict: invalid verdict "pass": the only value is `none` (a demo that checks nothing)');
  });
});
