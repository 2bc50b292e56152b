// Semantic diff of two recorded runs, in one file or two: are they the same run in every way that matters —
// the same messages in the same causal order, the same twin state sequences, the same expectation verdicts,
// the same domain events, latencies within a tolerance? Ids, trace/span ids and wall-clock times are not
// compared; they differ between two faithful runs. This is the regression check: record a baseline, change
// the code, record again, diff.
import { loadRun, type LoadedRun, type RunSource } from './diff-load';
import { compareMessages } from './diff-messages';
import { DifferenceCollector, type DiffOptions, type DiffResult } from './diff-types';

export function diffRuns(a: RunSource, b: RunSource, options: DiffOptions = {}): DiffResult {
  return diffLoadedRuns(loadRun(a), loadRun(b), options);
}

export function diffLoadedRuns(a: LoadedRun, b: LoadedRun, options: DiffOptions = {}): DiffResult {
  const toleranceMs = options.toleranceMs ?? 0;
  if (!(toleranceMs >= 0)) throw new Error(`toleranceMs must be a number >= 0, got ${toleranceMs}`);
  const out = new DifferenceCollector(options.maxDifferences ?? 10_000);
  compareMessages(a.messages, b.messages, toleranceMs, out);
  compareTwinStates(a, b, out);
  compareExpectations(a, b, out);
  compareDomainEvents(a, b, out);
  return {
    equivalent: out.total === 0,
    differences: out.differences,
    counts: out.counts,
    total: out.total,
    truncated: out.truncated,
    a: { label: a.label, run: a.run, messages: a.messages.length },
    b: { label: b.label, run: b.run, messages: b.messages.length },
    toleranceMs,
    warnings: warningsOf(a, b),
  };
}

/** Runs of two different scenes differ in everything; say so first, so the list is not read as a regression. */
function warningsOf(a: LoadedRun, b: LoadedRun): string[] {
  const warnings: string[] = [];
  if (a.run.scenario !== b.run.scenario) {
    warnings.push(`A and B are runs of different scenarios (${a.run.scenario} and ${b.run.scenario}): the differences below compare two different scenes, not a regression`);
  }
  if (a.run.architecture !== b.run.architecture) warnings.push(`A and B ran under different architectures (${a.run.architecture} and ${b.run.architecture}): paths and latencies are expected to differ`);
  return warnings;
}

function compareTwinStates(a: LoadedRun, b: LoadedRun, out: DifferenceCollector): void {
  for (const [twin, statesA] of a.twinStates) {
    const statesB = b.twinStates.get(twin);
    if (statesB === undefined) {
      out.add({ kind: 'twin-removed', subject: twin, detail: `twin ${twin} exists in A only (states ${preview(statesA)})` });
      continue;
    }
    const k = firstMismatch(statesA, statesB);
    if (k < 0) continue;
    const at = (s: string[]): string => (k < s.length ? `'${s[k]}'` : 'nothing more');
    out.add({
      kind: 'twin-states',
      subject: twin,
      detail:
        `state change ${k + 1} differs: ${at(statesA)} in A, ${at(statesB)} in B ` +
        `(A: ${preview(statesA)}; B: ${preview(statesB)})`,
    });
  }
  for (const [twin, statesB] of b.twinStates) {
    if (!a.twinStates.has(twin)) out.add({ kind: 'twin-added', subject: twin, detail: `twin ${twin} exists in B only (states ${preview(statesB)})` });
  }
}

function compareExpectations(a: LoadedRun, b: LoadedRun, out: DifferenceCollector): void {
  const ids = [...new Set([...a.expectations.keys(), ...b.expectations.keys()])].sort();
  for (const id of ids) {
    const x = a.expectations.get(id);
    const y = b.expectations.get(id);
    if (x !== undefined && y !== undefined && x.passed === y.passed) continue;
    const text = (e: typeof x): string => (e === undefined ? 'absent' : e.passed ? 'passed' : `failed${e.detail ? ` (${e.detail})` : ''}`);
    out.add({ kind: 'expectation', subject: id, detail: `expectation ${id}: ${text(x)} in A, ${text(y)} in B` });
  }
}

function compareDomainEvents(a: LoadedRun, b: LoadedRun, out: DifferenceCollector): void {
  const keys = [...new Set([...a.domainEvents.keys(), ...b.domainEvents.keys()])].sort();
  for (const key of keys) {
    const x = a.domainEvents.get(key) ?? 0;
    const y = b.domainEvents.get(key) ?? 0;
    if (x !== y) out.add({ kind: 'event-count', subject: key, detail: `${key} happened ${x} times in A, ${y} in B` });
  }
}

function firstMismatch(x: string[], y: string[]): number {
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return -1;
}

function preview(states: string[]): string {
  const shown = states.length > 8 ? [...states.slice(0, 7), `… ${states.length - 7} more`] : states;
  return shown.join(' → ');
}

export { formatDiffReport } from './diff-report';
export type { Difference, DifferenceKind, DiffOptions, DiffResult } from './diff-types';
export type { RunSource } from './diff-load';
