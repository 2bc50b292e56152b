// The twin's state chart as a laid-out diagram (issue 18 §6), like the Stately inspector: the selected twin's
// machine laid out by elkjs, the current state lit and the last transition animated, beside the twin's event log.
// The twin is the one selected anywhere (map, inspector, screens); the view follows it.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { TWIN_TRANSITIONS_KEPT, type StateChart } from '../../../protocol';
import { Panel } from '../../app/Panel';
import { useAppState, useModel } from '../../app/ModelContext';
import { clockAt } from '../../flow/clock';
import { useLogVersion } from '../../state/use-log-version';
import { useTwinView } from '../../state/use-twin-view';
import { lastTransition, layoutStateChart, type StateDiagram as Diagram } from './elk-layout';
import { StateDiagram } from './StateDiagram';
import { mergeLog, twinMessages, type TwinLogEntry } from './twin-event-log';

export function StateChartPanel() {
  const model = useModel();
  const twins = useAppState((s) => s.session?.twins ?? []);
  const selected = useAppState((s) => s.selectedTwin);
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const version = useLogVersion(model.messages, 300);
  const [view] = useTwinView(model, selected, t);
  const [diagram, setDiagram] = useState<{ key: string; diagram: Diagram } | { key: string; error: string } | undefined>();
  const [last, setLast] = useState<{ id: string; n: number } | undefined>();
  const before = useRef<{ active: Set<string>; state: string } | undefined>(undefined);
  const session = useAppState((s) => s.session);
  // Every state change is pushed by the engine (a poll would miss those between two polls), for this session's twin.
  const transitionsVersion = useSyncExternalStore(model.twinTransitions.subscribe, model.twinTransitions.getVersion);
  useEffect(() => {
    setLast(undefined);
    before.current = undefined;
    void model.watchTwin(session === null ? null : selected);
  }, [model, selected, session]);

  const chart: StateChart | undefined = view?.chart;
  const chartKey = chart ? `${view!.address}\n${JSON.stringify(chart.root)}` : '';
  useEffect(() => {
    if (!chart) return;
    if (diagram?.key === chartKey) return;
    let live = true;
    layoutStateChart(chart).then(
      (d) => live && setDiagram({ key: chartKey, diagram: d }),
      (err: unknown) => live && setDiagram({ key: chartKey, error: (err as Error).message }),
    );
    return () => void (live = false);
  }, [chartKey]); // the structure, not each poll's new (equal) object

  const active = useMemo(() => new Set(chart?.active ?? []), [chart]);
  useEffect(() => {
    if (!view || !chart) return;
    const prev = before.current;
    before.current = { active, state: view.state };
    if (prev === undefined || prev.state === view.state) return;
    const laid = diagram && 'diagram' in diagram ? diagram.diagram : undefined;
    const edge = laid && lastTransition(laid, prev.active, active);
    if (edge) setLast((l) => ({ id: edge.id, n: (l?.n ?? 0) + 1 }));
  }, [view]);

  const states = useMemo<TwinLogEntry[]>(
    () => model.twinTransitions.list().map((x) => ({ kind: 'state', t: x.t, seq: x.seq, from: x.from, to: x.to })),
    [model, transitionsVersion],
  );
  const dropped = model.twinTransitions.dropped;
  const log = useMemo(() => (selected ? mergeLog(twinMessages(model.messages, selected), states) : []), [selected, model.messages, version, states]);
  return (
    <Panel title="State chart" testId="state-chart-view" flush>
      <div className="statechart">
        <div className="statechart-main">
          <div className="toolbar pad">
            <select aria-label="Twin for the state chart" data-testid="statechart-twin" value={selected ?? ''} onChange={(e) => model.selectTwin(e.target.value || null)}>
              <option value="">choose a twin…</option>
              {twins.map((tw) => <option key={tw.address} value={tw.address}>{tw.address} ({tw.kind})</option>)}
            </select>
            {view && <span className="small">now <b data-testid="statechart-current">{view.state}</b></span>}
          </div>
          {/* Scrollable, so a keyboard user can focus it and scroll with the arrow keys. */}
          <div className="statechart-canvas" tabIndex={0} role="region" aria-label="State diagram">
            {!selected && <p className="muted small pad">Choose a twin, or click one on the map, to see its machine.</p>}
            {view && !chart && <p className="muted small pad">{view.address} has no state machine to draw.</p>}
            {diagram && 'error' in diagram && <p className="failed small pad" role="alert">The diagram could not be laid out: {diagram.error}</p>}
            {chart && diagram && 'diagram' in diagram && diagram.key === chartKey && <StateDiagram diagram={diagram.diagram} active={active} last={last} title={`State chart of ${view!.address}`} />}
          </div>
        </div>
        <div className="statechart-log" tabIndex={0} role="region" aria-labelledby="twin-event-log-title">
          <h3 className="pad" id="twin-event-log-title">Event log</h3>
          <p className="small muted pad" data-testid="twin-log-bound">
            Every state change, as the engine makes it: the newest {TWIN_TRANSITIONS_KEPT} are kept{dropped > 0 ? `; ${dropped} earlier ones are not shown` : ''}.
          </p>
          <ol className="twin-log" data-testid="twin-event-log" aria-labelledby="twin-event-log-title">
            {log.map((e) => (
              <li key={e.kind === 'message' ? e.id : `s${e.seq}`} className={`twin-log-${e.kind}`} data-testid="twin-log-entry" data-kind={e.kind} {...(e.kind === 'state' ? { 'data-seq': e.seq } : {})}>
                <span className="clock small">{clockAt(e.t, start)}</span>{' '}
                {e.kind === 'message'
                  ? <span>{e.direction === 'in' ? '→' : '←'} {e.label} <span className={e.status === 'failed' ? 'failed' : 'muted'}>{e.status}</span></span>
                  : <span><b>{e.from}</b> ⇒ <b className="accent">{e.to}</b></span>}
              </li>
            ))}
            {selected && log.length === 0 && <li className="muted small">Nothing yet.</li>}
          </ol>
        </div>
      </div>
    </Panel>
  );
}
