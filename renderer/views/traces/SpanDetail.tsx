// One span of the waterfall in detail: the message or hop, its W3C span ids, times, attempts, status and error.
import { clockAt } from '../../flow/clock';
import { formatMs } from '../../flow/parties';
import type { SpanRow } from './trace-layout';

export function SpanDetail({ row, startOfDay }: { row: SpanRow; startOfDay: number }) {
  const m = row.envelope;
  const h = row.hop;
  return (
    <div className="span-detail" data-testid="span-detail">
      <h3>{h ? 'Hop' : 'Message'} {row.label}</h3>
      <dl className="facts">
        <dt>trace</dt><dd><code>{m.traceId}</code></dd>
        <dt>span</dt><dd><code>{h ? h.spanId : m.spanId}</code> (parent <code>{h ? h.parentSpanId : (m.parentSpanId ?? '—')}</code>)</dd>
        <dt>message</dt><dd>{m.id} · {m.kind} · {m.source} → {m.destination}</dd>
        <dt>sent</dt><dd>{clockAt(h ? h.sentAt : m.createdAt, startOfDay)}</dd>
        <dt>duration</dt><dd>{row.duration === undefined ? row.status : formatMs(row.duration)}</dd>
        <dt>status</dt><dd className={row.status === 'failed' || row.status === 'lost' ? 'failed' : ''}>{row.status}{h?.measured ? ' (measured on a real wire)' : ''}</dd>
        {h && <><dt>link</dt><dd>{h.link}{h.format ? ` · ${h.format}` : ''} · {h.attempts} attempt(s)</dd></>}
        {(h?.error ?? m.error) && <><dt>error</dt><dd className="failed">{h?.error ?? m.error}</dd></>}
      </dl>
    </div>
  );
}
