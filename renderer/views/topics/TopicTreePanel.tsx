// The topic tree (issue 18 §6), like MQTT Explorer's: every device's topics with their message counts and last
// value; choose a topic for its history, the diff between consecutive payloads and a chart of any numeric field.
import { useMemo, useState } from 'react';
import type { Json } from '../../../protocol';
import { Panel } from '../../app/Panel';
import { useAppState, useModel } from '../../app/ModelContext';
import { deliveredPayload } from '../../../twins/bus/envelope';
import { useLogVersion } from '../../state/use-log-version';
import { TopicDetail } from './TopicDetail';
import { TopicIndex, type TopicNode } from './topic-index';

const preview = (value: Json): string => {
  const text = JSON.stringify(value) ?? '';
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
};

export function TopicTreePanel() {
  const model = useModel();
  const version = useLogVersion(model.messages, 300);
  const index = useMemo(() => new TopicIndex(model.messages), [model.messages]);
  useMemo(() => index.update(), [index, version]);
  const loaded = useAppState((s) => s.session !== null);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (path: string): void => setExpanded((set) => {
    const next = new Set(set);
    if (!next.delete(path)) next.add(path);
    return next;
  });
  const topic = selected === null ? undefined : index.get(selected);
  return (
    <Panel title="Topics" testId="topic-tree" flush>
      <div className="topics">
        <div className="topic-list">
          {index.root.children.size === 0 && <p className="muted small pad">{loaded ? 'No message yet: play the run.' : 'Load a scenario to see its topics.'}</p>}
          <ul role="tree" aria-label="Topics by device" className="topic-tree-root">
            {[...index.root.children.values()].map((child) => (
              <TopicRow key={child.path} node={child} depth={0} expanded={expanded} onToggle={toggle} selected={selected} onSelect={setSelected} version={version} />
            ))}
          </ul>
        </div>
        <div className="topic-detail">
          {topic ? <TopicDetail topic={topic} version={version} /> : <p className="muted small pad">Choose a topic to see its history, diffs and chart.</p>}
        </div>
      </div>
    </Panel>
  );
}

function TopicRow({ node, depth, expanded, onToggle, selected, onSelect, version }: {
  node: TopicNode; depth: number; expanded: ReadonlySet<string>; onToggle: (path: string) => void; selected: string | null;
  onSelect: (path: string) => void; version: number;
}) {
  const model = useModel();
  // Top-level branches start open, so the devices show at a glance; deeper ones open on demand.
  const open = depth < 1 ? !expanded.has(node.path) : expanded.has(node.path);
  const last = node.history.length > 0 ? model.messages.get(node.history.at(-1)!) : undefined;
  const hasChildren = node.children.size > 0;
  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={selected === node.path} data-testid="topic-node" data-topic={node.path} data-version={version}>
      <div className={selected === node.path ? 'topic-row selected' : 'topic-row'} style={{ paddingLeft: depth * 12 }}>
        {hasChildren
          ? <button type="button" className="topic-toggle" aria-label={`${open ? 'Collapse' : 'Expand'} ${node.path}`} onClick={() => onToggle(node.path)}>{open ? '▾' : '▸'}</button>
          : <span className="topic-toggle" aria-hidden="true" />}
        <button type="button" className="topic-name" onClick={() => onSelect(node.path)} data-testid="topic-select">
          {node.name} <span className="muted">({node.total})</span>
        </button>
        {last && <code className="topic-value muted">{preview(deliveredPayload(last))}</code>}
      </div>
      {hasChildren && open && (
        <ul role="group">
          {[...node.children.values()].map((child) => (
            <TopicRow key={child.path} node={child} depth={depth + 1} expanded={expanded} onToggle={onToggle} selected={selected} onSelect={onSelect} version={version} />
          ))}
        </ul>
      )}
    </li>
  );
}
