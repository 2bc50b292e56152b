// Recordings: every run, in the app or headless, as the engine recorded it. Open one and the map, the flow view,
// the device screens and the timeline show the recorded run; the scrubber moves it to any time and plays it at
// 0.1× … max; Diff compares the open run with another, as `twinbench diff` does. The engine does the work.
import { useEffect, useState } from 'react';
import type { RecordedRunSummary } from '../../protocol';
import { Panel } from '../app/Panel';
import { useAppState, useModel } from '../app/ModelContext';

export function RecordingsPanel() {
  const model = useModel();
  const recordings = useAppState((s) => s.recordings);
  const replay = useAppState((s) => s.session?.replay);
  const runs = recordings?.runs ?? [];
  return (
    <Panel title="Recordings" testId="recordings-panel" tools={<button type="button" data-testid="recordings-refresh" onClick={() => void model.refreshRuns()}>Refresh</button>}>
      {replay !== undefined && <ReplayControls runId={replay.runId} runs={runs} />}
      {runs.length === 0 && <p className="muted small">No recorded runs yet: every run you play is recorded{recordings?.file ? ` into ${recordings.file}` : ''}.</p>}
      {runs.length > 0 && (
        <table className="runs-table small" data-testid="runs-table">
          <thead>
            <tr><th className="run-open-col"><span className="visually-hidden">open</span></th><th className="run-id-col">#</th><th>run</th><th className="run-status-col">status</th></tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="run-row" data-run-id={run.id} data-status={run.status} data-architecture={run.architecture} data-label={run.label ?? ''}
                className={replay?.runId === run.id ? 'selected' : ''}>
                {/* Open comes first: it is the one action, and must not be the column a narrow panel cuts off (issue 18). */}
                <td><button type="button" data-testid={`run-open-${run.id}`} onClick={() => void model.openRun(run.id)} disabled={run.status === 'running'}
                  aria-label={`Open run ${run.id}`}>Open</button></td>
                <td>{run.id}</td>
                <td className="run-what" title={`${run.label ? `${run.label} · ` : ''}${run.scenario} · ${run.architecture} · seed ${run.seed} · started ${run.startedAt} · ${run.events} events · ${run.messages} messages`}>
                  <div className="run-scenario">{run.scenario}</div>
                  {run.label !== undefined && <div className="run-label small" data-testid="run-label">{run.label}</div>}
                  <div className="muted">{run.architecture} · seed {run.seed} · {new Date(run.startedAt).toLocaleTimeString()} · {run.messages} msgs</div>
                </td>
                <td className={`run-status-${run.status}`}>{run.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recordings?.file && <p className="muted small" title="The recording database">{recordings.file}</p>}
    </Panel>
  );
}

/** The open replay's diff against another run (its scrubber and play/pause are the bar at the top, ReplayBar). */
function ReplayControls({ runId, runs }: { runId: number; runs: RecordedRunSummary[] }) {
  const model = useModel();
  const diff = useAppState((s) => s.diff);
  const others = runs.filter((r) => r.id !== runId && r.status !== 'running');
  const [other, setOther] = useState<number | ''>('');
  const [tolerance, setTolerance] = useState('0');
  const toleranceMs = Number(tolerance);
  const toleranceValid = tolerance.trim() !== '' && Number.isFinite(toleranceMs) && toleranceMs >= 0;
  useEffect(() => setOther((o) => (o !== '' && others.some((r) => r.id === o) ? o : (others[0]?.id ?? ''))), [others]);
  return (
    <div className="replay" data-testid="replay-diff">
      <div className="replay-title">Run {runId} is open</div>
      <div className="toolbar">
        <label htmlFor="diff-with" className="small">Diff with run</label>
        <select id="diff-with" data-testid="diff-with" value={String(other)} onChange={(e) => setOther(Number(e.target.value))}>
          {others.map((r) => <option key={r.id} value={r.id}>{r.id} · {r.scenario} · {r.architecture} · seed {r.seed}{r.label ? ` · ${r.label}` : ''}</option>)}
        </select>
        <label htmlFor="diff-tolerance" className="small" title="Latency shifts up to this many ms are not differences">± ms</label>
        <input id="diff-tolerance" data-testid="diff-tolerance" className="diff-tolerance" type="number" min={0} step="any" value={tolerance}
          aria-invalid={!toleranceValid} onChange={(e) => setTolerance(e.target.value)} />
        <button type="button" data-testid="diff-run" disabled={other === '' || !toleranceValid} onClick={() => other !== '' && void model.diffRuns(runId, other, toleranceMs)}>Diff</button>
      </div>
      {diff !== null && diff.a === runId && (
        <div className={`diff ${diff.equivalent ? 'passed' : 'failed'}`} data-testid="diff-result" data-equivalent={String(diff.equivalent)}>
          <b data-testid="diff-verdict">{diff.equivalent ? `Equivalent to run ${diff.b}` : `Different from run ${diff.b}: ${diff.total} difference${diff.total === 1 ? '' : 's'}`}</b>
          <pre className="diff-report" data-testid="diff-report" tabIndex={0} aria-label="Diff report">{diff.report}</pre>
        </div>
      )}
    </div>
  );
}
