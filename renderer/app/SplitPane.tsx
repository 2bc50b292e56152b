// Two panels side by side (or stacked) with a handle between them to drag. The split is a fraction kept in
// state; panels stay mounted while resizing (the 3D canvas re-measures itself).
import { useCallback, useRef, useState, type PointerEvent, type ReactNode } from 'react';

export interface SplitPaneProps {
  direction: 'row' | 'column';
  /** Initial share of the first panel, 0–1. */
  initial: number;
  min?: number;
  testId?: string;
  children: [ReactNode, ReactNode];
}

export function SplitPane({ direction, initial, min = 0.12, testId, children }: SplitPaneProps) {
  const [share, setShare] = useState(initial);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  }, []);
  const onPointerMove = useCallback((e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || box.current === null) return;
    const rect = box.current.getBoundingClientRect();
    const raw = direction === 'row' ? (e.clientX - rect.left) / rect.width : (e.clientY - rect.top) / rect.height;
    setShare(Math.min(1 - min, Math.max(min, raw)));
  }, [direction, min]);
  const onPointerUp = useCallback(() => {
    dragging.current = false;
  }, []);

  const first = `${(share * 100).toFixed(2)}%`;
  return (
    <div ref={box} className={`split split-${direction}`} data-testid={testId}>
      <div className="split-panel" style={{ flexBasis: first }}>{children[0]}</div>
      <div
        className="split-handle" role="separator" aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
        onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}
      />
      <div className="split-panel split-rest">{children[1]}</div>
    </div>
  );
}
