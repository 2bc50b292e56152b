// Message flow: every message of the run with filters (party, topic, kind, failed only), the sequence of the
// selected trace across the parties' lanes, and the selected message's hops, latencies and payload.
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { Envelope } from '../../protocol';
import { Panel } from '../app/Panel';
import { useAppState, useModel } from '../app/ModelContext';
import { MessageInspector } from '../flow/MessageInspector';
import { MessageTable } from '../flow/MessageTable';
import { NO_FILTER, PARTIES, matchesFilter, type MessageFilter, type Party } from '../flow/parties';
import { SequenceLanes } from '../flow/SequenceLanes';
import { SplitPane } from '../app/SplitPane';

const KINDS: Envelope['kind'][] = ['command', 'response', 'event', 'query'];
const LATEST_IN_SEQUENCE = 8;

export function MessageFlowPanel() {
  const model = useModel();
  const log = model.messages;
  const version = useSyncExternalStore(log.subscribe, log.getVersion);
  const selectedId = useAppState((s) => s.selectedMessage);
  const [filter, setFilter] = useState<MessageFilter>(NO_FILTER);

  // `version` moves whenever the log changes; the log object itself stays the same.
  const all = useMemo(() => (version >= 0 ? log.all() : []), [log, version]);
  const rows = useMemo(() => all.filter((m) => matchesFilter(m, filter)), [all, filter]);
  const selected = selectedId === null ? undefined : log.get(selectedId);
  const sequence = useMemo(() => {
    if (selected === undefined) return rows.slice(-LATEST_IN_SEQUENCE);
    return all.filter((m) => m.traceId === selected.traceId).sort((a, b) => a.createdAt - b.createdAt);
  }, [all, rows, selected]);
  const failed = useMemo(() => all.filter((m) => m.status === 'failed').length, [all]);
  const patch = (p: Partial<MessageFilter>): void => setFilter((f) => ({ ...f, ...p }));

  const tools = (
    <div className="filters">
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
      <span className="muted small" data-testid="message-count">{rows.length} / {log.total} messages{failed > 0 ? ` · ${failed} failed` : ''}</span>
    </div>
  );

  return (
    <Panel title="Message flow" testId="message-flow" tools={tools} flush>
      <SplitPane direction="row" initial={0.55}>
        <MessageTable rows={rows} selected={selected} onSelect={(id) => model.selectMessage(id)} />
        <div className="flow-detail">
          <MessageInspector message={selected} />
          <SequenceLanes messages={sequence} selectedId={selectedId} onSelect={(id) => model.selectMessage(id)} />
        </div>
      </SplitPane>
    </Panel>
  );
}
