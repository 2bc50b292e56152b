// The message log's version for views that derive something from many messages (topics, traces, live latency):
// they re-derive at most every `everyMs` of wall time, however many batches arrive — a max-speed run sends
// thousands a second, and walking the log for each would starve the frame loop.
import { useCallback, useSyncExternalStore } from 'react';
import type { MessageLog } from './message-log';

export function useLogVersion(log: MessageLog, everyMs = 250): number {
  const subscribe = useCallback((notify: () => void) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = log.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        notify();
      }, everyMs);
    });
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [log, everyMs]);
  return useSyncExternalStore(subscribe, log.getVersion);
}
