// `twinbench merge` for fleet reports: shards of one fleet run (same plan), each run by its own process or
// machine, combined into the report of the whole fleet. Counts add up; latency and connect-time histograms pool
// bucket by bucket, so merged percentiles keep the 1 % bound of one shard (latency-histogram.ts). A shard given
// twice, or shards of different plans, are refused with the file's name.
import { z } from 'zod';
import type { CommandFailure } from './command-driver';
import { connectSection, failureRate, FLEET_REPORT_FORMAT, latencySection, type FleetReport } from './fleet-report';
import { LatencyHistogram } from './latency-histogram';

export class FleetMergeError extends Error {}

const Buckets = z.array(z.tuple([z.number().int().min(0).max(100_000), z.number().int().min(0)])).max(100_000);
const Count = z.number().int().min(0);
const Failures = z.object({ timeout: Count, 'not-connected': Count, 'publish-error': Count, refused: Count });

const FleetReportSchema = z.looseObject({
  format: z.literal(FLEET_REPORT_FORMAT),
  plan: z.object({ vehicles: Count, homes: Count, durationS: z.number(), commandRate: z.number(), mqttVersion: z.enum(['3.1.1', '5']), seed: z.number() }),
  shards: z.array(z.object({ index: z.number().int().min(1), total: z.number().int().min(1) })).min(1),
  brokers: z.array(z.string()),
  interrupted: z.boolean(),
  clients: z.object({
    total: Count, connected: Count, everConnected: Count,
    connectMs: z.looseObject({ histogram: Buckets }),
    connectFailures: z.record(z.string(), Count),
  }),
  commands: z.object({ attempted: Count, sent: Count, answered: Count, crossShard: Count, handled: Count, malformed: Count }),
  latency: z.looseObject({ histogram: Buckets }),
  failures: Failures,
  telemetry: z.object({ published: Count }),
  start: z.object({ runId: z.string().max(200), shardsReady: Count, shardsTotal: Count, waitedMs: z.number().min(0), timedOut: z.boolean() }).optional(),
});

/** The parsed report, or a FleetMergeError naming the file and the first field that is wrong. */
export function parseFleetReport(file: string, json: unknown): FleetReport {
  const parsed = FleetReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new FleetMergeError(`${file}: not a fleet report written by \`twinbench fleet … --report x.json\` (${issue.message}${where})`);
  }
  return parsed.data as unknown as FleetReport;
}

export interface MergedFleet {
  report: FleetReport;
  /** Shards of the plan's `n` that no input covered. */
  missing: number[];
}

export function mergeFleetReports(inputs: readonly { file: string; report: FleetReport }[]): MergedFleet {
  if (inputs.length === 0) throw new FleetMergeError('name at least one report to merge');
  const first = inputs[0]!;
  const seen = new Map<string, string>();
  const latency = new LatencyHistogram();
  const connect = new LatencyHistogram();
  const failures: Record<CommandFailure, number> = { timeout: 0, 'not-connected': 0, 'publish-error': 0, refused: 0 };
  const connectFailures: Record<string, number> = {};
  const commands = { attempted: 0, sent: 0, answered: 0, crossShard: 0, handled: 0, malformed: 0 };
  const clients = { total: 0, connected: 0, everConnected: 0 };
  let published = 0;
  let start: FleetReport['start'];
  for (const { file, report } of inputs) {
    const a = first.report.plan;
    const b = report.plan;
    if (a.vehicles !== b.vehicles || a.homes !== b.homes || a.commandRate !== b.commandRate || a.seed !== b.seed || a.mqttVersion !== b.mqttVersion) {
      throw new FleetMergeError(`${file}: its plan (${describePlan(b)}) is not ${first.file}'s (${describePlan(a)}): not shards of one fleet run`);
    }
    for (const shard of report.shards) {
      const key = `${shard.index}/${shard.total}`;
      const other = seen.get(key);
      if (other !== undefined) throw new FleetMergeError(`shard ${key} is in both ${other} and ${file}; merge each shard once`);
      seen.set(key, file);
    }
    latency.addBuckets(report.latency.histogram);
    connect.addBuckets(report.clients.connectMs.histogram);
    for (const k of Object.keys(failures) as CommandFailure[]) failures[k] += report.failures[k];
    for (const [k, n] of Object.entries(report.clients.connectFailures)) connectFailures[k] = (connectFailures[k] ?? 0) + (n ?? 0);
    for (const k of Object.keys(commands) as (keyof typeof commands)[]) commands[k] += report.commands[k];
    for (const k of Object.keys(clients) as (keyof typeof clients)[]) clients[k] += report.clients[k];
    published += report.telemetry.published;
    start = mergeStart(start, report.start, file);
  }
  const shards = [...seen.keys()].map((k) => ({ index: Number(k.split('/')[0]), total: Number(k.split('/')[1]) })).sort((x, y) => x.total - y.total || x.index - y.index);
  const total = shards[0]!.total;
  const covered = new Set(shards.filter((s) => s.total === total).map((s) => s.index));
  const missing = shards.every((s) => s.total === total) ? Array.from({ length: total }, (_, i) => i + 1).filter((i) => !covered.has(i)) : [];
  return {
    missing,
    report: {
      format: FLEET_REPORT_FORMAT,
      plan: first.report.plan,
      shards,
      brokers: [...new Set(inputs.flatMap((i) => i.report.brokers))],
      interrupted: inputs.some((i) => i.report.interrupted),
      clients: { ...clients, connectMs: connectSection(connect), connectFailures },
      commands,
      latency: latencySection(latency),
      failureRate: failureRate(failures, commands.attempted),
      failures,
      telemetry: { published },
      ...(start ? { start } : {}),
    },
  };
}

/** The barrier over shards: the fewest shards any of them heard, the longest wait; one run id for all. */
function mergeStart(a: FleetReport['start'], b: FleetReport['start'], file: string): FleetReport['start'] {
  if (a === undefined || b === undefined) return a ?? b;
  if (a.runId !== b.runId) throw new FleetMergeError(`${file}: started as run ${b.runId}, the others as ${a.runId}: not shards of one fleet run`);
  return { runId: a.runId, shardsReady: Math.min(a.shardsReady, b.shardsReady), shardsTotal: a.shardsTotal, waitedMs: Math.max(a.waitedMs, b.waitedMs), timedOut: a.timedOut || b.timedOut };
}

const describePlan = (p: FleetReport['plan']): string => `${p.vehicles} cars, ${p.homes} homes, ${p.commandRate}/s, seed ${p.seed}, MQTT ${p.mqttVersion}`;
