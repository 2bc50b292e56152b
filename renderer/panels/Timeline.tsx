// The run's timeline: a bar from 0 to the scenario's end with the playhead, each fired step and each settled
// verdict placed at its virtual time, then the steps and expectations as lists. The final RunResult, once it
// arrives, is the authority for every expectation; before that, verdicts show as the engine settles them.
// A snapshot arrives ~10 times a second and moves only the playhead: the steps (a thousand in the UI benchmark's
// city) and their marks re-render only when a step fires, so each snapshot reconciles a few elements, not thousands.
import { memo } from 'react';
import { clockAt } from '../flow/clock';
import { useAppState } from '../app/ModelContext';
import type { ExpectationOutcome, SessionInfo, Snapshot } from '../../protocol';

type Status = 'pending' | 'passed' | 'failed';
type FiredSteps = Snapshot['firedSteps'];

const NONE_FIRED: FiredSteps = [];

/** Each snapshot carries a fresh copy of the fired steps: equal when the same steps fired at the same times. */
export function sameFiredSteps(a: FiredSteps, b: FiredSteps): boolean {
  return a.length === b.length && a.every((f, i) => f.id === b[i]!.id && f.t === b[i]!.t);
}

export function Timeline() {
  const session = useAppState((s) => s.session);
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  const fired = useAppState((s) => s.snapshot?.firedSteps ?? NONE_FIRED, sameFiredSteps);
  const live = useAppState((s) => s.liveVerdicts);
  const final = useAppState((s) => s.final);
  if (session === null) return null;
  const clock = (ms: number): string => clockAt(ms, session.startTimeOfDayMs);

  const end = Math.max(1, session.endTime);
  const at = (time: number): string => placeAt(time, end);
  const liveById = new Map(live.map((v) => [v.outcome.id, v]));
  const finalById = new Map<string, ExpectationOutcome>(final?.result.expectations.map((e) => [e.id, e]) ?? []);
  const outcomeOf = (id: string): { status: Status; detail?: string; t?: number } => {
    const f = finalById.get(id);
    if (f) return { status: f.passed ? 'passed' : 'failed', detail: f.detail, ...(liveById.has(id) ? { t: liveById.get(id)!.t } : {}) };
    const l = liveById.get(id);
    return l ? { status: l.outcome.passed ? 'passed' : 'failed', detail: l.outcome.detail, t: l.t } : { status: 'pending' };
  };

  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-bar" data-testid="timeline-bar" title={`${clock(0)} – ${clock(end)}`}>
        <StepMarks fired={fired} end={end} startMs={session.startTimeOfDayMs} />
        {live.map((v) => (
          <span key={`v-${v.outcome.id}`} className={`tl-verdict ${v.outcome.passed ? 'passed' : 'failed'}`} style={{ left: at(v.t) }} title={`${v.outcome.id}: ${v.outcome.detail}`} />
        ))}
        {/* Moved by a transform of a bar-wide layer (its line is its left edge), not by `left`: a snapshot then
            moves a composited layer instead of laying out and repainting a bar of a thousand step marks. */}
        <span className="tl-playhead" data-testid="timeline-playhead" style={{ transform: `translateX(${at(t)})` }} />
      </div>
      <div className="timeline-time muted small" data-testid="timeline-time">{clock(t)} / {clock(end)}</div>
      {final && (
        <div
          className={`final-verdict ${final.result.noVerdict ? 'no-verdict' : final.result.passed ? 'passed' : 'failed'}`}
          data-testid="final-verdict" role="status" data-passed={String(final.result.passed)} data-no-verdict={String(final.result.noVerdict === true)}
        >
          {/* A declared demo (verdict: none) checks nothing, so it is never shown as a PASS. */}
          {final.result.noVerdict ? 'NO VERDICT · a demo that checks nothing' : `${final.result.passed ? 'PASS' : 'FAIL'} · ${final.result.expectations.filter((e) => e.passed).length}/${final.result.expectations.length} expectations`}
          {final.result.abortedBy && <div className="small">{final.result.abortedBy}</div>}
        </div>
      )}
      <h3>Steps</h3>
      <StepList steps={session.steps} fired={fired} startMs={session.startTimeOfDayMs} />
      <h3>Expectations</h3>
      <ul className="expectation-list">
        {session.expectations.map((e) => {
          const o = outcomeOf(e.id);
          return (
            <li key={e.id} data-testid={`expectation-${e.id}`} data-status={o.status} className={o.status}>
              <span className="badge">{o.status === 'passed' ? '✓' : o.status === 'failed' ? '✗' : '…'}</span> {e.id} <span className="muted small">({e.kind})</span>
              {o.detail && <div className="small muted">{o.detail}</div>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const placeAt = (time: number, end: number): string => `${Math.min(100, (time / end) * 100).toFixed(3)}%`;

const StepMarks = memo(function StepMarks({ fired, end, startMs }: { fired: FiredSteps; end: number; startMs: number }) {
  return fired.map(({ id, t }) => <span key={`s-${id}`} className="tl-step" style={{ left: placeAt(t, end) }} title={`step ${id} at ${clockAt(t, startMs)}`} />);
});

const StepList = memo(function StepList({ steps, fired, startMs }: { steps: SessionInfo['steps']; fired: FiredSteps; startMs: number }) {
  const firedById = new Map(fired.map((f) => [f.id, f.t]));
  return (
    <ol className="step-list">
      {steps.map((step, i) => {
        const ft = firedById.get(step.id);
        return (
          <li key={step.id} data-testid={`step-${step.id}`} data-fired={String(ft !== undefined)} className={ft !== undefined ? 'fired' : ''}>
            {/* The number is text, not the list's marker: an item skipped off-screen (content-visibility) scopes its
                counter, and the markers would all read "1.". */}
            <span className="step-n">{i + 1}.</span> <span className="step-id">{step.id}</span> <span className="muted small">{step.trigger}</span>
            {ft !== undefined && <span className="small"> · fired {clockAt(ft, startMs)}</span>}
            {step.description && <div className="muted small">{step.description}</div>}
          </li>
        );
      })}
    </ol>
  );
});
