// The selected twin's state and context, refreshed as the run moves but at most every 300 ms of wall time (a twin
// view is a request to the engine; a fast run would otherwise ask for one per snapshot). Cleared when the selection
// changes, so a view never shows another twin's data. Shared by the twin inspector and the state-chart view.
import { useEffect, useRef, useState } from 'react';
import type { TwinView } from '../../protocol';
import type { AppModel } from './app-model';

const REFRESH_MS = 300;

/** The view and a setter for a fresher one the caller got itself (the answer to an event it sent). */
export function useTwinView(model: AppModel, selected: string | null, t: number): [TwinView | undefined, (view: TwinView) => void] {
  const [view, setView] = useState<TwinView | undefined>();
  const lastFetch = useRef(0);
  useEffect(() => {
    setView(undefined);
    lastFetch.current = 0;
  }, [selected]);
  useEffect(() => {
    if (selected === null) return;
    const now = performance.now();
    if (now - lastFetch.current < REFRESH_MS) return;
    lastFetch.current = now;
    void model.getTwin(selected).then((v) => v && v.address === selected && setView(v));
  }, [model, selected, t]);
  return [view, setView];
}
