// Message flow: every message of the run with filters (party, topic, kind, failed only), the sequence of the
// selected trace across the parties' lanes, and the selected message's hops, latencies and payload.
import { memo, useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Envelope } from '../../protocol';
import { Panel } from '../app/Panel';
import { useAppState, useModel } from '../app/ModelContext';
import { FilteredRows } from '../flow/filtered-rows';
import { FlowStrip } from '../flow/FlowStrip';
import { MessageInspector } from '../flow/MessageInspector';
import { MessageTable } from '../flow/MessageTable';
import { NO_FILTER, PARTIES, type MessageFilter, type Party } from '../flow/parties';
import { SequenceLanes } from '../flow/SequenceLanes';
import { SplitPane } from '../app/SplitPane';
import { subscribeThrottled } from '../flow/throttled-notify';

const KINDS: Envelope['kind'][] = ['command', 'response', 'event', 'query'];
const LATEST_IN_SEQUENCE = 8;

/** At most this often the table and the lanes follow new messages (see flow/throttled-notify.ts). */
const FOLLOW_INTERVAL_MS = 100;

export function MessageFlowPanel() {
  const model = useModel();
  const log = model.messages;
  // At most one re-render per FOLLOW_INTERVAL_MS, on an animation frame, however many batches arrived in it.
  const version = useSyncExternalStore(useCallback((notify: () => void) => subscribeThrottled(log, notify, FOLLOW_INTERVAL_MS), [log]), log.getVersion);
  const selectedId = useAppState((s) => s.selectedMessage);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const [filter, setFilter] = useState<MessageFilter>(NO_FILTER);
  const filtered = useMemo(() => new FilteredRows(log), [log]);

  // `version` moves whenever the log changes; the log object itself stays the same. Nothing below walks the
  // whole log per batch: the row list grows incrementally and the table reads only the rows in view.
  const rows = useMemo(() => filtered.rows(filter), [filtered, filter, version]);
  const selected = selectedId === null ? undefined : log.get(selectedId);
  // The log changes held messages in place: the inspector re-renders when the selected one's revision moves.
  const selectedSeq = selectedId === null ? undefined : log.seqOfId(selectedId);
  const selectedRevision = selectedSeq === undefined ? -1 : log.revision(selectedSeq);
  // The previous array when none of its messages changed (same messages, same revisions), so the (memoised) lanes
  // skip frames that do not concern them.
  const lastSequence = useRef<readonly Envelope[]>([]);
  const lastRevisions = useRef<readonly number[]>([]);
  const sequence = useMemo(() => {
    let next: Envelope[];
    if (selected === undefined) {
      next = [];
      for (let i = Math.max(0, rows.length - LATEST_IN_SEQUENCE); i < rows.length; i++) {
        const m = rows.at(i);
        if (m !== undefined) next.push(m);
      }
    } else {
      next = log.trace(selected.traceId).sort((a, b) => a.createdAt - b.createdAt);
    }
    const revisions = next.map((m) => { const seq = log.seqOfId(m.id); return seq === undefined ? -1 : log.revision(seq); });
    const last = lastSequence.current;
    const lastRev = lastRevisions.current;
    lastRevisions.current = revisions;
    if (next.length === last.length && next.every((m, i) => m === last[i] && revisions[i] === lastRev[i])) return last;
    return (lastSequence.current = next);
  }, [log, rows, selected, selectedRevision]);
  const failed = log.failed;
  const patch = useCallback((p: Partial<MessageFilter>): void => setFilter((f) => ({ ...f, ...p })), []);
  const select = useCallback((id: string) => model.selectMessage(id), [model]);

  const tools = (
    <div className="filters">
      <FilterControls filter={filter} patch={patch} />
      {/* Contained, so the count changing every frame repaints only itself, not the page around it. */}
      <span className="muted small" data-testid="message-count" style={{ contain: 'content' }}>{rows.length} / {log.total} messages{failed > 0 ? ` · ${failed} failed` : ''}</span>
    </div>
  );

  return (
    <Panel title="Message flow" testId="message-flow" tools={tools} flush>
      <SplitPane direction="row" initial={0.55}>
        <MessageTable rows={rows} selected={selected} start={start} onSelect={select} />
        <div className="flow-detail">
          <FlowStrip />
          <MessageInspector message={selected} revision={selectedRevision} start={start} />
          <SequenceLanes messages={sequence} selectedId={selectedId} onSelect={select} />
        </div>
      </SplitPane>
    </Panel>
  );
}

/** The filter inputs; memoised, as they change only when the user edits them, not each frame messages arrive. */
const FilterControls = memo(function FilterControls({ filter, patch }: { filter: MessageFilter; patch: (p: Partial<MessageFilter>) => void }) {
  return (
    <>
      <select aria-label="Party" data-testid="filter-party" value={filter.party} onChange={(e) => patch({ party: e.target.value as Party | '' })}>
        <option value="">all parties</option>
        {PARTIES.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
      <input aria-label="Topic" data-testid="filter-topic" placeholder="topic" value={filter.topic} onChange={(e) => patch({ topic: e.target.value })} />
      <select aria-label="Kind" data-testid="filter-kind" value={filter.kind} onChange={(e) => patch({ kind: e.target.value as Envelope['kind'] | '' })}>
        <option value="">all kinds</option>
        {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      <label className="check"><input type="checkbox" data-testid="filter-failed" checked={filter.failedOnly} onChange={(e) => patch({ failedOnly: e.target.checked })} />failed only</label>
    </>
  );
});
