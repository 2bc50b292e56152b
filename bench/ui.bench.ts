// UI frame times in Debian's Chromium (headless; WebGL2 through SwiftShader, a CPU renderer): the city map with
// 1,000 moving cars and every story layer on (routes, message arcs), then the same with the layers off, and
// the message flow view holding 100k messages while ~5k new ones arrive each second, each updated at every hop as
// the run plays in real time — each against the bare page (no scenario: empty map, empty flow view) measured in the
// same run. Figures and whether the targets (60 fps ≈ 16.7 ms p95; no frame over 50 ms
// while messages arrive) are met; never pass/fail.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright';
import { SHIPPED_SCENARIOS_DIR, startServer, type RunningServer } from '../engine/server';
import type { BenchResult } from './bench-result';
import { LONG_FRAME_MS, TARGET_P95_MS, describeFrames, frameDeltas, measureFrames, summarise, type FrameStats } from './ui-frames';
import { sendRoundTripsEvery50ms, TICK_MS, writeCityScenario } from './ui-scenes';

const ROOT = resolve(import.meta.dirname, '..');
const MEASURE_MS = 5_000;
const CITY_SPEED = 5;
const LOG_MESSAGES = 100_000;
/** Two messages each (command and response): ~5k new messages a second. */
const ROUND_TRIPS_PER_SECOND = 2_500;
/**
 * The engine ships at most 2,000 changed envelopes per 50 ms batch. Filling, each tick's round trips are carried to
 * the end at once (virtual time advanced by FILL_ADVANCE_MS), so a tick changes two envelopes per round trip.
 */
const FILL_PER_TICK = 500;
const FILL_ADVANCE_MS = 2_000;
/** Car–home round trips started every tick while the map is measured, so its message arcs are drawn too. */
const ARC_ROUND_TRIPS_PER_TICK = 10;

/** Builds dist/renderer when it is missing or older than renderer/ or protocol/ (the same rule as `npm start`). */
function ensureRendererBuilt(): void {
  const out = join(ROOT, 'dist/renderer/index.html');
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(p) : /\.test\.tsx?$/.test(e.name) ? 0 : statSync(p).mtimeMs);
  }, 0);
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(newest(join(ROOT, 'renderer')), newest(join(ROOT, 'protocol')))) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('ui bench: `node scripts/start.mjs --build` failed; see its output above');
}

async function loadInPage(page: Page, file: string): Promise<void> {
  await page.getByTestId('scenario-select').selectOption(file);
  await page.getByTestId('hands-on').setChecked(false);
  // Generous: on a machine shared with other work (load average 15+) the click alone took over 30 s.
  await page.getByTestId('load').click({ timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=run-state]')?.textContent === 'ready', undefined, { timeout: 120_000 });
}

/** Polls an expression in the page (the app's CSP forbids eval, which waitForFunction with a string needs). */
async function waitUntil(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`ui bench: timed out after ${timeoutMs} ms waiting for ${expression}`);
    await page.waitForTimeout(100);
  }
}

const tableCount = (page: Page): Promise<number> =>
  page.evaluate(() => Number(document.querySelector('[data-testid=message-table]')?.getAttribute('data-count') ?? 0));

interface Feed {
  stop(): void;
  /** Messages the bus has sent since the feed started (commands, responses, and the scenario's own). */
  messages(): number;
  /** Changes the batcher was told of since the feed started: a message sent, each hop, its completion. */
  updates(): number;
}

/**
 * Starts `perTick` round trips every 50 ms until stopped; the engine's own batcher ships every change to the page.
 * With `advanceMs`, each tick also runs virtual time forward itself (filling the log: every message completes
 * within its tick); without, the session's pacer runs it as in any live run, and messages change hop by hop.
 */
function feed(server: RunningServer, perTick: number, advanceMs?: number): Feed {
  const run = server.engine.session.run!;
  let messages = 0;
  let updates = 0;
  const off = run.sim.bus.onEnvelope((phase) => {
    updates++;
    if (phase === 'sent') messages++;
  });
  const stopFeeding = sendRoundTripsEvery50ms(run, perTick, advanceMs);
  return {
    stop: () => {
      stopFeeding();
      off();
    },
    messages: () => messages,
    updates: () => updates,
  };
}

function frameResult(name: string, s: FrameStats, base: FrameStats, extra: string): BenchResult {
  return { name, value: round(s.p95), unit: 'ms p95 frame time', baseline: round(base.p95), ratio: s.p95 / base.p95, note: `${describeFrames(s)}; ${extra}` };
}

const round = (x: number): number => Math.round(x * 10) / 10;
const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

export async function benchUi(): Promise<BenchResult[]> {
  ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-bench-ui-'));
  const cityFile = writeCityScenario(dir);
  // The app records every run it plays; the bench's runs go to its own folder, never the user's recordings.
  const server = await startServer({ port: 0, scenarioDirs: [SHIPPED_SCENARIOS_DIR, dir], session: { recordingFile: join(dir, 'runs.db') } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // A page error would make every figure below meaningless: stop with it instead.
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
    await page.goto(server.url);
    await page.getByTestId('scenario-select').locator('option', { hasText: 'UI benchmark' }).waitFor({ state: 'attached', timeout: 60_000 });

    // Baseline: the bare page, nothing loaded.
    await page.waitForTimeout(1_000);
    const bare = summarise(await frameDeltas(page, MEASURE_MS));

    // (a) 1,000 cars driving to work at CITY_SPEED× real time.
    await loadInPage(page, cityFile);
    await server.engine.invoke('play', { speed: CITY_SPEED });
    await page.waitForFunction(() => (window as unknown as { __twinbench: { instanceCount: number } }).__twinbench.instanceCount >= 1000, undefined, { timeout: 60_000 });
    // Every new layer of the map on: the 1,000 routes (the cars are all driving) and message arcs, fed by car–home
    // round trips while the map is measured.
    const arcFeed = feed(server, ARC_ROUND_TRIPS_PER_TICK);
    await page.waitForTimeout(2_000);
    // First the same moment with the story layers off: what the layers themselves cost, under the same load.
    await page.getByTestId('story-layers').setChecked(false);
    await page.waitForTimeout(500);
    const plainMeasured = await measureFrames(page, MEASURE_MS);
    const plain = summarise(plainMeasured.deltas);
    const plainFps = plainMeasured.mapFps;
    await page.getByTestId('story-layers').setChecked(true);
    await page.waitForTimeout(1_000);
    const snapshotAt = await server.engine.invoke('getSnapshot', undefined);
    const movingBefore = snapshotAt?.vehicles.filter((v) => v[4] > 0).length ?? 0;
    // The map draws on demand: count the frames it really drew, so a still map can never pass for a fast one.
    const cityMeasured = await measureFrames(page, MEASURE_MS);
    const city = summarise(cityMeasured.deltas);
    const mapFps = cityMeasured.mapFps;
    const snapshotAfter = await server.engine.invoke('getSnapshot', undefined);
    const movingAfter = snapshotAfter?.vehicles.filter((v) => v[4] > 0).length ?? 0;
    const instances = await page.evaluate(() => (window as unknown as { __twinbench: { instanceCount: number } }).__twinbench.instanceCount);
    const layers = await page.evaluate(() => (window as unknown as { __twinbench: { mapLayers: { routes: number; routesDriving: number; routeSegments: number; arcs: number; arcFrames: number } } }).__twinbench.mapLayers);
    arcFeed.stop();
    await server.engine.invoke('pause', undefined);

    // (b) The flow view: fill the log to 100k messages, then measure while round trips arrive with the run playing
    // in real time, so every message in flight changes at each hop.
    await loadInPage(page, 'scenarios/commute.yaml');
    const filler = feed(server, FILL_PER_TICK, FILL_ADVANCE_MS);
    const fillStart = Date.now();
    while (filler.messages() < LOG_MESSAGES) await page.waitForTimeout(100);
    filler.stop();
    // Every message has reached the page (the table's count says how many of them the log keeps).
    await waitUntil(page, `window.__twinbench.messageCount >= ${LOG_MESSAGES}`, 120_000);
    const fillSeconds = (Date.now() - fillStart) / 1000;
    await server.engine.invoke('play', { speed: 1 });
    const arrivals = feed(server, (ROUND_TRIPS_PER_SECOND * TICK_MS) / 1000);
    await page.waitForTimeout(1_000);
    const countBefore = await page.evaluate(() => (window as unknown as { __twinbench: { messageCount: number } }).__twinbench.messageCount);
    const [messagesBefore, updatesBefore] = [arrivals.messages(), arrivals.updates()];
    const flowStart = Date.now();
    const flow = summarise(await frameDeltas(page, MEASURE_MS));
    const countAfter = await page.evaluate(() => (window as unknown as { __twinbench: { messageCount: number } }).__twinbench.messageCount);
    const flowSeconds = (Date.now() - flowStart) / 1000;
    const arrivedPerSecond = (countAfter - countBefore) / flowSeconds;
    const updatesPerMessage = (arrivals.updates() - updatesBefore) / Math.max(1, arrivals.messages() - messagesBefore);
    const updatesPerSecond = (arrivals.updates() - updatesBefore) / flowSeconds;
    arrivals.stop();
    await server.engine.invoke('pause', undefined);
    const kept = await tableCount(page);
    const rowsInDom = await page.locator('[data-testid=message-row]').count();
    if (pageErrors.length > 0) throw new Error(`ui bench: the page failed: ${pageErrors.join('; ')}`);

    return [
      { name: 'ui: bare page frame time (baseline)', value: round(bare.p95), unit: 'ms p95 frame time', note: describeFrames(bare) },
      frameResult('ui: city map, 1,000 moving cars', city, bare,
        `${instances} cars drawn, ${movingBefore}/${movingAfter} moving at start/end, ${CITY_SPEED}x real time, the map drew ${mapFps.toFixed(1)} frames/s; ` +
        `layers on: ${layers.routes} of ${layers.routesDriving} routes drawn (a crowd: the story's cars'; ${layers.routeSegments.toLocaleString('en-US')} segments), ${layers.arcs} message arcs at the end, ${layers.arcFrames} frames with arcs; ` +
        `60 fps (p95 <= ${TARGET_P95_MS.toFixed(1)} ms) ${met(city.p95 <= TARGET_P95_MS)}`),
      frameResult('ui: city map, 1,000 moving cars, story layers off (measured just before, for the layers\' cost)', plain, bare,
        `the map drew ${plainFps.toFixed(1)} frames/s; layers on/off p95 ratio ${(city.p95 / Math.max(plain.p95, 1e-9)).toFixed(2)}; 60 fps ${met(plain.p95 <= TARGET_P95_MS)}`),
      frameResult(`ui: message flow, ${LOG_MESSAGES.toLocaleString('en-US')} in the log while car–home round trips arrive, updated per hop`, flow, bare,
        `${kept.toLocaleString('en-US')} messages in the table, ${rowsInDom} rows in the DOM, ${Math.round(arrivedPerSecond).toLocaleString('en-US')} new msg/s reached the page, ` +
        `${Math.round(updatesPerSecond).toLocaleString('en-US')} changes/s (${updatesPerMessage.toFixed(1)} per message: sent, each hop, done) went to the batcher, run playing at 1x ` +
        `(log filled in ${fillSeconds.toFixed(1)} s); 60 fps ${met(flow.p95 <= TARGET_P95_MS)}; no frame > ${LONG_FRAME_MS} ms ${met(flow.longFrames === 0)}`),
    ];
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchUi()) {
    const vs = r.baseline === undefined ? '' : ` (baseline ${r.baseline} ms, ratio ${r.ratio!.toFixed(2)})`;
    console.log(`${r.name}: ${r.value} ${r.unit}${vs}${r.note ? ` — ${r.note}` : ''}`);
  }
}
