// Runs one fleet shard: connects its cars and homes as separate MQTT clients (staggered, a bounded number of
// connects in flight), lets them publish telemetry and command each other for the duration, waits for the
// commands still in flight, and returns the report. An AbortSignal (Ctrl-C) ends the run early; the report is
// still complete for what happened until then.
import { SeededRandom } from '../../twins/kernel/random';
import { CommandDriver } from './command-driver';
import { FleetParty } from './fleet-member';
import { shardMembers, type FleetOptions } from './fleet-plan';
import { connectSection, failureRate, FLEET_REPORT_FORMAT, latencySection, type FleetReport } from './fleet-report';
import { FLEET_TOPIC_ROOT, fleetTopics } from './fleet-topics';
import { StartBarrier, fleetRunId, type BarrierOutcome } from './start-barrier';
import { LatencyHistogram } from './latency-histogram';

export interface FleetHooks {
  signal?: AbortSignal | undefined;
  /** Progress lines (connect phase, traffic phase). */
  progress?: ((line: string) => void) | undefined;
  /** Called once every client made its first attempt (tests kill clients or brokers from here). */
  onConnected?: ((parties: readonly FleetParty[]) => void | Promise<void>) | undefined;
}

const TICK_MS = 5;
const TELEMETRY_TICK_MS = 250;

export async function runFleet(options: FleetOptions, hooks: FleetHooks = {}): Promise<FleetReport> {
  const topics = fleetTopics(options.topicRoot);
  const random = new SeededRandom(options.seed);
  const timeoutMs = (options.commandTimeoutS ?? 5) * 1000;
  const telemetryMs = (options.telemetryPeriodS ?? 10) * 1000;
  const counters = { handled: 0, malformed: 0 };
  // Filled once the clients exist; the driver picks senders from it.
  const senders: FleetParty[] = [];
  const driver = new CommandDriver(senders, { ...options, version: options.mqttVersion, timeoutMs }, topics, random.stream('fleet/commands'));
  const events = {
    onReply: (reply: Parameters<CommandDriver['onReply']>[0]) => driver.onReply(reply),
    onHandled: () => void counters.handled++,
    onMalformed: () => void counters.malformed++,
  };
  const members = shardMembers(options);
  const parties: FleetParty[] = [];
  const aborted = (): boolean => hooks.signal?.aborted === true;

  // Connect phase: at most `concurrency` first attempts in flight.
  const concurrency = options.connectConcurrency ?? 200;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < members.length && !aborted()) {
      const member = members[next++]!;
      const party = new FleetParty(member, topics, options.mqttVersion, random.stream(`fleet/${member.id}`), events, options.ca);
      parties.push(party);
      await party.client.firstAttempt();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, members.length) }, worker));
  const connectedNow = parties.filter((p) => p.client.connected).length;
  hooks.progress?.(`fleet: ${connectedNow}/${members.length} clients connected to ${options.brokers.join(', ')}`);
  if (connectedNow < members.length && connectedNow === 0) hooks.progress?.(`fleet: no client could connect; failed attempts are counted in the report and retried with backoff until the run ends`);
  await hooks.onConnected?.(parties);

  // Shards in other processes start together: wait until every shard has said its clients are connected.
  let barrier: { gate: StartBarrier; runId: string; outcome: BarrierOutcome } | undefined;
  if (options.shard.total > 1 && !aborted()) {
    const runId = options.runId ?? fleetRunId(options);
    const gate = new StartBarrier(options, runId, options.topicRoot ?? FLEET_TOPIC_ROOT);
    hooks.progress?.(`fleet: shard ${options.shard.index}/${options.shard.total} of run ${runId} waiting for the other shards`);
    const outcome = await gate.wait((options.barrierTimeoutS ?? 120) * 1000, hooks.signal);
    hooks.progress?.(outcome.timedOut
      ? `fleet: only ${outcome.ready}/${outcome.total} shards ready after ${(outcome.waitedMs / 1000).toFixed(1)} s; starting anyway (commands to the missing shards will fail)`
      : `fleet: all ${outcome.total} shards ready after ${(outcome.waitedMs / 1000).toFixed(1)} s`);
    barrier = { gate, runId, outcome };
  }

  // A home commands a car of its household; a home beyond the last car has none.
  senders.push(...parties.filter((p) => p.member.kind === 'vehicle' || p.member.index < options.vehicles));
  const phase = random.stream('fleet/telemetry-phase');
  const start = performance.now();
  for (const p of parties) p.nextTelemetryAt = start + phase.next() * telemetryMs;

  // Traffic phase.
  const end = start + options.durationS * 1000;
  await new Promise<void>((resolve) => {
    const commands = setInterval(() => {
      const now = performance.now();
      if (now >= end || aborted()) {
        clearInterval(commands);
        clearInterval(telemetry);
        return resolve();
      }
      driver.tick(now);
      driver.sweep(now);
    }, TICK_MS);
    const telemetry = setInterval(() => {
      const now = performance.now();
      for (const p of parties) {
        if (now < p.nextTelemetryAt) continue;
        p.publishState(telemetryMs / 1000);
        p.nextTelemetryAt += telemetryMs;
      }
    }, TELEMETRY_TICK_MS);
  });

  // Drain: commands in flight get their full timeout (a short grace after Ctrl-C), then count as timeouts.
  const drainUntil = performance.now() + (aborted() ? Math.min(timeoutMs, 1000) : timeoutMs);
  while (driver.inFlight > 0 && performance.now() < drainUntil) {
    await new Promise((r) => setTimeout(r, 20));
    driver.sweep(performance.now());
  }
  driver.sweep(performance.now(), true);

  // Every shard keeps its clients answering until every shard has sent its last command and had it answered.
  if (barrier !== undefined) {
    const done = new StartBarrier(options, `${barrier.runId}-done`, options.topicRoot ?? FLEET_TOPIC_ROOT);
    const finished = await done.wait((options.barrierTimeoutS ?? 120) * 1000, hooks.signal);
    if (finished.timedOut) hooks.progress?.(`fleet: only ${finished.ready}/${finished.total} shards finished; closing anyway`);
    await done.close();
  }

  const connected = parties.filter((p) => p.client.connected).length;
  const connectMs = new LatencyHistogram();
  const connectFailures: FleetReport['clients']['connectFailures'] = {};
  for (const p of parties) {
    if (p.client.firstConnectMs !== undefined) connectMs.record(p.client.firstConnectMs);
    for (const [reason, n] of Object.entries(p.client.failures)) connectFailures[reason as keyof typeof connectFailures] = (connectFailures[reason as keyof typeof connectFailures] ?? 0) + n;
  }
  await closeAll(parties, concurrency);
  await barrier?.gate.close();

  const { failures, ...counts } = driver.counts;
  return {
    format: FLEET_REPORT_FORMAT,
    plan: { vehicles: options.vehicles, homes: options.homes, durationS: options.durationS, commandRate: options.commandRate, mqttVersion: options.mqttVersion === 5 ? '5' : '3.1.1', seed: options.seed },
    shards: [options.shard],
    brokers: options.brokers,
    interrupted: aborted(),
    clients: { total: members.length, connected, everConnected: parties.filter((p) => p.client.everConnected).length, connectMs: connectSection(connectMs), connectFailures },
    commands: { ...counts, ...counters },
    latency: latencySection(driver.latency),
    failureRate: failureRate(failures, counts.attempted),
    failures,
    telemetry: { published: parties.reduce((n, p) => n + p.telemetryPublished, 0) },
    ...(barrier ? { start: { runId: barrier.runId, shardsReady: barrier.outcome.ready, shardsTotal: barrier.outcome.total, waitedMs: barrier.outcome.waitedMs, timedOut: barrier.outcome.timedOut } } : {}),
  };
}

/** Clean goodbyes (`offline` retained, DISCONNECT), a bounded number at a time, each given 2 s at most. */
async function closeAll(parties: readonly FleetParty[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < parties.length) {
      const p = parties[next++]!;
      await Promise.race([p.client.close(), new Promise((r) => setTimeout(r, 2000))]);
      p.client.kill();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, parties.length) }, worker));
}
