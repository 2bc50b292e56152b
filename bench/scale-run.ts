// One measurement of the scale benchmark in its own process, so each size gets a fresh heap and its peak memory
// is its own: `node --import tsx bench/scale-run.ts day <homes>` (a day of homes + as many cars) or
// `… peak-shaving <homes> <evs>` (the shipped charging scene, uncontrolled baseline included, as the CLI runs it).
// Prints JSON: wall and CPU milliseconds (building and running), peak resident memory, events and messages.
import { fileURLToPath } from 'node:url';
import { buildNeighbourhood, DAY_MS, scheduleDay } from './neighbourhood-day';
import { loadScenarioFile } from '../engine/scenario';
import { runScenario } from '../engine/runner/run-scenario';

export interface ScaleMeasurement {
  kind: 'day' | 'peak-shaving';
  homes: number;
  vehicles: number;
  wallMs: number;
  cpuMs: number;
  /** Building the world (the day only; the scene's run includes it). */
  buildWallMs?: number;
  buildCpuMs?: number;
  peakRssMb: number;
  events: number;
  messages: number;
  passed?: boolean;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function day(homes: number): ScaleMeasurement {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const sim = buildNeighbourhood(homes);
  const buildWallMs = performance.now() - started;
  const buildCpuMs = cpuMs(cpu);
  scheduleDay(sim);
  sim.kernel.clock.runUntil(DAY_MS);
  sim.kernel.events.hash();
  return {
    kind: 'day', homes, vehicles: sim.vehicles.size, wallMs: performance.now() - started, cpuMs: cpuMs(cpu), buildWallMs, buildCpuMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024, events: sim.kernel.events.count, messages: sim.bus.stats().sent,
  };
}

async function peakShaving(homes: number, evs: number): Promise<ScaleMeasurement> {
  const file = fileURLToPath(new URL('../scenarios/charging-peak-shaving.yaml', import.meta.url));
  const { scenario } = loadScenarioFile(file, { set: { homes: String(homes), evs: String(evs), transformerKva: String(5 * homes) } });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await runScenario(scenario, 'cloud-cloud');
  return {
    kind: 'peak-shaving', homes, vehicles: evs, wallMs: performance.now() - started, cpuMs: cpuMs(cpu),
    peakRssMb: process.resourceUsage().maxRSS / 1024, events: result.events, messages: result.metrics.messages, passed: result.passed,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, homes, evs] = process.argv.slice(2);
  const measured = kind === 'day' ? day(Number(homes)) : await peakShaving(Number(homes), Number(evs));
  console.log(JSON.stringify(measured));
}
