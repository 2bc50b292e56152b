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
import {
  ParameterDeclarationSchema,
  ParametersSchema,
  resolveParameterValues,
  type ParameterDeclaration,
  type ParameterValue,
} from './parameters';
import { PARAMETER_NAME_PATTERN, decodePlaceholders, placeholdersIn, substitutePlaceholders } from './placeholders';
import { ScenarioSchema, type ScenarioDocument } from './schema';
import {
  SourceIndex,
  parseYamlSource,
  readNode,
  topLevelNode,
  type ParsedSource,
  type Path,
  type ReadOptions,
  type SourceProblem,
} from './yaml-source';

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

/** Declarations as written: a scalar cannot use `${…}` inside the `parameters` section itself. */
const literalScalars: ReadOptions['onScalar'] = (value, { node }, report) => {
  if (typeof value !== 'string' || decodePlaceholders(value) === value) return value;
  report({ offset: node.range?.[0] ?? 0, message: 'a parameter declaration cannot use ${…} (parameters cannot refer to each other)' });
  return decodePlaceholders(value);
};

/**
 * Valid declarations, plus a stand-in value for each broken one (its default when it has a usable one):
 * the broken declaration is reported once, where it is, and its uses do not cascade into more errors.
 */
function declarationsOf(parameters: unknown): {
  declarations: Map<string, ParameterDeclaration>;
  fallbacks: Map<string, ParameterValue | undefined>;
} {
  const declarations = new Map<string, ParameterDeclaration>();
  const fallbacks = new Map<string, ParameterValue | undefined>();
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) return { declarations, fallbacks };
  for (const [name, declaration] of Object.entries(parameters)) {
    const parsed = ParameterDeclarationSchema.safeParse(declaration);
    if (parsed.success && PARAMETER_NAME_PATTERN.test(name)) {
      declarations.set(name, parsed.data);
      continue;
    }
    const fallback = (declaration as { default?: unknown } | null)?.default;
    const usable = typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean';
    fallbacks.set(name, usable ? fallback : undefined);
  }
  return { declarations, fallbacks };
}

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

  const offsetProblems: SourceProblem[] = [];
  const pathProblems: PathProblem[] = [];

  // Parameters first: their values must be known before the rest of the document is read.
  const declared = readNode(source, topLevelNode(source, 'parameters') ?? null, ['parameters'], index, { onScalar: literalScalars });
  const parametersResult = ParametersSchema.safeParse(declared.value ?? {}, { reportInput: true, error: scenarioErrorMap });
  if (!parametersResult.success) pathProblems.push(...problemsFromZod(parametersResult.error.issues, ['parameters']));
  const { declarations, fallbacks } = declarationsOf(declared.value);
  const { values, problems: setProblems } = resolveParameterValues(declarations, options.set ?? {});
  // A `--set` of a parameter whose declaration is broken adds nothing to the error already reported there.
  for (const problem of setProblems.filter((candidate) => !fallbacks.has(candidate.name))) {
    const path = problem.parameter === undefined ? ['parameters'] : ['parameters', problem.parameter];
    pathProblems.push({ path, at: 'key', message: problem.message });
  }

  // Values whose placeholder could not be resolved were reported where the placeholder is; the schema's
  // complaint about the leftover `${…}` text would only repeat it.
  const unresolved = new Set<string>();
  const origins = new Map<string, string>();
  const substitute = substitution(source, values, fallbacks, {
    markUnresolved: (path) => unresolved.add(JSON.stringify(path)),
    markParameter: (path, name) => origins.set(JSON.stringify(path), name),
  });
  const read = readNode(source, source.doc.contents, [], index, {
    onScalar: (value, context, report) =>
      context.path[0] === 'parameters' ? literalScalars(value, context, report) : substitute(value, context, report),
  });
  offsetProblems.push(...read.problems);

  if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) {
    return { scenario: undefined, issues: [located(0, 'a scenario is a YAML map of keys such as `scenario:`, `duration:`, `steps:`')] };
  }
  const parsed = ScenarioSchema.safeParse(read.value, { reportInput: true, error: scenarioErrorMap });
  const documentProblems = [
    ...(parsed.success ? [] : problemsFromZod(parsed.error.issues)),
    ...crossCheckScenario(read.value),
    ...scenarioNameProblems(read.value),
    ...metricNameProblems(read.value),
    ...verdictProblems(read.value),
  ];
  pathProblems.push(
    ...documentProblems
      .filter((problem) => !isWithinAny(problem.path, unresolved))
      .map((problem) => withParameterOrigin(problem, origins, options.set ?? {})),
  );
  pathProblems.push(...missingFiles(read.value, fileName, options.checkFiles ?? false));

  const issues = capped(dedupeAndSort([
    ...offsetProblems.map((problem) => located(problem.offset, problem.message)),
    ...pathProblems.map((problem) => located(index.offsetOf(problem.path, problem.at), problem.message)),
  ]));
  if (issues.length > 0 || !parsed.success) return { scenario: undefined, issues };

  const scenario = parsed.data;
  return {
    scenario: {
      ...scenario,
      map: scenario.map.kind === 'geojson' ? { ...scenario.map, path: resolve(dirname(fileName), scenario.map.path) } : scenario.map,
      parameterValues: Object.fromEntries([...declarations.keys()].map((name) => [name, values.get(name)!])),
      sourceFile: resolve(fileName),
    },
    issues: [],
  };
}

/** True when the path or one of its ancestors is in `paths` (keys as JSON): linear in the path, not in the set. */
function isWithinAny(path: Path, paths: ReadonlySet<string>): boolean {
  if (paths.size === 0) return false;
  for (let length = 0; length <= path.length; length++) if (paths.has(JSON.stringify(path.slice(0, length)))) return true;
  return false;
}

/** A value that came whole from a parameter names it, and the `--set` that gave it: that is what to change. */
function withParameterOrigin(problem: PathProblem, origins: ReadonlyMap<string, string>, set: Readonly<Record<string, string>>): PathProblem {
  const name = origins.get(JSON.stringify(problem.path));
  if (name === undefined) return problem;
  const from = set[name] !== undefined ? `, from --set ${name}=${set[name]}` : '';
  return { ...problem, message: `${problem.message} (the value of parameter "${name}"${from})` };
}

/** `${name}` → value, reporting unknown names at their own line:column. */
function substitution(
  source: ParsedSource,
  values: Map<string, ParameterValue>,
  fallbacks: Map<string, ParameterValue | undefined>,
  marks: { markUnresolved: (path: Path) => void; markParameter: (path: Path, name: string) => void },
): ReadOptions['onScalar'] {
  const { markUnresolved, markParameter } = marks;
  const known = [...values.keys()];
  // `${x}` is four characters and x's value may be a thousand: without a budget, a 1 MiB file could grow a
  // thousandfold once substituted.
  let added = 0;
  let overBudget = false;
  return (value, { node, path }, report) => {
    if (typeof value !== 'string') return value;
    if (overBudget) return value;
    const [start, end] = node.range ?? [0, 0];
    for (const use of placeholdersIn(source.encoded, start, end)) {
      const invalidName = !PARAMETER_NAME_PATTERN.test(use.name);
      const unknown = !invalidName && !values.has(use.name) && !fallbacks.has(use.name);
      if (invalidName) {
        report({ offset: use.offset, message: `invalid parameter reference \${${use.name}}: a name is letters, digits and "_"` });
      } else if (unknown) {
        report({
          offset: use.offset,
          message: `unknown parameter "${use.name}" (${known.length ? `declared: ${known.join(', ')}` : 'declare it under `parameters:`'})`,
        });
      }
      // A broken declaration was reported where it is; what its stand-in value does downstream is noise.
      if (invalidName || unknown || fallbacks.has(use.name)) markUnresolved(path);
      else markParameter(path, use.name);
    }
    const substituted = substitutePlaceholders(value, (name) => values.get(name) ?? fallbacks.get(name)).value;
    if (typeof substituted === 'string') added += Math.max(0, substituted.length - value.length);
    if (added > SCENARIO_LIMITS.substitutedChars) {
      overBudget = true;
      markUnresolved([]);
      report({ offset: start, message: `parameter substitution adds more than ${formatLimit(SCENARIO_LIMITS.substitutedChars)} characters; use shorter values or fewer \${…}` });
      return value;
    }
    return substituted;
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
