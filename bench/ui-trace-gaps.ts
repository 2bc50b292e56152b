// Reads a Chrome trace of the page for the long frames and what filled them: each gap of more than 50 ms between two
// animation frames on the page's main thread, with the tasks that ran in it and the collections (MinorGC, MajorGC)
// and script inside those tasks, plus the garbage collector's totals over the trace. A tool for bench/ui-profile.ts
// (`flow-gaps`), so a change meant to remove long frames can be checked against their cause, not only their count.
import { LONG_FRAME_MS } from './ui-frames';

export interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

export interface GcTotals { count: number; totalMs: number; maxMs: number }

export interface Gap {
  /** Start of the gap, ms from the first animation frame of the trace. */
  atMs: number;
  ms: number;
  /** The gap's tasks longer than 2 ms, each with the time of its notable children. */
  tasks: { ms: number; parts: Record<string, number> }[];
}

export interface GapReport { frames: number; gaps: Gap[]; gc: Record<'MinorGC' | 'MajorGC', GcTotals> }

/** Children of a task worth naming in a gap: collections, script, and the frame's own phases. */
const NOTABLE = new Set(['MinorGC', 'MajorGC', 'FunctionCall', 'EvaluateScript', 'FireAnimationFrame', 'TimerFire', 'EventDispatch',
  'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'ParseHTML', 'HitTest']);

/** The renderer's main thread: the CrRendererMain with the most events (a page opens one renderer). */
function mainThread(events: readonly TraceEvent[]): string | undefined {
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (mains.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export function traceGaps(events: readonly TraceEvent[], longMs = LONG_FRAME_MS): GapReport {
  const main = mainThread(events);
  const gc = { MinorGC: { count: 0, totalMs: 0, maxMs: 0 }, MajorGC: { count: 0, totalMs: 0, maxMs: 0 } };
  if (main === undefined) return { frames: 0, gaps: [], gc };
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  for (const e of onMain) {
    if (e.name !== 'MinorGC' && e.name !== 'MajorGC') continue;
    const t = gc[e.name];
    t.count++;
    t.totalMs += e.dur! / 1000;
    t.maxMs = Math.max(t.maxMs, e.dur! / 1000);
  }
  // A page frame runs every requestAnimationFrame callback in a row: one frame per run of them.
  const frames: number[] = [];
  let lastEnd = -Infinity;
  for (const e of onMain) {
    if (e.name !== 'FireAnimationFrame') continue;
    if (e.ts > lastEnd + 2_000) frames.push(e.ts);
    lastEnd = Math.max(lastEnd, e.ts + e.dur!);
  }
  // The thread's tasks, outermost only (a task can run nested ones).
  const tasks: TraceEvent[] = [];
  let taskEnd = -Infinity;
  for (const e of onMain) {
    if (e.name !== 'ThreadControllerImpl::RunTask' || e.ts < taskEnd) continue;
    tasks.push(e);
    taskEnd = e.ts + e.dur!;
  }
  const gaps: Gap[] = [];
  for (let i = 1; i < frames.length; i++) {
    const from = frames[i - 1]!;
    const to = frames[i]!;
    if ((to - from) / 1000 <= longMs) continue;
    const inGap = tasks.filter((t) => t.ts < to && t.ts + t.dur! > from && t.dur! > 2_000);
    gaps.push({
      atMs: (from - frames[0]!) / 1000,
      ms: (to - from) / 1000,
      tasks: inGap.map((t) => {
        const parts: Record<string, number> = {};
        for (const e of onMain) {
          if (e.ts < t.ts || e.ts + e.dur! > t.ts + t.dur! || !NOTABLE.has(e.name)) continue;
          parts[e.name] = (parts[e.name] ?? 0) + e.dur! / 1000;
        }
        return { ms: t.dur! / 1000, parts };
      }),
    });
  }
  return { frames: frames.length, gaps, gc };
}

export function describeGaps(r: GapReport): string[] {
  const f = (x: number): string => x.toFixed(1);
  const lines = [`${r.frames} animation frames, ${r.gaps.length} gaps > ${LONG_FRAME_MS} ms; ` +
    (['MinorGC', 'MajorGC'] as const).map((k) => `${k} ${r.gc[k].count}× ${f(r.gc[k].totalMs)} ms (max ${f(r.gc[k].maxMs)})`).join(', ')];
  for (const g of r.gaps) {
    lines.push(`gap at ${f(g.atMs)} ms: ${f(g.ms)} ms`);
    for (const t of g.tasks) {
      const parts = Object.entries(t.parts).sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${f(ms)}`).join(', ');
      lines.push(`   task ${f(t.ms)} ms: ${parts}`);
    }
  }
  return lines;
}
