// The trace waterfall (issue 18 §6), like Jaeger's: the spans of one trace per message and per hop on a shared time
// axis, a span's detail on click, and a second trace to compare against hop by hop. Opens on the trace of the
// message selected in the message flow, else the newest.
import { useMemo, useState } from 'react';
import { Panel } from '../../app/Panel';
import { useAppState, useModel } from '../../app/ModelContext';
import { clockAt } from '../../flow/clock';
import { formatMs } from '../../flow/parties';
import { useLogVersion } from '../../state/use-log-version';
import { compareTraces, layoutTrace, recentTraces, type SpanRow, type TraceLayout } from './trace-layout';
import { SpanDetail } from './SpanDetail';

export function TraceWaterfallPanel() {
  const model = useModel();
  const version = useLogVersion(model.messages, 300);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const selectedMessage = useAppState((s) => s.selectedMessage);
  const traces = useMemo(() => recentTraces(model.messages), [model.messages, version]);
  const [picked, setPicked] = useState('');
  const [other, setOther] = useState('');
  const [span, setSpan] = useState<string | null>(null);
  const fromFlow = selectedMessage === null ? undefined : model.messages.get(selectedMessage)?.traceId;
  const traceA = picked || fromFlow || traces[0]?.traceId || '';
  const a = useMemo(() => (traceA ? layoutTrace(traceA, model.messages.trace(traceA)) : undefined), [traceA, model.messages, version]);
  const b = useMemo(() => (other ? layoutTrace(other, model.messages.trace(other)) : undefined), [other, model.messages, version]);
  const scale = Math.max(1, a?.duration ?? 0, b?.duration ?? 0);
  const options = traces.map((m) => <option key={m.traceId} value={m.traceId}>{clockAt(m.createdAt, start)} {m.topic} ({m.traceId.slice(0, 8)})</option>);
  const detail = [...(a?.rows ?? []), ...(b?.rows ?? [])].find((r) => `${r.envelope.traceId}:${r.key}` === span);
  return (
    <Panel title="Traces" testId="trace-waterfall">
      {traces.length === 0 ? <p className="muted small">No trace yet: play the run, or pick a message in the message flow.</p> : (
        <>
          <div className="toolbar">
            <label className="small">Trace <select data-testid="trace-select" value={traceA} onChange={(e) => setPicked(e.target.value)}>
              {!traces.some((m) => m.traceId === traceA) && traceA && <option value={traceA}>{traceA.slice(0, 8)} (selected message)</option>}
              {options}
            </select></label>
            <label className="small">compare with <select data-testid="trace-compare" value={other} onChange={(e) => setOther(e.target.value)}>
              <option value="">— none —</option>
              {options}
            </select></label>
          </div>
          {a && <Waterfall layout={a} scale={scale} label="A" selected={span} onSelect={setSpan} startOfDay={start} />}
          {b && <Waterfall layout={b} scale={scale} label="B" selected={span} onSelect={setSpan} startOfDay={start} />}
          {a && b && <Comparison a={a} b={b} />}
          {detail && <SpanDetail row={detail} startOfDay={start} />}
        </>
      )}
    </Panel>
  );
}

function Waterfall({ layout, scale, label, selected, onSelect, startOfDay }: {
  layout: TraceLayout; scale: number; label: string; selected: string | null; onSelect: (key: string) => void; startOfDay: number;
}) {
  const pct = (ms: number): string => `${((ms / scale) * 100).toFixed(3)}%`;
  return (
    <div className="waterfall" data-testid="waterfall" data-trace={layout.traceId}>
      <p className="small"><b>{label}</b> trace <code>{layout.traceId.slice(0, 16)}</code> · starts {clockAt(layout.start, startOfDay)} · <b data-testid="trace-duration">{formatMs(layout.duration)}</b> · {layout.rows.filter((r) => r.depth === 0).length} message(s)</p>
      <ul className="spans">
        {layout.rows.map((row) => {
          const key = `${layout.traceId}:${row.key}`;
          return (
            <li key={row.key} className={`span depth-${row.depth}`}>
              <button type="button" className={selected === key ? 'span-row selected' : 'span-row'} data-testid="span" data-depth={row.depth} data-status={row.status} aria-pressed={selected === key} onClick={() => onSelect(key)}
                title={`starts +${formatMs(row.start)} into the trace`}>
                <span className="span-label">{row.label}</span>
                <span className="span-track" aria-hidden="true">
                  <span className={`span-bar status-${row.status}`} style={{ left: pct(row.start), width: row.duration === undefined ? '2px' : `max(2px, ${pct(row.duration)})` }} />
                </span>
                <span className="span-ms">{row.duration === undefined ? row.status : formatMs(row.duration)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Comparison({ a, b }: { a: TraceLayout; b: TraceLayout }) {
  const rows = compareTraces(a, b);
  return (
    <table className="compare-table" data-testid="trace-comparison">
      <caption className="small">A against B, hop by hop: total {formatMs(a.duration)} against {formatMs(b.duration)} ({b.duration >= a.duration ? '+' : '−'}{formatMs(Math.abs(b.duration - a.duration))})</caption>
      <thead><tr><th scope="col">hop</th><th scope="col">A</th><th scope="col">B</th><th scope="col">B − A</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.hop}>
            <th scope="row">{r.hop}</th><td>{r.a === undefined ? '—' : formatMs(r.a)}</td><td>{r.b === undefined ? '—' : formatMs(r.b)}</td>
            <td className={r.delta !== undefined && r.delta > 0 ? 'warn' : ''}>{r.delta === undefined ? '—' : `${r.delta >= 0 ? '+' : '−'}${formatMs(Math.abs(r.delta))}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { SpanRow };
