// Fleet mode at scale: 10,000 clients (5,000 cars, 5,000 homes) from this one process against a local Mosquitto
// started here with a raised file-descriptor limit. Figures: % connected (target ≥ 99.9 %), % of commands
// answered (target ≥ 99 %), round trip p50/p99, and what sizing needs — memory per client, and CPU of this
// process and of the broker per 1,000 messages/s (README, "Sizing plan for 1,000,000 vehicles").
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../engine/connectors/test-support/mosquitto';
import { runFleet } from '../engine/fleet/run-fleet';
import type { BenchResult } from './bench-result';

const CARS = Number(process.env.TWINBENCH_FLEET_CARS ?? 5000);
const HOMES = Number(process.env.TWINBENCH_FLEET_HOMES ?? 5000);
const DURATION_S = Number(process.env.TWINBENCH_FLEET_SECONDS ?? 30);
const COMMAND_RATE = 200;
const TELEMETRY_PERIOD_S = 10;

/** utime + stime of a process in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks; USER_HZ is 100 on Linux
}
const rssKbOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

export async function benchFleet(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-bench-fleet-'));
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_connections -1\npersistence false\nlog_dest stderr\nlog_type error\n`);
  const broker = spawn('sh', ['-c', `ulimit -n 65536; exec ${process.env.TWINBENCH_MOSQUITTO ?? '/usr/sbin/mosquitto'} -c ${conf}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let brokerLog = '';
  broker.stderr.on('data', (d: Buffer) => (brokerLog += d.toString()));
  try {
    await new Promise((r) => setTimeout(r, 300));
    if (broker.exitCode !== null) throw new Error(`mosquitto did not start: ${brokerLog}`);
    const heapBefore = process.memoryUsage();
    const cpuBefore = process.cpuUsage();
    let connectedAt = { rss: 0, heap: 0, selfCpu: 0, brokerCpu: 0, brokerRss: 0, t: 0 };
    const started = performance.now();
    const report = await runFleet(
      { vehicles: CARS, homes: HOMES, brokers: [`mqtt://127.0.0.1:${port}`], durationS: DURATION_S, commandRate: COMMAND_RATE, shard: { index: 1, total: 1 }, mqttVersion: 5, seed: 1, telemetryPeriodS: TELEMETRY_PERIOD_S, commandTimeoutS: 5 },
      {
        onConnected: () => {
          const m = process.memoryUsage();
          const c = process.cpuUsage(cpuBefore);
          connectedAt = { rss: m.rss, heap: m.heapUsed, selfCpu: (c.user + c.system) / 1000, brokerCpu: cpuMsOf(broker.pid!), brokerRss: rssKbOf(broker.pid!), t: performance.now() };
        },
      },
    );
    const trafficS = (performance.now() - connectedAt.t) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const selfCpuMs = (cpu.user + cpu.system) / 1000 - connectedAt.selfCpu;
    const brokerCpuMs = cpuMsOf(broker.pid!) - connectedAt.brokerCpu;
    // Messages this process published: telemetry, and per answered command its command, the device's state and
    // its reply (the broker delivers each once more to its one subscriber).
    const published = report.telemetry.published + 3 * report.commands.answered;
    const msgsPerS = published / trafficS;
    const total = report.clients.total;
    const pct = (a: number, b: number): number => (b === 0 ? 0 : (100 * a) / b);
    return [
      { name: `${total.toLocaleString('en')} clients connected at the end`, value: pct(report.clients.connected, total), unit: '%', note: `target ≥ 99.9 %; connect p50 ${report.clients.connectMs.p50} ms, p99 ${report.clients.connectMs.p99} ms, ${((connectedAt.t - started) / 1000).toFixed(1)} s for all (200 connects in flight)` },
      { name: `commands answered (${report.commands.attempted} at ${COMMAND_RATE}/s for ${DURATION_S} s)`, value: pct(report.commands.answered, report.commands.attempted), unit: '%', note: `target ≥ 99 %; failures ${JSON.stringify(report.failures)}` },
      { name: 'command round trip p50', value: report.latency.p50Ms ?? NaN, unit: 'ms' },
      { name: 'command round trip p99', value: report.latency.p99Ms ?? NaN, unit: 'ms' },
      { name: 'fleet process memory per client (RSS after connecting)', value: (connectedAt.rss - heapBefore.rss) / total / 1024, unit: 'KiB', note: `JS heap ${((connectedAt.heap - heapBefore.heapUsed) / total / 1024).toFixed(1)} KiB per client` },
      { name: 'broker memory per client (Mosquitto RSS)', value: connectedAt.brokerRss / total, unit: 'KiB' },
      { name: 'messages published by the fleet', value: msgsPerS, unit: 'msgs/s' },
      { name: 'fleet process CPU per 1,000 msgs/s', value: (selfCpuMs / trafficS / 10) / (msgsPerS / 1000), unit: '% of a core' },
      { name: 'broker CPU per 1,000 msgs/s (in + out)', value: (brokerCpuMs / trafficS / 10) / (msgsPerS / 1000), unit: '% of a core' },
    ];
  } finally {
    broker.kill('SIGTERM');
    await new Promise((r) => (broker.exitCode !== null ? r(undefined) : broker.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}
