// The values of `twinbench run`'s flags, checked before anything runs: each bad value is a UsageError that names
// the flag and what it takes.
import path from 'node:path';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import type { ConnectorOptions, ExternalEndpointSpec } from '../connectors';
import type { MatterBridgeOptions } from '../connectors/matter/matter-bridge';
import { reportFormatOf } from '../report';
import { normalizeTwinRef, type ResolvedScenario } from '../scenario';
import { UsageError } from './cli-errors';
import { dataDir } from './data-dir';

/** The scenario schema's seed range: a whole number the PRNG takes without rounding (0 … 2^53 − 1). */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed takes a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${text}"`);
  }
  return seed;
}

export function parseSpeed(text: string | undefined): number | 'max' {
  if (text === undefined || text === 'max') return 'max';
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !(n > 0)) throw new UsageError(`--speed takes a positive number (× real time) or max, got "${text}"`);
  return n;
}

export function parseArchitectures(text: string | undefined, fallback: readonly Architecture[]): Architecture[] {
  if (text === undefined) return [...fallback];
  if (text === 'all') return [...ARCHITECTURES];
  if (!(ARCHITECTURES as readonly string[]).includes(text)) throw new UsageError(`--arch takes ${ARCHITECTURES.join(', ')} or all, got "${text}"`);
  return [text as Architecture];
}

/** `--set key=value`, repeatable; the values are type-checked later against the scenario's parameters. */
export function parseSet(pairs: readonly string[] | undefined): Record<string, string> {
  const set: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    if (key in set) throw new UsageError(`--set ${key} is given more than once`);
    set[key] = pair.slice(eq + 1);
  }
  return set;
}

/** A wrong extension is a usage error, found before minutes of simulation rather than after. */
export function checkReportPath(file: string | undefined): void {
  if (file === undefined) return;
  try {
    reportFormatOf(file);
  } catch (err) {
    const message = (err as Error).message;
    throw new UsageError(`--report: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
}

const EXTERNAL_CODECS = ['twinbench/v1', 'device-actions/v1'] as const;

/** `--external party=endpoint` (repeatable) and `--external-codec`, checked without the scenario. */
export function parseExternals(pairs: readonly string[] | undefined, codecText: string | undefined): Record<string, ExternalEndpointSpec> {
  if (codecText !== undefined && !(EXTERNAL_CODECS as readonly string[]).includes(codecText)) {
    throw new UsageError(`--external-codec takes ${EXTERNAL_CODECS.join(' or ')}, got "${codecText}"`);
  }
  const codec = codecText ?? 'twinbench/v1';
  const externals: Record<string, ExternalEndpointSpec> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--external takes party=endpoint (e.g. home-cloud=http://127.0.0.1:8090), got "${pair}"`);
    const party = normalizeTwinRef(pair.slice(0, eq));
    const endpoint = pair.slice(eq + 1);
    if (/^https?:\/\/./.test(endpoint)) externals[party] = { http: endpoint, codec };
    else if (/^wss?:\/\/./.test(endpoint)) externals[party] = { ws: endpoint, codec };
    else if (/^mqtt:./.test(endpoint)) externals[party] = { mqtt: endpoint.slice('mqtt:'.length), codec };
    else throw new UsageError(`--external ${party}: "${endpoint}" is not http://…, ws://… or mqtt:<topic prefix>`);
  }
  return externals;
}

export interface ConnectorFlags {
  broker?: string | undefined;
  'broker-user'?: string | undefined;
  'broker-ca'?: string | undefined;
  'broker-cert'?: string | undefined;
  'broker-key'?: string | undefined;
  'ha-discovery'?: boolean | undefined;
  otlp?: string | undefined;
  matter?: boolean | undefined;
}

/**
 * Real endpoints: the scenario's `connectors` section, overridden key by key (and party by party) by the command
 * line; undefined for a fully simulated run.
 */
export function connectorOptions(
  flags: ConnectorFlags,
  fromCommandLine: Record<string, ExternalEndpointSpec>,
  fromScenario: ResolvedScenario['connectors'],
  env: NodeJS.ProcessEnv = process.env,
): ConnectorOptions | undefined {
  const externals: Record<string, ExternalEndpointSpec> = {};
  for (const [party, spec] of Object.entries(fromScenario?.external ?? {})) {
    externals[normalizeTwinRef(party)] = {
      ...(spec.http !== undefined ? { http: spec.http } : spec.ws !== undefined ? { ws: spec.ws } : { mqtt: spec.mqtt! }),
      codec: spec.codec,
      ...(spec.timeout !== undefined ? { timeoutMs: spec.timeout } : {}),
      ...(spec.grants !== undefined ? { grants: spec.grants } : {}),
    };
  }
  Object.assign(externals, fromCommandLine);
  const broker = flags.broker ?? fromScenario?.broker;
  const haDiscovery = flags['ha-discovery'] === true || fromScenario?.haDiscovery === true;
  const otlp = flags.otlp ?? fromScenario?.otlp;
  if (broker === undefined) {
    for (const flag of ['broker-user', 'broker-ca', 'broker-cert', 'broker-key'] as const) {
      if (flags[flag] !== undefined) throw new UsageError(`--${flag} needs a broker: add --broker URL (or a connectors.broker in the scenario)`);
    }
  }
  const matter = matterOptions(flags.matter === true, fromScenario?.matter);
  if (broker === undefined && !haDiscovery && otlp === undefined && matter === undefined && Object.keys(externals).length === 0) return undefined;
  const password = env.TWINBENCH_BROKER_PASSWORD;
  const brokerOptions = {
    ...(flags['broker-user'] ? { username: flags['broker-user'] } : {}),
    ...(password ? { password } : {}),
    ...(flags['broker-ca'] ? { caFile: flags['broker-ca'] } : {}),
    ...(flags['broker-cert'] ? { certFile: flags['broker-cert'] } : {}),
    ...(flags['broker-key'] ? { keyFile: flags['broker-key'] } : {}),
  };
  return {
    ...(broker !== undefined ? { broker } : {}),
    brokerOptions,
    ...(haDiscovery ? { haDiscovery: fromScenario?.haGrants !== undefined ? { grants: fromScenario.haGrants } : true } : {}),
    ...(otlp !== undefined ? { otlp } : {}),
    ...(matter !== undefined ? { matter } : {}),
    externals,
  };
}

type MatterSection = NonNullable<ResolvedScenario['connectors']>['matter'];

/** `--matter` or the scenario's `matter:` (true, or port / passcode / discriminator / grants); fabrics in the data folder. */
function matterOptions(flag: boolean, section: MatterSection): MatterBridgeOptions | undefined {
  if (!flag && (section === undefined || section === false)) return undefined;
  const settings = typeof section === 'object' ? section : {};
  return { storagePath: path.join(dataDir(), 'matter'), ...settings };
}
