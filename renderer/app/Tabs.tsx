// A group of views sharing one place in the layout (issue 18 §6): a WAI-ARIA tab list (arrow keys, Home, End move
// between tabs; the active one is the only tab stop) over the active view. Only the active view is mounted, so a
// hidden view costs nothing while the run plays. The choice is remembered like the layout's splits.
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { readFlag, writeFlag } from './layout-storage';

export interface TabView {
  id: string;
  title: string;
  render: () => ReactNode;
}

export function Tabs({ label, storageKey, views }: { label: string; storageKey: string; views: TabView[] }) {
  const [active, setActiveState] = useState(() => views.find((v) => readFlag(`tab-${storageKey}-${v.id}`, false))?.id ?? views[0]!.id);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const setActive = (id: string): void => {
    for (const v of views) writeFlag(`tab-${storageKey}-${v.id}`, v.id === id);
    setActiveState(id);
  };
  const onKey = (e: KeyboardEvent): void => {
    const i = views.findIndex((v) => v.id === active);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? views.length - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const view = views[(next + views.length) % views.length]!;
    setActive(view.id);
    buttons.current.get(view.id)?.focus();
  };
  const current = views.find((v) => v.id === active) ?? views[0]!;
  return (
    <div className="tabs" data-testid={`tabs-${storageKey}`}>
      <div className="tab-list" role="tablist" aria-label={label} onKeyDown={onKey}>
        {views.map((v) => (
          <button
            key={v.id} type="button" role="tab" id={`tab-${storageKey}-${v.id}`} aria-controls={`tabpanel-${storageKey}`} aria-selected={v.id === current.id}
            tabIndex={v.id === current.id ? 0 : -1} data-testid={`tab-${v.id}`} className={v.id === current.id ? 'tab active' : 'tab'}
            ref={(el) => void (el ? buttons.current.set(v.id, el) : buttons.current.delete(v.id))} onClick={() => setActive(v.id)}
          >
            {v.title}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${storageKey}`} aria-labelledby={`tab-${storageKey}-${current.id}`}>
        {current.render()}
      </div>
    </div>
  );
}
