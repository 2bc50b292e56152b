// The engine's side of the UI benchmark's flow scene, without a browser: the engine's CPU time per new message while
// it carries, signs, records and batches ~5k messages a second to a WebSocket client, as `bench/ui.bench.ts` feeds it
// (fill the log with 100k messages, then play at 1× while 125 round trips start every 50 ms). The client runs in a
// worker thread (its own event loop, so it reads while the engine works, as a page does) and only counts bytes; its
// CPU is inside process.cpuUsage too, the same for any two checkouts compared. CPU time, not wall time, so two
// checkouts compare on a shared machine: run it in each, alternating.
//   node --max-semi-space-size=64 --no-allocation-site-pretenuring --import tsx bench/ui-engine-feed.ts [profile.cpuprofile]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WEBSOCKET_PATH } from '../protocol';
import { SHIPPED_SCENARIOS_DIR, startServer } from '../engine/server';
import { sendRoundTripsEvery50ms } from './ui-scenes';

const MEASURE_MS = 5_000;
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.ws);
const socket = new WebSocket(workerData.url);
let bytes = 0, frames = 0, closed = '';
socket.on('message', (data) => { bytes += data.length; frames++; });
socket.on('close', (code, reason) => { closed = code + ' ' + reason; });
socket.on('open', () => parentPort.postMessage('open'));
parentPort.on('message', () => parentPort.postMessage({ bytes, frames, closed }));
`;

interface ClientStats { bytes: number; frames: number; closed: string }

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const profileFile = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'twinbench-ui-engine-'));
const server = await startServer({ port: 0, staticDir: dir, scenarioDirs: [SHIPPED_SCENARIOS_DIR], session: { recordingFile: join(dir, 'runs.db') } });
const client = new Worker(CLIENT, { eval: true, workerData: { url: `${server.url.replace(/^http/, 'ws').replace(/\/$/, '')}${WEBSOCKET_PATH}`, ws: createRequire(import.meta.url).resolve('ws') } });
try {
  await new Promise((resolve) => client.once('message', resolve));
  const stats = (): Promise<ClientStats> => new Promise((resolve) => {
    client.once('message', resolve);
    client.postMessage('stats');
  });
  await server.engine.invoke('loadScenario', { file: 'scenarios/commute.yaml', architecture: 'cloud-cloud', handsOn: false });
  const run = server.engine.session.run!;
  let sent = 0;
  const off = run.sim.bus.onEnvelope((phase) => void (phase === 'sent' && sent++));
  const stopFill = sendRoundTripsEvery50ms(run, 500, 2_000);
  while (sent < 100_000) await wait(100);
  stopFill();
  await wait(2_000);
  await server.engine.invoke('play', { speed: 1 });
  const stop = sendRoundTripsEvery50ms(run, 125);
  await wait(2_000);
  const session = new Session();
  if (profileFile !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const before = await stats();
  const [sent0, cpu0, t0] = [sent, process.cpuUsage(), Date.now()];
  await wait(MEASURE_MS);
  const cpu = process.cpuUsage(cpu0);
  const [messages, seconds] = [sent - sent0, (Date.now() - t0) / 1000];
  const after = await stats();
  if (profileFile !== undefined) writeFileSync(profileFile, JSON.stringify((await session.post('Profiler.stop')).profile));
  stop();
  off();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`engine feeding the flow scene: ${messages} new messages in ${seconds.toFixed(1)} s (${(messages / seconds).toFixed(0)}/s); ` +
    `CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / seconds / 10).toFixed(0)} % of a core), ${((1000 * cpuMs) / messages).toFixed(1)} µs a message; ` +
    `${((after.bytes - before.bytes) / messages).toFixed(0)} bytes a message in ${after.frames - before.frames} frames${after.closed ? `; the client was cut off: ${after.closed}` : ''}`);
} finally {
  await client.terminate();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
