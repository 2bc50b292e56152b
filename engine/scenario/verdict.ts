// Nothing checked is never a PASS. A scenario that expects nothing and fails on nothing would pass whatever
// happened, so the validator refuses it — unless it says outright that it is a demo without a verdict
// (`verdict: none`); then every output says "no verdict" instead of PASS. And a declared demo that does check
// something is refused too: its checks would run and be ignored.
import { pathLabel, type PathProblem } from './issues';

/** The value of `verdict:` that declares a demo without a verdict. */
export const NO_VERDICT = 'none';

const isNonEmptyList = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

export function verdictProblems(document: unknown): PathProblem[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return [];
  const root = document as Record<string, unknown>;
  const checks = isNonEmptyList(root.expect) || isNonEmptyList(root.failWhen);
  const demo = root.verdict === NO_VERDICT;
  if (!checks && !demo) {
    const path = 'expect' in root ? ['expect'] : [];
    const where = path.length > 0 ? `${pathLabel(path)}: ` : '';
    return [{
      path,
      at: 'key',
      message:
        `${where}this scenario checks nothing, so it would pass whatever happened: add an expectation under \`expect:\` ` +
        '(e.g. `- eventually: { event: { type: lock.unlocked } }`) or a `failWhen:` condition, or declare `verdict: none` ' +
        'if it is a demo without a verdict',
    }];
  }
  if (checks && demo) {
    return [{
      path: ['verdict'],
      message: 'verdict: `none` declares a demo that checks nothing, but this scenario has expectations or failWhen conditions: remove `verdict: none` to have them judged',
    }];
  }
  return [];
}
