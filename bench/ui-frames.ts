// Frame timing of a page, measured inside it: requestAnimationFrame deltas over a window of wall time, summarised
// as p50/p95/max and the number of long frames (> 50 ms, the threshold a user notices as a stall).
import type { Page } from 'playwright';

export const LONG_FRAME_MS = 50;
// 60 fps: one vsync interval. requestAnimationFrame timestamps are quantised, so a steady 60 fps reads 16.7–16.8 ms;
// half a millisecond of slack keeps a perfect 60 fps from reading as "not met" (the bare page did).
export const TARGET_P95_MS = 1000 / 60 + 0.5;

export interface FrameStats {
  frames: number;
  fps: number;
  p50: number;
  p95: number;
  max: number;
  longFrames: number;
}

/** Collects rAF timestamps in the page for `ms` and returns the deltas between consecutive frames. */
export async function frameDeltas(page: Page, ms: number): Promise<number[]> {
  return (await measureFrames(page, ms)).deltas;
}

/**
 * The page's frame deltas over `ms` and the frames the map drew per second in the same window, read in the page at
 * its first and last frame: read from the bench's side, the window also held the round trips of the reads, which on
 * a busy page took seconds (the flow scene's map once read twice its page's frame rate that way).
 */
export async function measureFrames(page: Page, ms: number): Promise<{ deltas: number[]; mapFps: number }> {
  // A source string, not a function: tsx's transform would wrap named closures in a helper the page lacks.
  return page.evaluate(`new Promise((resolve) => {
    const drawn = () => window.__twinbench?.framesRendered ?? 0;
    const stamps = [];
    let first = 0;
    const tick = (t) => {
      if (stamps.length === 0) first = drawn();
      stamps.push(t);
      if (t - stamps[0] < ${ms}) requestAnimationFrame(tick);
      else resolve({ deltas: stamps.slice(1).map((s, i) => s - stamps[i]), mapFps: (drawn() - first) * 1000 / (t - stamps[0]) });
    };
    requestAnimationFrame(tick);
  })`) as Promise<{ deltas: number[]; mapFps: number }>;
}

export function summarise(deltas: readonly number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    frames: deltas.length,
    fps: total > 0 ? (deltas.length * 1000) / total : 0,
    p50: at(0.5),
    p95: at(0.95),
    max: sorted.at(-1) ?? 0,
    longFrames: deltas.filter((d) => d > LONG_FRAME_MS).length,
  };
}

export function describeFrames(s: FrameStats): string {
  return `${s.frames} frames, ${s.fps.toFixed(1)} fps, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms, ${s.longFrames} frames > ${LONG_FRAME_MS} ms`;
}
