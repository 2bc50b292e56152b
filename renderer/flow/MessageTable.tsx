// The message list, virtualised: only the rows in view are in the DOM and only they are read from the row list,
// so a run with 100,000 messages scrolls and updates as smoothly as one with 20. It follows the newest message
// until the user scrolls up.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Envelope } from '../../protocol';
import type { MessageRows } from './filtered-rows';
import { endToEndMs, formatMs, formatSimTime } from './parties';

const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export function MessageTable({ rows, selected, onSelect }: { rows: MessageRows; selected: Envelope | undefined; onSelect: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const follow = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = box.current;
    if (el !== null && follow.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [rows.length]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible: [index: number, message: Envelope][] = [];
  for (let i = first; i < last; i++) {
    const m = rows.at(i);
    if (m !== undefined) visible.push([i, m]); // undefined: dropped from the log since these rows were taken
  }

  return (
    <div className="message-table" data-testid="message-table" data-count={rows.length} ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        setScrollTop(el.scrollTop);
        follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
      }}>
      <div className="message-head">
        <span>sent</span><span>kind</span><span>topic</span><span>from → to</span><span>e2e</span>
      </div>
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {visible.map(([index, m]) => {
          const inTrace = selected !== undefined && m.traceId === selected.traceId;
          return (
            <div key={m.id} role="row" data-testid="message-row" data-id={m.id} data-topic={m.topic} data-status={m.status}
              className={`message-row ${m.status}${m.id === selected?.id ? ' selected' : inTrace ? ' in-trace' : ''}`}
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }} onClick={() => onSelect(m.id)}>
              <span>{formatSimTime(m.createdAt)}</span>
              <span className={`kind kind-${m.kind}`}>{m.kind}</span>
              <span title={m.topic}>{m.topic}</span>
              <span title={`${m.source} → ${m.destination}`}>{m.source} → {m.destination}</span>
              <span data-testid="message-e2e-cell" title={m.status === 'failed' ? `${m.failure}: ${m.error}` : m.status}>
                {m.status === 'failed' ? `✗ ${m.failure ?? 'failed'}` : formatMs(endToEndMs(m))}
              </span>
            </div>
          );
        })}
      </div>
      {rows.length === 0 && <p className="muted small empty">No messages match.</p>}
    </div>
  );
}
