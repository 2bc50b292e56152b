// The argument setup `run` and `mcp` share: the --record / --no-record pair (one option table, one contradiction
// check) and the scenario as it will run — loaded with its problems located at file:line:column, then --seed and
// --arch applied. Kept in one place so the two commands cannot drift apart on what a flag means.
import type { Architecture } from '../../twins/bus/envelope';
import type { ResolvedScenario, ScenarioIssue } from '../scenario';
import { UsageError } from './cli-errors';
import type { OptionSpec } from './command-spec';
import { parseArchitectures } from './run-options';
import { invalidScenarioIssues, loadRunnableScenario } from './scenario-check';

export const RECORD_OPTIONS = {
  record: { type: 'string', value: 'FILE.db', help: 'record into this SQLite database (default: runs.db in your data folder)' },
  'no-record': { type: 'boolean', help: 'do not record' },
} as const satisfies Record<string, OptionSpec>;

export interface RecordFlags {
  record: string | undefined;
  noRecord: boolean | undefined;
}

/** `--record FILE` or `--no-record`, never both. */
export function recordFlags(values: { record?: string | undefined; 'no-record'?: boolean | undefined }): RecordFlags {
  if (values.record !== undefined && values['no-record']) throw new UsageError('--record and --no-record contradict each other; give one');
  return { record: values.record, noRecord: values['no-record'] };
}

export type LoadedScenario = { scenario: ResolvedScenario } | { issues: readonly ScenarioIssue[] };

/** The scenario with its map and model, or its located problems; any other failure (an unreadable file) throws. */
export function loadScenarioOrIssues(file: string, set: Record<string, string> = {}): LoadedScenario {
  try {
    return { scenario: loadRunnableScenario(file, set) };
  } catch (err) {
    const issues = invalidScenarioIssues(err);
    if (issues === undefined) throw err;
    return { issues };
  }
}

/** The scenario under `--seed` (its own seed when absent) and the architectures `--arch` names (its own list by default). */
export function scenarioToRun(scenario: ResolvedScenario, seed: number | undefined, arch: string | undefined): { scenario: ResolvedScenario; architectures: Architecture[] } {
  const seeded = seed === undefined ? scenario : { ...scenario, seed };
  return { scenario: seeded, architectures: parseArchitectures(arch, seeded.architectures) };
}
