// The frame every panel sits in: a title bar (with optional tools on the right) and a scrolling body.
import type { ReactNode } from 'react';

export function Panel({ title, tools, testId, children, flush = false }: { title: string; tools?: ReactNode; testId: string; children: ReactNode; flush?: boolean }) {
  return (
    <section className="panel" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <header className="panel-title">
        <h2 id={`${testId}-title`}>{title}</h2>
        {tools !== undefined && <div className="panel-tools">{tools}</div>}
      </header>
      <div className={flush ? 'panel-body panel-body-flush' : 'panel-body'}>{children}</div>
    </section>
  );
}
