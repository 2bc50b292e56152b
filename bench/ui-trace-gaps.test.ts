// The long-frame reader must find each gap over 50 ms between two page frames on the page's main thread, name what
// ran in it, count collections, and not be fooled by several animation callbacks in one frame or by another thread.
import { describe, expect, it } from 'vitest';
import { traceGaps, type TraceEvent } from './ui-trace-gaps';

const MAIN = { pid: 1, tid: 10 };
const OTHER = { pid: 2, tid: 20 }; // another renderer's main thread, quieter
const meta: TraceEvent[] = [
  { name: 'thread_name', ph: 'M', ts: 0, ...MAIN, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', ts: 0, ...OTHER, args: { name: 'CrRendererMain' } },
];
const x = (name: string, ms: number, durMs: number, at = MAIN): TraceEvent => ({ name, ph: 'X', ts: ms * 1000, dur: durMs * 1000, ...at });
/** A page frame at `ms`: a task running two animation callbacks back to back (one frame, not two). */
const frame = (ms: number): TraceEvent[] => [x('ThreadControllerImpl::RunTask', ms, 3), x('FireAnimationFrame', ms, 1), x('FireAnimationFrame', ms + 1.2, 1)];

describe('traceGaps', () => {
  it('finds a gap over 50 ms with the task and collection in it, and counts each frame once', () => {
    const events = [
      ...meta,
      ...frame(0), ...frame(16.7), ...frame(33.4),
      x('ThreadControllerImpl::RunTask', 40, 45), x('MinorGC', 41, 30), x('FunctionCall', 72, 12),
      x('ThreadControllerImpl::RunTask', 41, 5), // nested in the task above: not a task of its own
      ...frame(100), ...frame(116.7),
      x('MajorGC', 5, 60, OTHER), x('FireAnimationFrame', 0, 1, OTHER), // another thread: neither counted nor a gap
    ];
    const report = traceGaps(events);
    expect(report.frames).toBe(5);
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]!.ms).toBeCloseTo(66.6, 5);
    // The frame that opens the gap, then the long task (the nested one is part of it).
    expect(report.gaps[0]!.tasks).toEqual([{ ms: 3, parts: { FireAnimationFrame: 2 } }, { ms: 45, parts: { MinorGC: 30, FunctionCall: 12 } }]);
    expect(report.gc).toEqual({ MinorGC: { count: 1, totalMs: 30, maxMs: 30 }, MajorGC: { count: 0, totalMs: 0, maxMs: 0 } });
  });

  it('does not call a 50 ms frame long, nor anything in a trace without the page\'s thread', () => {
    expect(traceGaps([...meta, ...frame(0), ...frame(50), ...frame(100)]).gaps).toEqual([]);
    expect(traceGaps([...frame(0), ...frame(200)])).toEqual({ frames: 0, gaps: [], gc: { MinorGC: { count: 0, totalMs: 0, maxMs: 0 }, MajorGC: { count: 0, totalMs: 0, maxMs: 0 } } });
  });
});
