// The loader's parameter stage: reads the `parameters:` declarations, applies `--set`, and reads the rest of the
// document with every `${name}` replaced by its value. It is its own module because it is the one stage that must
// remember where values came from: a problem found later inside an unresolved placeholder is noise (the placeholder
// was reported where it is), and a value that came whole from a parameter is fixed by changing that parameter.
import { SCENARIO_LIMITS, formatLimit } from './limits';
import { problemsFromZod, scenarioErrorMap, type PathProblem } from './issues';
import {
  ParameterDeclarationSchema,
  ParametersSchema,
  resolveParameterValues,
  type ParameterDeclaration,
  type ParameterValue,
} from './parameters';
import { PARAMETER_NAME_PATTERN, decodePlaceholders, placeholdersIn, substitutePlaceholders } from './placeholders';
import { readNode, topLevelNode, type ParsedSource, type Path, type ReadOptions, type SourceIndex, type SourceProblem } from './yaml-source';

export interface SubstitutedDocument {
  /** The whole document, `${…}` substituted outside `parameters:` (read literally there). */
  value: unknown;
  /** Problems at an offset: unknown or invalid placeholders, `${…}` in a declaration, a blown substitution budget. */
  offsetProblems: SourceProblem[];
  /** Problems of the declarations and of `--set`. */
  pathProblems: PathProblem[];
  /** Valid declarations, in declaration order. */
  declarations: Map<string, ParameterDeclaration>;
  /** Effective values (defaults after `--set`). */
  values: Map<string, ParameterValue>;
  /** Later stages' problems as the author should see them: none inside an unresolved placeholder, and each value that came whole from a parameter names it. */
  attributed(problems: readonly PathProblem[]): PathProblem[];
}

/** Reads `source` with its parameters applied; `set` is the command line's `--set name=value`. */
export function readSubstituted(source: ParsedSource, index: SourceIndex, set: Readonly<Record<string, string>>): SubstitutedDocument {
  const pathProblems: PathProblem[] = [];
  // Parameters first: their values must be known before the rest of the document is read.
  const declared = readNode(source, topLevelNode(source, 'parameters') ?? null, ['parameters'], index, { onScalar: literalScalars });
  const parametersResult = ParametersSchema.safeParse(declared.value ?? {}, { reportInput: true, error: scenarioErrorMap });
  if (!parametersResult.success) pathProblems.push(...problemsFromZod(parametersResult.error.issues, ['parameters']));
  const { declarations, fallbacks } = declarationsOf(declared.value);
  const { values, problems: setProblems } = resolveParameterValues(declarations, set);
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
  return {
    value: read.value,
    offsetProblems: read.problems,
    pathProblems,
    declarations,
    values,
    attributed: (problems) =>
      problems.filter((problem) => !isWithinAny(problem.path, unresolved)).map((problem) => withParameterOrigin(problem, origins, set)),
  };
}

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
