// `twinbench fleet`: thousands of simulated cars and homes on a real broker, each its own MQTT client, commanding
// each other; the report measures what a cloud's pilot measures (connected share, commands answered, round trip,
// failure rate by reason). Every flag is bounded; Ctrl-C ends the run and the report is still written.
import { readFileSync, writeFileSync } from 'node:fs';
import { FleetPlanError, MAX_CLIENTS_PER_KIND, MAX_COMMAND_RATE, boundedInt, boundedNumber, parseBrokers, parseDuration, parseMqttVersion, parseShard, type FleetOptions } from '../fleet/fleet-plan';
import { summaryLine } from '../fleet/fleet-report';
import { runFleet } from '../fleet/run-fleet';
import { CliError, UsageError } from './cli-errors';
import { defineCommand } from './command-spec';
import { prepareOutputFile } from './output-file';

export const fleetCommand = defineCommand(
  {
    name: 'fleet',
    args: '',
    positionals: { min: 0, max: 0 },
    summary: 'put N cars and M homes on a real MQTT broker as separate clients and measure commands between them',
    description:
      'Every car and home is its own MQTT client (client id tb-fleet-vehicle-000123; last will `offline`, retained),\n' +
      'spread over the broker URLs (client k uses url[k mod count]). Cars publish COVESA VSS telemetry, homes their\n' +
      'device state; cars command their homes and homes their cars at --command-rate, and the report gives the share\n' +
      'connected, commands answered, round-trip p50/p99 and failures by reason. Household i is car i with home i mod M.\n' +
      '--shard k/n simulates the cars with index ≡ k-1 and the homes with index ≡ k (mod n): with n dividing M every\n' +
      'command crosses to another shard. Shards may run as separate processes or machines: each connects its clients,\n' +
      'then waits on the broker until all n shards are connected (--barrier-timeout) so that traffic starts together.\n' +
      'Merge the shards\' reports with `twinbench merge a.json b.json --report all.json`.',
    options: {
      vehicles: { type: 'string', value: 'N', help: `simulated cars (0 to ${MAX_CLIENTS_PER_KIND.toLocaleString('en')})`, required: true },
      homes: { type: 'string', value: 'M', help: `simulated homes (1 to ${MAX_CLIENTS_PER_KIND.toLocaleString('en')})`, required: true },
      broker: { type: 'string', value: 'URL[,URL…]', help: 'broker nodes: mqtt://, mqtts://, ws:// or wss://', required: true },
      duration: { type: 'string', value: 'T', help: 'traffic time after connecting: 60, 90s, 5m, 2h (at most 24h)', required: true },
      'command-rate': { type: 'string', value: 'R', help: 'commands per second for this shard (default 1)' },
      shard: { type: 'string', value: 'k/n', help: 'simulate shard k of n (default 1/1)' },
      'mqtt-version': { type: 'string', value: '3.1.1|5', help: 'protocol (default 5; NATS\'s MQTT listener needs 3.1.1)' },
      seed: { type: 'string', value: 'N', help: 'seed of the command schedule and the telemetry (default 1)' },
      'command-timeout': { type: 'string', value: 'S', help: 'seconds before an unanswered command is a timeout (default 5)' },
      'broker-ca': { type: 'string', value: 'FILE', help: 'PEM of the CA that signed the broker\'s certificate (mqtts://, wss://)' },
      'run-id': { type: 'string', value: 'ID', help: 'name of the run the shards meet under (default: derived from the plan)' },
      'barrier-timeout': { type: 'string', value: 'S', help: 'seconds a shard waits for the other shards before starting (default 120)' },
      report: { type: 'string', value: 'FILE', help: 'write the fleet report (JSON, format twinbench-fleet/v1)' },
    },
    footer: 'Exit status: 0 the run completed (see the report for failures), 1 no client could connect, 2 bad command line.',
  },
  async ({ values }, io) => {
    const options = fleetOptions(values);
    if (values.report !== undefined) prepareOutputFile('--report', values.report, 'fleet.json');
    const controller = new AbortController();
    const onSigint = (): void => {
      io.err('fleet: interrupted; finishing the commands in flight and writing the report');
      controller.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      const report = await runFleet(options, { signal: controller.signal, progress: (line) => io.err(line) });
      if (values.report !== undefined) {
        try {
          writeFileSync(values.report, `${JSON.stringify(report)}\n`);
        } catch (err) {
          throw new CliError(`--report ${values.report}: cannot write it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        }
      }
      io.out(summaryLine(report));
      if (report.clients.everConnected === 0 && report.clients.total > 0) {
        io.err(`fleet: no client could connect to ${options.brokers.join(', ')} (${Object.entries(report.clients.connectFailures).map(([k, n]) => `${k} ${n}`).join(', ') || 'no answer'}); ${report.clients.connectFailures.tls ? 'the broker\'s certificate is not trusted: give its CA with --broker-ca FILE' : 'is the broker running and reachable?'}`);
        return 1;
      }
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
);

/** The CA file's PEM; refused when unreadable, not PEM, or no broker URL uses TLS. */
function readCa(file: string, brokers: string): Buffer {
  if (!/(^|,)\s*(mqtts|wss):/i.test(brokers)) throw new FleetPlanError('--broker-ca', 'given, but no --broker URL is mqtts:// or wss://');
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FleetPlanError('--broker-ca', `${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? 'error'})`}`);
  }
  if (pem.length > 1_000_000 || !pem.includes('-----BEGIN CERTIFICATE-----')) throw new FleetPlanError('--broker-ca', `${file} is not a PEM certificate`);
  return pem;
}

/** The flags as FleetOptions; any bad value is a usage error naming its flag. */
export function fleetOptions(values: Partial<Record<string, string | boolean>>): FleetOptions {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const need = (name: string): string => {
    const v = text(name);
    if (v === undefined) throw new UsageError(`--${name} is required`, true);
    return v;
  };
  try {
    const version = text('mqtt-version');
    const rate = text('command-rate');
    const timeout = text('command-timeout');
    const runId = text('run-id');
    const caFile = text('broker-ca');
    const barrier = text('barrier-timeout');
    if (runId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(runId)) {
      throw new FleetPlanError('--run-id', `needs 1 to 64 letters, digits, - or _ (it becomes an MQTT topic level), got "${runId.slice(0, 80)}"`);
    }
    return {
      vehicles: boundedInt('--vehicles', need('vehicles'), 0, MAX_CLIENTS_PER_KIND),
      homes: boundedInt('--homes', need('homes'), 1, MAX_CLIENTS_PER_KIND),
      brokers: parseBrokers(need('broker')),
      durationS: parseDuration(need('duration')),
      commandRate: rate === undefined ? 1 : boundedNumber('--command-rate', rate, 0, MAX_COMMAND_RATE),
      shard: parseShard(text('shard') ?? '1/1'),
      mqttVersion: version === undefined ? 5 : parseMqttVersion(version),
      seed: boundedInt('--seed', text('seed') ?? '1', 0, Number.MAX_SAFE_INTEGER),
      commandTimeoutS: timeout === undefined ? 5 : boundedNumber('--command-timeout', timeout, 0.01, 3600),
      ...(runId !== undefined ? { runId } : {}),
      ...(caFile !== undefined ? { ca: readCa(caFile, need('broker')) } : {}),
      ...(barrier !== undefined ? { barrierTimeoutS: boundedNumber('--barrier-timeout', barrier, 0, 86_400) } : {}),
    };
  } catch (err) {
    if (err instanceof FleetPlanError) throw new UsageError(err.message);
    throw err;
  }
}
