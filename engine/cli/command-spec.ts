// What every `twinbench` command is made of: one option table that both node's util.parseArgs reads and the
// `--help` text is generated from, so the help can never describe flags the parser does not accept (or miss
// one it does). Shared by main.ts and the command modules, which therefore never import main.ts.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

/** The terminal, as a command sees it; tests pass a capturing one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether progress goes to a terminal (a line rewritten in place) or to a log (a plain line now and then). */
  isTTY: boolean;
  /** Replaces the terminal's one status line in place (no newline); '' clears it. Used only when isTTY. */
  status?(line: string): void;
  /** Wall clock in ms for progress pacing (default performance.now); tests inject a fake one. */
  now?: () => number;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once (values collected in order). */
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the help (string options): N, FILE, A|all… */
  value?: string;
  /** One or more lines; later lines are indented under the first. */
  help: string;
  /** The command cannot run without it (shown in the usage line). */
  required?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CommandSpec<O extends OptionTable = OptionTable> {
  name: string;
  /** The positional arguments as the usage line shows them, e.g. `<file.yaml>` or `[recording.db]`. */
  args: string;
  /** How many positional arguments the command takes. */
  positionals: { min: number; max: number };
  /** One line for `twinbench --help`. */
  summary: string;
  /** Paragraphs shown between the usage line and the options. */
  description?: string;
  options: O;
  /** Shown after the options (exit status, notes). */
  footer?: string;
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true ? boolean[] : boolean
  : S['multiple'] extends true ? string[] : string;

export type OptionValues<O extends OptionTable> = { -readonly [K in keyof O]?: ValueOf<O[K]> };

export interface ParsedArgs<O extends OptionTable> {
  values: OptionValues<O>;
  positionals: string[];
}

export interface Command<O extends OptionTable = OptionTable> {
  spec: CommandSpec<O>;
  run(args: ParsedArgs<O>, io: CliIo): Promise<number>;
}

/** Keeps the option table's literal types, so `values.seed` is a string and `values.json` a boolean. */
export function defineCommand<const O extends OptionTable>(spec: CommandSpec<O>, run: Command<O>['run']): Command<O> {
  return { spec, run };
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/**
 * Parses argv against the command's table. Returns 'help' for -h/--help; every other problem is a UsageError
 * with one line that names the flag: unknown flags, missing or empty values, a value on a switch, a flag given
 * twice that takes one value, and the wrong number of positional arguments.
 */
export function parseCommandArgs<O extends OptionTable>(spec: CommandSpec<O>, argv: readonly string[]): ParsedArgs<O> | 'help' {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries({ ...spec.options, help: HELP_OPTION })) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw new UsageError(parseArgsMessage(err), true);
  }
  if (parsed.values.help === true) return 'help';
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const o = spec.options[token.name];
    if (o === undefined) continue;
    if (o.type === 'string' && token.value !== undefined && token.value.trim() === '') throw new UsageError(`--${token.name} needs a value, got an empty one`);
    if (!o.multiple && seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.required && !seen.has(name)) throw new UsageError(`--${name} ${o.value ?? 'VALUE'} is required`, true);
  }
  const { positionals } = parsed;
  const { min, max } = spec.positionals;
  if (positionals.length < min || positionals.length > max) {
    const wanted = min === max ? `${min === 0 ? 'no' : min} argument${min === 1 ? '' : 's'}` : max === Infinity ? `at least ${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
    const got = positionals.length === 0 ? 'none' : positionals.map((p) => JSON.stringify(p)).join(' ');
    throw new UsageError(`expected ${wanted}${spec.args ? ` (${spec.args})` : ''}, got ${got}`, true);
  }
  const values = { ...parsed.values } as Record<string, unknown>;
  delete values.help;
  return { values: values as OptionValues<O>, positionals };
}

/** node's parseArgs messages, some spanning three lines, as one line that names the flag. */
function parseArgsMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  const code = (err as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    if (/ambiguous/.test(message)) return `${flag} needs a value (for a value that starts with a dash, write ${flag}=-…)`;
    if (/does not take an argument/.test(message)) return `${flag} takes no value`;
    if (/missing/.test(message)) return `${flag} needs a value`;
  }
  return message.split('\n')[0]!;
}

/** `twinbench <name> --help`, generated from the command's table. */
export function commandHelp(spec: CommandSpec): string {
  const flag = (name: string, o: OptionSpec): string => `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]): [string, string] => [
    `${o.short ? `-${o.short}, ` : ''}${flag(name, o)}`,
    `${o.help}${o.required ? ' (required)' : ''}${o.multiple ? ' (repeatable)' : ''}`,
  ]);
  const required = Object.entries(spec.options).filter(([, o]) => o.required).map(([name, o]) => ` ${flag(name, o)}`).join('');
  return [
    `Usage: twinbench ${spec.name}${spec.args ? ` ${spec.args}` : ''}${required} [options]`,
    '',
    ...(spec.description ? [spec.description, ''] : []),
    'Options:',
    formatRows(rows),
    ...(spec.footer ? ['', spec.footer] : []),
  ].join('\n');
}

/** Two columns; a second column's later lines are indented under its first. */
export function formatRows(rows: readonly (readonly [string, string])[]): string {
  const width = Math.min(Math.max(...rows.map(([left]) => left.length)), 34);
  return rows
    .map(([left, right]) => {
      const [first, ...more] = right.split('\n');
      const head = left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${first}` : `  ${left.padEnd(width)}  ${first}`;
      return [head, ...more.map((line) => `  ${' '.repeat(width)}  ${line}`)].join('\n');
    })
    .join('\n');
}
