// `twinbench run a.yaml b.yaml … --seeds 1..10 --workers N --shard i/n`: when a run is a suite, and the flags that
// make no sense for one (a suite runs as fast as it can, fully simulated, each run with its own seed).
import os from 'node:os';
import path from 'node:path';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import { parseSeeds, parseShard, SuitePlanError, type Shard } from '../suite/suite-plan';
import type { SuiteOptions } from '../suite/run-suite';
import { UsageError } from './cli-errors';
import { defaultRecordingFile } from './data-dir';

export interface SuiteFlags {
  seeds?: string | undefined;
  workers?: string | undefined;
  shard?: string | undefined;
}

/** Flags of a single run that a suite refuses (real endpoints pace or pause the clock; one seed contradicts --seeds). */
const SINGLE_RUN_ONLY = ['seed', 'speed', 'broker', 'broker-user', 'broker-ca', 'broker-cert', 'broker-key', 'ha-discovery', 'external', 'external-codec', 'otlp', 'matter', 'ocpp', 'ocpp-version'] as const;

/** At most this many worker processes: each holds a whole simulation in memory. */
export const MAX_WORKERS = 64;

export function isSuite(files: readonly string[], flags: SuiteFlags): boolean {
  return files.length > 1 || flags.seeds !== undefined || flags.workers !== undefined || flags.shard !== undefined;
}

export function suiteOptions(
  files: readonly string[],
  values: SuiteFlags & { arch?: string | undefined; record?: string | undefined; 'no-record'?: boolean | undefined; report?: string | undefined; junit?: string | undefined } & Record<string, unknown>,
  set: Record<string, string>,
): SuiteOptions {
  for (const flag of SINGLE_RUN_ONLY) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is for a single run; a suite (several files, --seeds, --workers or --shard) runs fully simulated, as fast as it can${flag === 'seed' ? ': use --seeds' : ''}`);
  }
  if (values.report !== undefined && !['.json', '.md', '.html'].includes(path.extname(values.report).toLowerCase())) {
    throw new UsageError(`--report ${values.report}: a suite's report is .json, .md or .html`);
  }
  let seeds: number[] | undefined;
  let shard: Shard | undefined;
  try {
    seeds = values.seeds === undefined ? undefined : parseSeeds(values.seeds);
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (err) {
    if (err instanceof SuitePlanError) throw new UsageError(err.message);
    throw err;
  }
  return {
    files,
    ...(values.arch !== undefined ? { architectures: parseSuiteArch(values.arch) } : {}),
    ...(seeds !== undefined ? { seeds } : {}),
    workers: parseWorkers(values.workers),
    ...(shard !== undefined ? { shard } : {}),
    set,
    ...(values['no-record'] ? {} : { recordFile: path.resolve(values.record ?? defaultRecordingFile()) }),
    ...(values.report !== undefined ? { report: values.report } : {}),
    ...(values.junit !== undefined ? { junit: values.junit } : {}),
  };
}

/** `--workers N` (default: the number of cores), 1 to MAX_WORKERS. */
export function parseWorkers(text: string | undefined): number {
  if (text === undefined) return Math.max(1, os.availableParallelism());
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_WORKERS) throw new UsageError(`--workers takes a whole number from 1 to ${MAX_WORKERS}, got "${text}"`);
  return n;
}

function parseSuiteArch(text: string): Architecture | 'all' {
  if (text === 'all' || (ARCHITECTURES as readonly string[]).includes(text)) return text as Architecture | 'all';
  throw new UsageError(`--arch takes ${ARCHITECTURES.join(', ')} or all, got "${text}"`);
}
