// Loads a scenario file: YAML with positions → parameter declarations and `--set` overrides → `${name}`
// substitution → schema → cross-references. Every problem of every stage is collected and reported
// together as file:line:column before anything runs; only a YAML syntax error stops the pipeline early,
// because past it the document's shape is guesswork.
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { crossCheckScenario } from './cross-references';
import { metricNameProblems } from './metric-names';
import { scenarioNameProblems } from './name-checks';
import { verdictProblems } from './verdict';
import { ScenarioError, problemsFromZod, scenarioErrorMap, type PathProblem, type ScenarioIssue } from './issues';
import { SCENARIO_LIMITS, formatLimit } from './limits';
import { readSubstituted } from './parameter-substitution';
import type { ParameterValue } from './parameters';
import { ScenarioSchema, type ScenarioDocument } from './schema';
import { SourceIndex, parseYamlSource } from './yaml-source';

export interface LoadOptions {
  /** `--set name=value` overrides, as typed on the command line. */
  set?: Readonly<Record<string, string>>;
  /** Check that files the scenario names (a GeoJSON map) exist. Default: true for files, false for text. */
  checkFiles?: boolean;
}

/** A scenario ready to run: validated, defaults applied, parameters substituted, paths absolute. */
export type ResolvedScenario = ScenarioDocument & {
  /** Effective parameter values (defaults after `--set`), in declaration order. */
  parameterValues: Record<string, ParameterValue>;
  /** Absolute path of the scenario file (or the name given to loadScenarioText). */
  sourceFile: string;
};

export interface LoadedScenario {
  scenario: ResolvedScenario;
  file: string;
}

type Analysis = { scenario: ResolvedScenario; issues: [] } | { scenario: undefined; issues: ScenarioIssue[] };

function analyse(text: string, fileName: string, options: LoadOptions): Analysis {
  if (text.length > SCENARIO_LIMITS.fileBytes) return { scenario: undefined, issues: [tooLarge(fileName, text.length, 'characters')] };
  const setProblem = checkSetSize(options.set ?? {});
  if (setProblem) return { scenario: undefined, issues: [{ file: fileName, line: 1, column: 1, message: setProblem }] };
  const source = parseYamlSource(text);
  const index = new SourceIndex(source.lineCounter);
  const located = (offset: number, message: string): ScenarioIssue => ({ file: fileName, ...index.position(offset), message });
  if (source.syntaxErrors.length > 0) {
    return { scenario: undefined, issues: source.syntaxErrors.map((error) => located(error.offset, `YAML: ${error.message}`)) };
  }
  if (source.doc.contents === null) {
    return { scenario: undefined, issues: [located(0, 'the file is empty: a scenario needs at least `scenario:` and `duration:`')] };
  }

  // Parameter declarations and `--set` → the document with `${…}` substituted (parameter-substitution.ts).
  const document = readSubstituted(source, index, options.set ?? {});
  const pathProblems: PathProblem[] = [...document.pathProblems];

  if (typeof document.value !== 'object' || document.value === null || Array.isArray(document.value)) {
    return { scenario: undefined, issues: [located(0, 'a scenario is a YAML map of keys such as `scenario:`, `duration:`, `steps:`')] };
  }
  const parsed = ScenarioSchema.safeParse(document.value, { reportInput: true, error: scenarioErrorMap });
  pathProblems.push(
    ...document.attributed([
      ...(parsed.success ? [] : problemsFromZod(parsed.error.issues)),
      ...crossCheckScenario(document.value),
      ...scenarioNameProblems(document.value),
      ...metricNameProblems(document.value),
      ...verdictProblems(document.value),
    ]),
  );
  pathProblems.push(...missingFiles(document.value, fileName, options.checkFiles ?? false));

  const issues = capped(dedupeAndSort([
    ...document.offsetProblems.map((problem) => located(problem.offset, problem.message)),
    ...pathProblems.map((problem) => located(index.offsetOf(problem.path, problem.at), problem.message)),
  ]));
  if (issues.length > 0 || !parsed.success) return { scenario: undefined, issues };

  const scenario = parsed.data;
  return {
    scenario: {
      ...scenario,
      map: scenario.map.kind === 'geojson' ? { ...scenario.map, path: resolve(dirname(fileName), scenario.map.path) } : scenario.map,
      parameterValues: Object.fromEntries([...document.declarations.keys()].map((name) => [name, document.values.get(name)!])),
      sourceFile: resolve(fileName),
    },
    issues: [],
  };
}

function missingFiles(document: unknown, fileName: string, checkFiles: boolean): PathProblem[] {
  const map = (document as { map?: { geojson?: unknown } } | null)?.map;
  if (!checkFiles || typeof map?.geojson !== 'string') return [];
  const path = resolve(dirname(fileName), map.geojson);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return [{ path: ['map', 'geojson'], message: `map.geojson: ${path} is not a file` }];
    size = stat.size;
  } catch {
    return [{ path: ['map', 'geojson'], message: `map.geojson: no such file ${path}` }];
  }
  // The map is read whole and parsed when the run starts: its size is bounded here, before anything runs.
  if (size > SCENARIO_LIMITS.mapFileBytes) {
    return [{ path: ['map', 'geojson'], message: `map.geojson: ${path} is ${formatLimit(size)} bytes; a map file may have at most ${formatLimit(SCENARIO_LIMITS.mapFileBytes, 'bytes')}` }];
  }
  return [];
}

/** Limits on `--set`, checked before the file is parsed: they come from a command line or a socket. */
function checkSetSize(set: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(set);
  if (entries.length > SCENARIO_LIMITS.setOverrides) {
    return `--set: ${entries.length} overrides; at most ${SCENARIO_LIMITS.setOverrides} are accepted`;
  }
  const long = entries.find(([name, value]) => name.length + value.length > SCENARIO_LIMITS.setValueChars);
  if (long) {
    return `--set ${long[0].slice(0, 40)}${long[0].length > 40 ? '…' : ''}=…: ${long[0].length + long[1].length} characters; a name and value may have at most ${formatLimit(SCENARIO_LIMITS.setValueChars)}`;
  }
  return undefined;
}

function tooLarge(file: string, size: number, unit: 'bytes' | 'characters'): ScenarioIssue {
  return {
    file,
    line: 1,
    column: 1,
    message: `the scenario is ${formatLimit(size)} ${unit}; a scenario file may have at most ${formatLimit(SCENARIO_LIMITS.fileBytes, 'bytes')}`,
  };
}

/** The first problems and a count of the rest: ten thousand copies of one mistake help nobody. */
function capped(issues: ScenarioIssue[]): ScenarioIssue[] {
  const limit = SCENARIO_LIMITS.reportedIssues;
  if (issues.length <= limit) return issues;
  const last = issues[limit - 1]!;
  return [...issues.slice(0, limit), { ...last, message: `… and ${formatLimit(issues.length - limit)} more problems` }];
}

function dedupeAndSort(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues
    .filter((issue) => {
      const key = `${issue.line}:${issue.column}:${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Loads a scenario from text; `fileName` is used in messages and to resolve relative paths. */
export function loadScenarioText(text: string, fileName: string, options: LoadOptions = {}): LoadedScenario {
  const analysis = analyse(text, fileName, options);
  if (analysis.scenario === undefined) throw new ScenarioError(analysis.issues);
  return { scenario: analysis.scenario, file: resolve(fileName) };
}

/** Reads the file only after its size is known to be within the limit (stat of the open descriptor, so no swap in between). */
function readScenarioFile(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ScenarioError([{ file: path, line: 1, column: 1, message: 'cannot read the scenario: not a regular file' }]);
    if (stat.size > SCENARIO_LIMITS.fileBytes) throw new ScenarioError([tooLarge(path, stat.size, 'bytes')]);
    return readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError([{ file: path, line: 1, column: 1, message: `cannot read the scenario: ${(error as Error).message}` }]);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Loads and validates a scenario file; throws ScenarioError listing every problem. */
export function loadScenarioFile(path: string, options: LoadOptions = {}): LoadedScenario {
  return loadScenarioText(readScenarioFile(path), path, { checkFiles: true, ...options });
}

/** Problems of each file (empty when valid), for `twinbench validate`. Never throws for a bad scenario. */
export function validateScenarioFiles(
  paths: readonly string[],
  options: LoadOptions = {},
): { file: string; issues: ScenarioIssue[] }[] {
  return paths.map((file) => {
    try {
      loadScenarioFile(file, options);
      return { file, issues: [] };
    } catch (error) {
      if (error instanceof ScenarioError) return { file, issues: [...error.issues] };
      throw error;
    }
  });
}
