// Where the UI benchmark's frames go: opens the same scenes as bench/ui.bench.ts (the 1,000-car city with its story
// layers, then the 100k-message flow view) and, while each plays, records a Chrome CPU profile of the page's main
// thread and the CPU time of every Chromium process and of the engine's own Node process. Prints the functions with
// the most self time and the per-process CPU split, and writes the .cpuprofile files (open them in Chrome DevTools).
// A tool for finding what to optimise, not a benchmark: `node --import tsx bench/ui-profile.ts [city|flow|attrib|flow-attrib|flow-gaps] [outDir] [rendererDir]`
// (attrib, flow-attrib: the city's or the flow scene's frame rate with parts of the page hidden in turn, to see which
// part of the page costs the frames; flow-gaps: three 8 s traces of the flow scene without the profiler, each long
// frame listed with the tasks and collections that filled it — bench/ui-trace-gaps.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright';
import { SHIPPED_SCENARIOS_DIR, startServer, type RunningServer } from '../engine/server';
import { chromiumTicks } from './chromium-ticks';
import { describeFrames, frameDeltas, summarise, type FrameStats } from './ui-frames';
import { describeGaps, traceGaps, type TraceEvent as GapEvent } from './ui-trace-gaps';
import { sendRoundTripsEvery50ms, writeCityScenario } from './ui-scenes';

const MEASURE_MS = 5_000;

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

/** Self time per function (name, file, line), largest first, as a share of the profile's wall time. */
function topSelf(profile: CpuProfile, n: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = profile.endTime - profile.startTime;
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

async function profileWindow(page: Page, cdp: CDPSession, name: string, outDir: string): Promise<void> {
  const ticks0 = chromiumTicks();
  const node0 = process.cpuUsage();
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const frames = summarise(await frameDeltas(page, MEASURE_MS));
  const { profile } = await cdp.send('Profiler.stop') as unknown as { profile: CpuProfile };
  const node = process.cpuUsage(node0);
  const ticks1 = chromiumTicks();
  writeFileSync(join(outDir, `${name}.cpuprofile`), JSON.stringify(profile));
  console.log(`\n== ${name}: ${describeFrames(frames)}`);
  const cpu = [...ticks1.entries()].map(([type, t]) => `${type} ${(((t - (ticks0.get(type) ?? 0)) * 10) / MEASURE_MS * 100).toFixed(0)} %`);
  console.log(`CPU over the window (100 % = one core): ${cpu.join(', ')}, engine (node) ${(((node.user + node.system) / 1000 / MEASURE_MS) * 100).toFixed(0)} %`);
  for (const line of topSelf(profile, 30)) console.log(line);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  await traceWindow(page, cdp, name, outDir);
}

interface TraceEvent { name: string; ph: string; dur?: number; pid: number; tid: number; args?: { name?: string } }

/** The browser's trace events of the given categories while `during` runs (the listener is removed after). */
async function recordTrace<E>(cdp: CDPSession, categories: string, during: () => Promise<unknown>): Promise<E[]> {
  const events: E[] = [];
  const collect = (e: { value: unknown[] }): void => void events.push(...(e.value as E[]));
  cdp.on('Tracing.dataCollected', collect);
  try {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    await during();
    await cdp.send('Tracing.end');
    await done;
  } finally {
    cdp.off('Tracing.dataCollected', collect);
  }
  return events;
}

/**
 * A 3 s trace of the whole browser: the time of the longest-running trace events (self-nested, so totals can
 * overlap) per process and thread, which says where the profile's "(program)" — native work — goes.
 */
async function traceWindow(page: Page, cdp: CDPSession, name: string, outDir: string): Promise<void> {
  const events = await recordTrace<TraceEvent>(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,cc,gpu,viz,v8', () => page.waitForTimeout(3_000));
  writeFileSync(join(outDir, `${name}.trace.json`), JSON.stringify({ traceEvents: events }));
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '?');
  }
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${processName.get(e.pid) ?? e.pid}/${threadName.get(`${e.pid}:${e.tid}`) ?? e.tid}  ${e.name}`;
    totals.set(key, (totals.get(key) ?? 0) + e.dur);
  }
  console.log(`-- trace (3 s), inclusive ms per thread and event:`);
  for (const [k, us] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

/**
 * A trace of the page while its frames are measured, no profiler running (its sampling alone made frames long):
 * the long frames with what filled them, and the page's collections (`flow-gaps`, `city-gaps`).
 */
async function gapsWindow(page: Page, cdp: CDPSession, name: string, outDir: string, ms: number): Promise<void> {
  let frames: FrameStats | undefined;
  const events = await recordTrace<GapEvent>(cdp, 'toplevel,devtools.timeline', async () => void (frames = summarise(await frameDeltas(page, ms))));
  writeFileSync(join(outDir, `${name}.gaps.trace.json`), JSON.stringify({ traceEvents: events }));
  console.log(`\n== ${name} (traced): ${describeFrames(frames!)}`);
  for (const line of describeGaps(traceGaps(events))) console.log(line);
}

/** The frame rate with parts of the page hidden (display: none) in turn, each for 4 s, with the renderer's CPU. */
async function attribute(page: Page, variants: [label: string, css: string][]): Promise<void> {
  for (const [label, css] of variants) {
    await page.evaluate((text) => {
      let el = document.getElementById('attrib-css');
      if (el === null) { el = document.createElement('style'); el.id = 'attrib-css'; document.head.append(el); }
      el.textContent = text;
    }, css);
    // A rule the page refused would make every variant read the same: check the hiding took.
    if (css !== '' && !(await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid]')).some((e) => getComputedStyle(e).display === 'none')))) {
      throw new Error(`ui-profile: the rule for "${label}" hid nothing`);
    }
    await page.waitForTimeout(800);
    const ticks0 = chromiumTicks();
    const frames = summarise(await frameDeltas(page, 4_000));
    const ticks1 = chromiumTicks();
    const cpu = ['renderer', 'gpu-process'].map((t) => `${t} ${(((ticks1.get(t)! - ticks0.get(t)!) * 10) / 4_000 * 100).toFixed(0)} %`);
    console.log(`${label.padEnd(28)} ${describeFrames(frames)}; ${cpu.join(', ')}`);
  }
}

async function load(page: Page, file: string): Promise<void> {
  await page.getByTestId('scenario-select').selectOption(file);
  await page.getByTestId('hands-on').setChecked(false);
  await page.getByTestId('load').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-state]')?.textContent === 'ready', undefined, { timeout: 120_000 });
}

function every50ms(server: RunningServer, perTick: number, advanceMs?: number): () => void {
  return sendRoundTripsEvery50ms(server.engine.session.run!, perTick, advanceMs);
}

const which = process.argv[2] ?? 'city';
const outDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'twinbench-ui-profile-'));
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'twinbench-ui-profile-scene-'));
const cityFile = writeCityScenario(dir);
// An optional third argument: the renderer build to serve (default dist/renderer), to compare builds.
const staticDir = process.argv[4];
const server = await startServer({ port: 0, ...(staticDir === undefined ? {} : { staticDir }), scenarioDirs: [SHIPPED_SCENARIOS_DIR, dir], session: { recordingFile: join(dir, 'runs.db') } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
try {
  // bypassCSP: the attribution's hiding rules are an inline <style>, which the app's CSP (style-src 'self') refuses.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await page.goto(server.url);
  await page.getByTestId('scenario-select').locator('option', { hasText: 'UI benchmark' }).waitFor({ state: 'attached', timeout: 60_000 });
  await page.waitForTimeout(1_000);
  if (which !== 'flow-gaps') await profileWindow(page, cdp, 'bare', outDir);
  if (which === 'attrib') {
    // Which part of the page costs the frames: the same moment with panels hidden (display: none), A/B/A.
    await load(page, cityFile);
    await server.engine.invoke('play', { speed: 5 });
    await page.waitForFunction(() => (window as unknown as { __twinbench: { instanceCount: number } }).__twinbench.instanceCount >= 1000, undefined, { timeout: 60_000 });
    const stop = every50ms(server, 10);
    await page.waitForTimeout(2_000);
    await attribute(page, [
      ['as is', ''],
      ['no DOM panels but the map', '[data-testid=message-flow],[data-testid=charts],[data-testid=device-screens],[data-testid=scenario-panel],[data-testid=twin-inspector],[data-testid=recordings-panel]{display:none!important}'],
      ['no map', '[data-testid=map-canvas]{display:none!important}'],
      ['no map, no panels', '[data-testid=map-canvas],[data-testid=message-flow],[data-testid=charts],[data-testid=device-screens],[data-testid=scenario-panel],[data-testid=twin-inspector],[data-testid=recordings-panel]{display:none!important}'],
      ...['message-flow', 'charts', 'device-screens', 'scenario-panel', 'twin-inspector', 'recordings-panel']
        .map((id): [string, string] => [`no ${id}`, `[data-testid=${id}]{display:none!important}`]),
      ['as is (again)', ''],
    ]);
    stop();
  } else if (which === 'city') {
    await load(page, cityFile);
    await server.engine.invoke('play', { speed: 5 });
    await page.waitForFunction(() => (window as unknown as { __twinbench: { instanceCount: number } }).__twinbench.instanceCount >= 1000, undefined, { timeout: 60_000 });
    const stop = every50ms(server, 10);
    await page.waitForTimeout(2_000);
    await profileWindow(page, cdp, 'city-layers-on', outDir);
    await page.getByTestId('story-layers').setChecked(false);
    await page.waitForTimeout(500);
    await profileWindow(page, cdp, 'city-layers-off', outDir);
    stop();
  } else {
    await load(page, 'scenarios/commute.yaml');
    // As bench/ui.bench.ts fills it: stop feeding once the engine has sent 100k messages, then wait for the page to
    // have them all (fed on while the page is behind, the engine dropped the page's connection).
    let sent = 0;
    const off = server.engine.session.run!.sim.bus.onEnvelope((phase) => void (phase === 'sent' && sent++));
    const stopFill = every50ms(server, 500, 2_000);
    while (sent < 100_000) await page.waitForTimeout(100);
    stopFill();
    off();
    // Polled from here: the app's CSP forbids the eval a string predicate needs.
    const deadline = Date.now() + 300_000;
    while ((await page.evaluate(() => (window as unknown as { __twinbench: { messageCount: number } }).__twinbench.messageCount)) < 100_000) {
      if (Date.now() > deadline) throw new Error('ui-profile: the page did not receive 100,000 messages in 300 s');
      await page.waitForTimeout(500);
    }
    await server.engine.invoke('play', { speed: 1 });
    const stop = every50ms(server, 125);
    await page.waitForTimeout(1_000);
    if (which === 'flow-attrib') {
      // Which part of the page costs the flow scene's frames: the map (drawing the message arcs), the message
      // flow view, the charts — each hidden in turn, A/B/A.
      await attribute(page, [
        ['as is', ''],
        ['no map', '[data-testid=map-canvas]{display:none!important}'],
        ['no message flow', '[data-testid=message-flow]{display:none!important}'],
        ['no charts', '[data-testid=charts]{display:none!important}'],
        ['no map, no flow, no charts', '[data-testid=map-canvas],[data-testid=message-flow],[data-testid=charts]{display:none!important}'],
        ['as is (again)', ''],
      ]);
    } else if (which === 'flow-gaps') {
      for (let i = 0; i < 3; i++) await gapsWindow(page, cdp, `flow-${i}`, outDir, 8_000);
    } else await profileWindow(page, cdp, 'flow', outDir);
    stop();
  }
  console.log(`\nprofiles in ${outDir}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
