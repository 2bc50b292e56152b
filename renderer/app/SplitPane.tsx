// Two panels side by side (or stacked) with a handle between them to drag. The split is a fraction kept in
// state; panels stay mounted while resizing (the 3D canvas re-measures itself). With a `storageKey` the split is
// remembered across visits (localStorage); the handle is a focusable separator that arrow keys move, so the
// layout can be changed without a mouse (WAI-ARIA window splitter pattern).
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { readSplit, writeSplit } from './layout-storage';

export interface SplitPaneProps {
  direction: 'row' | 'column';
  /** Initial share of the first panel, 0–1. */
  initial: number;
  min?: number;
  testId?: string;
  /** Remember the split under this name (localStorage). */
  storageKey?: string;
  /** What the handle separates, for assistive technology ("scenario and recordings"). */
  label?: string;
  children: [ReactNode, ReactNode];
}

/** One arrow key press moves the handle this share; Page Up/Down five times as far. */
const KEY_STEP = 0.02;

export function SplitPane({ direction, initial, min = 0.12, testId, storageKey, label, children }: SplitPaneProps) {
  const [share, setShareState] = useState(() => (storageKey ? readSplit(storageKey, initial, min) : initial));
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const setShare = useCallback((next: number) => {
    const clamped = Math.min(1 - min, Math.max(min, next));
    setShareState(clamped);
    if (storageKey) writeSplit(storageKey, clamped);
  }, [min, storageKey]);

  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  }, []);
  const onPointerMove = useCallback((e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || box.current === null) return;
    const rect = box.current.getBoundingClientRect();
    setShare(direction === 'row' ? (e.clientX - rect.left) / rect.width : (e.clientY - rect.top) / rect.height);
  }, [direction, setShare]);
  const onPointerUp = useCallback(() => {
    dragging.current = false;
  }, []);
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const back = direction === 'row' ? 'ArrowLeft' : 'ArrowUp';
    const forward = direction === 'row' ? 'ArrowRight' : 'ArrowDown';
    const moves: Record<string, number> = { [back]: -KEY_STEP, [forward]: KEY_STEP, PageUp: -5 * KEY_STEP, PageDown: 5 * KEY_STEP };
    if (e.key === 'Home') setShare(min);
    else if (e.key === 'End') setShare(1 - min);
    else if (moves[e.key] !== undefined) setShare(share + moves[e.key]!);
    else return;
    e.preventDefault();
  }, [direction, min, setShare, share]);

  const first = `${(share * 100).toFixed(2)}%`;
  return (
    <div ref={box} className={`split split-${direction}`} data-testid={testId}>
      <div className="split-panel" style={{ flexBasis: first }}>{children[0]}</div>
      <div
        className="split-handle" role="separator" tabIndex={0} aria-label={label ? `Resize ${label}` : 'Resize panels'}
        aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
        aria-valuemin={Math.round(min * 100)} aria-valuemax={Math.round((1 - min) * 100)} aria-valuenow={Math.round(share * 100)}
        data-testid={storageKey ? `divider-${storageKey}` : undefined}
        onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onKeyDown={onKeyDown}
      />
      <div className="split-panel split-rest">{children[1]}</div>
    </div>
  );
}
