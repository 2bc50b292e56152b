// One topic of the tree: its last value, its history (newest first), the diff of a message's payload against the
// one before it on the same topic, and a chart of any numeric field over the run.
import { useMemo, useState } from 'react';
import type { Envelope } from '../../../protocol';
import { deliveredPayload } from '../../../twins/bus/envelope';
import { useAppState, useModel } from '../../app/ModelContext';
import { clockAt } from '../../flow/clock';
import { LineChart } from '../charts/LineChart';
import { diffPayloads, numberAt, numericPaths } from './payload-diff';
import { topicHistory, type TopicNode } from './topic-index';

const HISTORY_SHOWN = 40;

export function TopicDetail({ topic, version }: { topic: TopicNode; version: number }) {
  const model = useModel();
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const history = useMemo(() => topicHistory(topic, model.messages), [topic, model.messages, version, topic.count]);
  const [picked, setPicked] = useState<string | null>(null);
  const [field, setField] = useState('');
  const last = history.at(-1);
  const focusIndex = picked === null ? history.length - 1 : history.findIndex((m) => m.id === picked);
  const focus = history[focusIndex];
  const previous = focusIndex > 0 ? history[focusIndex - 1] : undefined;
  const fields = useMemo(() => [...new Set(history.flatMap((m) => numericPaths(deliveredPayload(m))))], [history]);
  const plotted = fields.includes(field) ? field : (fields[0] ?? '');
  const points = useMemo(
    () => history.flatMap((m) => {
      const v = numberAt(deliveredPayload(m), plotted);
      return v === undefined ? [] : [[m.completedAt ?? m.createdAt, v] as [number, number]];
    }),
    [history, plotted],
  );
  if (last === undefined) return <p className="muted small pad">The messages of {topic.path} have left the log; {topic.total} were sent.</p>;
  return (
    <div className="pad" data-testid="topic-detail">
      <h3>{topic.path}</h3>
      <p className="small"><b data-testid="topic-count">{topic.total}</b> message(s){topic.count !== topic.total && `, ${topic.count} on this topic itself`} · last at {clockAt(last.createdAt, start)}</p>
      <h4>Last value</h4>
      <pre className="payload" data-testid="topic-last-value">{JSON.stringify(deliveredPayload(last), null, 2)}</pre>
      <h4>History</h4>
      <ol className="topic-history" data-testid="topic-history" reversed>
        {history.slice(-HISTORY_SHOWN).reverse().map((m) => (
          <li key={m.id}>
            <button type="button" aria-pressed={m.id === focus?.id} className={m.id === focus?.id ? 'selected' : ''} onClick={() => setPicked(m.id)}>
              {clockAt(m.createdAt, start)} · {m.kind} · <span className={m.status === 'failed' ? 'failed' : ''}>{m.status}</span> · {m.source} → {m.destination}
            </button>
          </li>
        ))}
      </ol>
      <h4>Diff {focus && previous ? `of ${clockAt(focus.createdAt, start)} against the message before` : ''}</h4>
      {focus && previous ? <PayloadDiff before={previous} after={focus} /> : <p className="muted small">The first message of this topic: nothing to compare with.</p>}
      {fields.length > 0 && (
        <>
          <h4>Chart</h4>
          <label className="small">Field <select data-testid="topic-field" value={plotted} onChange={(e) => setField(e.target.value)}>{fields.map((f) => <option key={f} value={f}>{f}</option>)}</select></label>
          <LineChart
            title={`${plotted} on ${topic.name}`} testId="topic-chart" yMin={Math.min(0, ...points.map((p) => p[1]))}
            series={[{ id: plotted, label: plotted, color: 'var(--accent)', points, style: points.length > 1 ? 'line' : 'dots' }]}
            xFormat={(t) => clockAt(t, start).slice(0, 8)} yFormat={(v) => String(v)}
          />
        </>
      )}
    </div>
  );
}

function PayloadDiff({ before, after }: { before: Envelope; after: Envelope }) {
  const changes = diffPayloads(deliveredPayload(before), deliveredPayload(after));
  if (changes.length === 0) return <p className="small muted" data-testid="topic-diff">Same payload as the message before.</p>;
  const show = (v: unknown): string => JSON.stringify(v) ?? 'undefined';
  return (
    <ul className="topic-diff small" data-testid="topic-diff">
      {changes.map((c) => (
        <li key={`${c.kind}${c.path}`} className={`diff-${c.kind}`} data-testid="topic-diff-line">
          <code>{c.path}</code>{' '}
          {c.kind === 'added' && <>added <code>{show(c.after)}</code></>}
          {c.kind === 'removed' && <>removed (was <code>{show(c.before)}</code>)</>}
          {c.kind === 'changed' && <><code>{show(c.before)}</code> → <code>{show(c.after)}</code></>}
        </li>
      ))}
    </ul>
  );
}
