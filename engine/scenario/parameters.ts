// Scenario parameters: declarations with defaults, and `--set name=value` overrides from the command line,
// which arrive as text and are type-checked against the declaration before any substitution happens.
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from './durations';
import { PARAMETER_NAME_PATTERN } from './placeholders';

export type ParameterValue = string | number | boolean;
export const PARAMETER_TYPES = ['integer', 'number', 'string', 'boolean', 'duration'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export interface ParameterDeclaration {
  default: ParameterValue;
  type?: ParameterType | undefined;
  enum?: ParameterValue[] | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
  description?: string | undefined;
}

/** The declared type, or the one the default implies. */
export function parameterType(declaration: ParameterDeclaration): ParameterType {
  if (declaration.type) return declaration.type;
  const value = declaration.default;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return 'string';
}

const TYPE_NOUN: Record<ParameterType, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  duration: 'a duration',
};

/** Why `value` is not acceptable for the declaration, or undefined when it is. */
export function checkParameterValue(declaration: ParameterDeclaration, value: ParameterValue): string | undefined {
  const type = parameterType(declaration);
  const typeOk =
    type === 'integer' ? typeof value === 'number' && Number.isInteger(value)
    : type === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : type === 'boolean' ? typeof value === 'boolean'
    : type === 'duration' ? (typeof value === 'number' && value >= 0) || (typeof value === 'string' && parseDuration(value) !== undefined)
    : typeof value === 'string';
  if (!typeOk) return `expected ${TYPE_NOUN[type]}${type === 'duration' ? ` (${DURATION_HINT})` : ''}`;
  if (declaration.enum && !declaration.enum.includes(value)) {
    return `expected one of ${declaration.enum.map((option) => JSON.stringify(option)).join(', ')}`;
  }
  if (typeof value === 'number') {
    if (declaration.minimum !== undefined && value < declaration.minimum) return `must be at least ${declaration.minimum}`;
    if (declaration.maximum !== undefined && value > declaration.maximum) return `must be at most ${declaration.maximum}`;
  }
  return undefined;
}

/** Reads `--set` text as the declared type; a value that does not read is left as text for the check to refuse. */
export function readSetValue(declaration: ParameterDeclaration, text: string): ParameterValue {
  switch (parameterType(declaration)) {
    case 'integer':
      return /^[+-]?\d+$/.test(text.trim()) ? Number(text) : text;
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'duration':
      return /^\d+$/.test(text) ? Number(text) : text;
    case 'string':
      return text;
  }
}

const ParameterValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const ParameterDeclarationSchema = z
  .strictObject({
    default: ParameterValueSchema.describe('Value used unless `--set name=value` overrides it.'),
    type: z.enum(PARAMETER_TYPES).optional().describe('Type of the value; inferred from the default when omitted.'),
    enum: z.array(ParameterValueSchema).min(1).optional().describe('The allowed values.'),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    description: z.string().optional().describe('Shown by `twinbench scenarios` and in reports.'),
  })
  .superRefine((declaration, ctx) => {
    const problem = checkParameterValue(declaration, declaration.default);
    if (problem) ctx.addIssue({ code: 'custom', path: ['default'], message: `default ${JSON.stringify(declaration.default)}: ${problem}`, input: declaration.default });
  })
  .meta({ id: 'Parameter', description: 'A parameter: `${name}` anywhere in the scenario is replaced by its value.' });

export const ParametersSchema = z
  .record(
    z.string().regex(PARAMETER_NAME_PATTERN, {
      error: (iss) => `invalid parameter name ${JSON.stringify(iss.input)}: use letters, digits and "_", not starting with a digit`,
    }),
    ParameterDeclarationSchema,
  )
  .default({})
  .describe('Parameters with defaults, overridable with `--set name=value`.');

export interface SetProblem {
  /** The name given to `--set`. */
  name: string;
  /** The parameter concerned, when it is declared (the error is then reported at its declaration). */
  parameter?: string;
  message: string;
}

/** Effective values: declared defaults, then `--set` overrides, each checked against its declaration. */
export function resolveParameterValues(
  declarations: ReadonlyMap<string, ParameterDeclaration>,
  set: Readonly<Record<string, string>>,
): { values: Map<string, ParameterValue>; problems: SetProblem[] } {
  const values = new Map<string, ParameterValue>();
  for (const [name, declaration] of declarations) values.set(name, declaration.default);
  const problems: SetProblem[] = [];
  for (const [name, text] of Object.entries(set).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const declaration = declarations.get(name);
    if (!declaration) {
      const known = [...declarations.keys()];
      problems.push({
        name,
        message: `--set ${name}=${text}: the scenario has no parameter "${name}" (${known.length ? `declared: ${known.join(', ')}` : 'it declares none'})`,
      });
      continue;
    }
    const value = readSetValue(declaration, text);
    const problem = checkParameterValue(declaration, value);
    if (problem) problems.push({ name, parameter: name, message: `--set ${name}=${text}: parameter "${name}" ${problem}, got ${JSON.stringify(text)}` });
    else values.set(name, value);
  }
  return { values, problems };
}
