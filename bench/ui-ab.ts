// A/B of two renderer builds in one run, for deciding whether a change to the renderer pays: the UI benchmark's
// city scene (1,000 moving cars, story layers on, car–home round trips for the arcs) opened against build A, then
// build B, alternating A B A B … so a machine whose load drifts weighs on both alike. Prints each round's frame
// figures, the map's own frames per second and the Chromium processes' CPU per drawn map frame, then the medians.
// `node --import tsx bench/ui-ab.ts <dirA> <dirB> [rounds] [city|flow]`; each dir a `vite build` output (dist/renderer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright';
import { SHIPPED_SCENARIOS_DIR, startServer, type RunningServer } from '../engine/server';
import { chromiumTicks } from './chromium-ticks';
import { describeFrames, measureFrames, summarise, type FrameStats } from './ui-frames';
import { sendRoundTripsEvery50ms, writeCityScenario } from './ui-scenes';

const MEASURE_MS = 5_000;

function every50ms(server: RunningServer, perTick: number, advanceMs?: number): () => void {
  return sendRoundTripsEvery50ms(server.engine.session.run!, perTick, advanceMs);
}

interface Round { frames: FrameStats; mapFps: number; rendererMsPerFrame: number; gpuMsPerFrame: number }

async function load(page: Page, file: string): Promise<void> {
  await page.getByTestId('scenario-select').selectOption(file);
  await page.getByTestId('hands-on').setChecked(false);
  await page.getByTestId('load').click({ timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=run-state]')?.textContent === 'ready', undefined, { timeout: 120_000 });
}

async function round(staticDir: string, scene: string): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-ui-ab-'));
  const cityFile = writeCityScenario(dir);
  const server = await startServer({ port: 0, staticDir, scenarioDirs: [SHIPPED_SCENARIOS_DIR, dir], session: { recordingFile: join(dir, 'runs.db') } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(120_000);
    await page.goto(server.url);
    await page.getByTestId('scenario-select').locator('option', { hasText: 'UI benchmark' }).waitFor({ state: 'attached', timeout: 60_000 });
    let stop: () => void;
    if (scene === 'city') {
      await load(page, cityFile);
      await server.engine.invoke('play', { speed: 5 });
      await page.waitForFunction(() => (window as unknown as { __twinbench: { instanceCount: number } }).__twinbench.instanceCount >= 1000, undefined, { timeout: 60_000 });
      stop = every50ms(server, 10);
    } else {
      await load(page, 'scenarios/commute.yaml');
      const fill = every50ms(server, 500, 2_000);
      await page.waitForTimeout(25_000);
      fill();
      await server.engine.invoke('play', { speed: 1 });
      stop = every50ms(server, 125);
    }
    await page.waitForTimeout(2_000);
    const t0 = chromiumTicks();
    const measured = await measureFrames(page, MEASURE_MS);
    const frames = summarise(measured.deltas);
    const t1 = chromiumTicks();
    stop();
    const ms = (type: string): number => ((t1.get(type) ?? 0) - (t0.get(type) ?? 0)) * 10;
    return { frames, mapFps: measured.mapFps, rendererMsPerFrame: ms('renderer') / frames.frames, gpuMsPerFrame: ms('gpu-process') / frames.frames };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const [dirA, dirB, roundsArg, scene = 'city'] = process.argv.slice(2).map((a, i) => (i < 2 ? resolve(a) : a));
if (dirA === undefined || dirB === undefined) throw new Error('usage: bench/ui-ab.ts <dirA> <dirB> [rounds] [city|flow]');
const results: Record<'A' | 'B', Round[]> = { A: [], B: [] };
for (let i = 0; i < Number(roundsArg ?? 3); i++) {
  for (const [name, dir] of [['A', dirA], ['B', dirB]] as const) {
    // On a machine loaded enough that a click times out, a round is skipped, not the whole comparison.
    const r = await round(dir, scene).catch((err: Error) => {
      console.log(`${name} round failed: ${err.message.split('\n')[0]}`);
      return undefined;
    });
    if (r === undefined) continue;
    results[name].push(r);
    console.log(`${name} ${describeFrames(r.frames)}; map ${r.mapFps.toFixed(1)} frames/s; CPU per page frame: renderer ${r.rendererMsPerFrame.toFixed(1)} ms, gpu ${r.gpuMsPerFrame.toFixed(1)} ms`);
  }
}
for (const name of ['A', 'B'] as const) {
  const rs = results[name];
  if (rs.length === 0) continue;
  console.log(`${name} median: fps ${median(rs.map((r) => r.frames.fps)).toFixed(1)}, p50 ${median(rs.map((r) => r.frames.p50)).toFixed(1)} ms, p95 ${median(rs.map((r) => r.frames.p95)).toFixed(1)} ms, ` +
    `map ${median(rs.map((r) => r.mapFps)).toFixed(1)} frames/s, renderer ${median(rs.map((r) => r.rendererMsPerFrame)).toFixed(1)} ms/frame, gpu ${median(rs.map((r) => r.gpuMsPerFrame)).toFixed(1)} ms/frame`);
}
