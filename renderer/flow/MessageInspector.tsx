// The selected message: its end-to-end latency, every hop with its link, attempts and latency, and the payload
// as sent and as each translating gateway left it (vehicle locations coarsened unless the user opts in).
import { memo } from 'react';
import type { Envelope } from '../../protocol';
import { clockAt } from './clock';
import { endToEndMs, formatMs, hopLatencyMs } from './parties';
import { PreciseLocationsToggle } from './PreciseLocationsToggle';

/**
 * Memoised: the flow panel re-renders every frame while messages arrive; the selected message rarely changes. The
 * log changes a message in place, so `revision` (MessageLog.revision) is what says it changed, not `message`.
 */
export const MessageInspector = memo(function MessageInspector({ message, start }: { message: Envelope | undefined; revision: number; start: number }) {
  if (message === undefined) return <><p className="muted small">Click a message to inspect it; its trace is highlighted.</p><PreciseLocationsToggle /></>;
  const translated = message.hops.filter((h) => h.payload !== undefined);
  return (
    <div className="message-inspector" data-testid="message-inspector">
      <h3 className="inspector-title">{message.kind} <code>{message.topic}</code> <span className={`pill ${message.status}`}>{message.status}</span></h3>
      <dl className="facts">
        <dt>end-to-end</dt><dd data-testid="message-e2e">{formatMs(endToEndMs(message))}</dd>
        <dt>from → to</dt><dd>{message.source} → {message.destination}</dd>
        <dt>sent at</dt><dd data-testid="message-sent-at">{clockAt(message.createdAt, start)}</dd>
        <dt>architecture</dt><dd>{message.architecture}</dd>
        <dt>id / trace</dt><dd><code>{message.id}</code> <code className="small">{message.traceId}</code></dd>
        {message.error && (<><dt>error</dt><dd className="failed">{message.failure}: {message.error}</dd></>)}
      </dl>
      <table className="hops">
        <thead><tr><th>#</th><th>hop</th><th>link</th><th className="num">latency</th></tr></thead>
        <tbody>
          {message.hops.map((h) => (
            <tr key={h.index} data-testid="hop-row" className={h.status}>
              <td>{h.index + 1}</td>
              <td>{h.from} → {h.to}{h.format ? <span className="muted"> · {h.format}</span> : null}</td>
              <td className="hop-link" data-testid="hop-link">{h.link}{h.measured ? ' (measured)' : ''}{h.attempts > 1 ? ` ×${h.attempts}` : ''}</td>
              <td className="num">{h.status === 'delivered' || h.status === 'in-flight' ? formatMs(hopLatencyMs(h)) : h.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Payload</h4>
      <PreciseLocationsToggle />
      <pre className="payload" data-testid="message-payload" tabIndex={0} aria-label="Payload">{JSON.stringify(message.payload, null, 2)}</pre>
      {translated.map((h) => (
        <div key={h.index}>
          <h4>After hop {h.index + 1} ({h.format})</h4>
          <pre className="payload" tabIndex={0} aria-label={`Payload after hop ${h.index + 1}`}>{JSON.stringify(h.payload, null, 2)}</pre>
        </div>
      ))}
    </div>
  );
});
