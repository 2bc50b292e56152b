// The message list, virtualised: only the rows in view are in the DOM and only they are read from the row list,
// so a run with 100,000 messages scrolls and updates as smoothly as one with 20. It follows the newest message
// until the user scrolls up. While following, the rows in view are worked out from the row count alone (not from a
// scroll event), so a frame that brings new messages costs one render; and the row elements are keyed by their
// place in the window, not by message, so when thousands of messages a second roll through, React rewrites the
// text of ~30 rows instead of destroying and creating them.
import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import type { Envelope } from '../../protocol';
import type { MessageRows } from './filtered-rows';
import { activateOnKey } from '../app/keys';
import { clockAt } from './clock';
import { endToEndMs, formatMs } from './parties';

const ROW_HEIGHT = 22;
/** The sticky header above the rows (22 px and a 1 px border). */
const HEAD_HEIGHT = 23;
const OVERSCAN = 8;

type Highlight = '' | ' selected' | ' in-trace';

interface RowProps {
  m: Envelope;
  status: Envelope['status'];
  completedAt: number | undefined;
  failure: Envelope['failure'];
  error: string | undefined;
  index: number;
  start: number;
  highlight: Highlight;
  onSelect: (id: string) => void;
}

/**
 * Memoised on what it shows: the log changes a held message in place (message-log.ts), so `m` may be the same object
 * with a new outcome — the fields a message changes on its way (status, completion, failure) are props of their own.
 */
const MessageRow = memo(function MessageRow({ m, index, start, highlight, onSelect }: RowProps) {
  return (
    // A row is operable by keyboard (Tab to it, Enter or Space to inspect), as by a click (issue 18 E).
    <div role="row" data-testid="message-row" data-id={m.id} data-topic={m.topic} data-status={m.status}
      className={`message-row ${m.status}${highlight}`} tabIndex={0} aria-selected={highlight === ' selected'} aria-rowindex={index + 2}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }} onClick={() => onSelect(m.id)} onKeyDown={(e) => activateOnKey(e, () => onSelect(m.id))}>
      <span role="cell" data-testid="message-sent-cell">{clockAt(m.createdAt, start)}</span>
      <span role="cell" className={`kind kind-${m.kind}`}>{m.kind}</span>
      <span role="cell" title={m.topic}>{m.topic}</span>
      <span role="cell" title={`${m.source} → ${m.destination}`}>{m.source} → {m.destination}</span>
      <span role="cell" data-testid="message-e2e-cell" title={m.status === 'failed' ? `${m.failure}: ${m.error}` : m.status}>
        {m.status === 'failed' ? `✗ ${m.failure ?? 'failed'}` : formatMs(endToEndMs(m))}
      </span>
    </div>
  );
});

export function MessageTable({ rows, selected, start, onSelect }: { rows: MessageRows; selected: Envelope | undefined; start: number; onSelect: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  /** Where the user scrolled to; only read while not following. */
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const [follow, setFollow] = useState(true);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = box.current;
    // The browser clamps this to the bottom.
    if (el !== null && follow) el.scrollTop = el.scrollHeight;
  }, [rows.length, follow, height]);

  const top = follow ? Math.max(0, HEAD_HEIGHT + rows.length * ROW_HEIGHT - height) : scrollTop;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const visible: ReactElement[] = [];
  for (let i = first; i < last; i++) {
    const m = rows.at(i);
    if (m === undefined) continue; // dropped from the log since these rows were taken
    const highlight: Highlight = selected === undefined ? '' : m.id === selected.id ? ' selected' : m.traceId === selected.traceId ? ' in-trace' : '';
    visible.push(<MessageRow key={i - first} m={m} status={m.status} completedAt={m.completedAt} failure={m.failure} error={m.error} index={i} start={start} highlight={highlight} onSelect={onSelect} />);
  }

  return (
    // Strict containment: what changes inside (every frame while messages arrive) is laid out and painted on its own.
    <div className="message-table" data-testid="message-table" data-count={rows.length} ref={box} style={{ contain: 'strict' }}
      role="table" aria-label="Messages, in send order" aria-rowcount={rows.length + 1}
      onScroll={(e) => {
        const el = e.currentTarget;
        const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
        setFollow(atBottom);
        // While following, the rows in view come from the row count; our own scroll to the bottom needs no render.
        if (!atBottom) setScrollTop(el.scrollTop);
      }}>
      <div className="message-head" role="row" aria-rowindex={1}>
        <span role="columnheader">sent</span><span role="columnheader">kind</span><span role="columnheader">topic</span>
        <span role="columnheader">from → to</span><span role="columnheader">e2e</span>
      </div>
      <div role="rowgroup" style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>{visible}</div>
      {rows.length === 0 && <p className="muted small empty">No messages match.</p>}
    </div>
  );
}
