// `twinbench` command-line entry: finds the sub-command, parses its flags against its option table, runs it and
// turns whatever it throws into one line (describeFailure). Every command returns its exit code instead of
// calling process.exit, so tests run the CLI in-process. Exit codes: 0 pass, 1 failed or invalid, 2 bad command
// line.
import { commandHelp, formatRows, parseCommandArgs, type CliIo, type Command, type OptionTable } from './command-spec';
import { UsageError } from './usage-error';
import { version } from './version';

export type { CliIo } from './command-spec';

/** A command as `twinbench --help` lists it, and how to load the rest of it. */
export interface CommandEntry {
  name: string;
  args?: string;
  summary: string;
  load(): Promise<Command>;
}

// Each command's module (and the packages behind it: SQLite, MQTT, MCP, OCPP, …) is loaded only when that command
// runs or shows its help: `--version`, `validate` or `runs` then start in about a third of the CPU they took with
// all eleven loaded. The name, arguments and summary are repeated here from each command's spec so the overview
// needs none of them; help.test.ts holds the two equal.
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run', args: '<file.yaml>...',
    summary: 'run scenarios headless, print verdicts and metrics, write reports',
    load: async () => (await import('./run-command')).runCommand,
  },
  {
    name: 'validate', args: '<file.yaml>...',
    summary: 'check scenario files: file:line:column: reason for every problem',
    load: async () => (await import('./validate-command')).validateCommand,
  },
  {
    name: 'list',
    summary: 'list the shipped scenarios with their titles and architectures',
    load: async () => (await import('./list-command')).listCommand,
  },
  {
    name: 'serve',
    summary: 'the app in a browser: serves the UI and the engine on 127.0.0.1',
    load: async () => (await import('./serve-command')).serveCommand,
  },
  {
    name: 'mcp', args: '[scenario.yaml]',
    summary: 'the world as an MCP server for AI agents (stdio, or HTTP on 127.0.0.1)',
    load: async () => (await import('./mcp-command')).mcpCommand,
  },
  {
    name: 'runs', args: '[recording.db]',
    summary: 'list the recorded runs (default: the recording in your data folder)',
    load: async () => (await import('./runs-command')).runsCommand,
  },
  {
    name: 'diff', args: '<recording.db> <runA> <runB>',
    summary: 'compare two recorded runs semantically (exit 0 equivalent, 1 different)',
    load: async () => (await import('./diff-command')).diffCommand,
  },
  {
    name: 'export', args: '<recording.db> <run>',
    summary: 'export a run as JSONL or CSV (vehicle locations coarsened to ~1 km)',
    load: async () => (await import('./export-command')).exportCommand,
  },
  {
    name: 'learn', args: '<recording.db> <run>...',
    summary: 'learn a household\'s routine from recorded runs (for a proactive agent)',
    load: async () => (await import('./learn-command')).learnCommand,
  },
  {
    name: 'fleet',
    summary: 'put N cars and M homes on a real MQTT broker as separate clients and measure commands between them',
    load: async () => (await import('./fleet-command')).fleetCommand,
  },
  {
    name: 'merge', args: '<report.json>...',
    summary: 'combine the .json reports of shards (a suite\'s or a fleet\'s) into one',
    load: async () => (await import('./merge-command')).mergeCommand,
  },
];

/** The command named `name`, loaded, or undefined when there is none. */
export async function loadCommand(name: string | undefined): Promise<Command | undefined> {
  return COMMANDS.find((c) => c.name === name)?.load();
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  // Progress goes to stderr, so that is the stream whose kind decides how it is shown.
  isTTY: Boolean(process.stderr.isTTY),
  status: (line) => void process.stderr.write(line ? `\r${line}\x1b[K` : '\r\x1b[K'),
};

export { version } from './version';

/** `twinbench --help`: the commands with their arguments and summaries, from the same tables as their own help. */
export function mainHelp(): string {
  return [
    'Usage: twinbench <command> [options]',
    '',
    'Commands:',
    formatRows(COMMANDS.map(({ name, args, summary }) => [`${name}${args ? ` ${args}` : ''}`, summary])),
    '',
    'Options:',
    formatRows([
      ['-h, --help', 'show this help; `twinbench <command> --help` shows a command\'s options'],
      ['-V, --version', 'print the version'],
    ]),
    '',
    'Exit status: 0 every run passed, 1 an expectation failed or a file is invalid, 2 bad command line.',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    const entry = COMMANDS.find((c) => c.name === name);
    if (entry !== undefined) {
      // The failure descriptions come with the command, so that a crash outside its promise is reported at once.
      const [command] = await Promise.all([entry.load(), loadFailures()]);
      return await execute(command, rest, io);
    }
    switch (name) {
      case undefined:
        io.err(mainHelp());
        return 2;
      case '-h':
      case '--help':
      case 'help': {
        // `twinbench help run` is `twinbench run --help`.
        const about = await loadCommand(rest[0]);
        io.out(about ? commandHelp(about.spec) : mainHelp());
        return 0;
      }
      case '-V':
      case '--version':
        io.out(version());
        return 0;
      default:
        throw new UsageError(`unknown command "${name}"; the commands are ${COMMANDS.map((c) => c.name).join(', ')}`, true);
    }
  } catch (err) {
    return fail(io, err, '');
  }
}

/** Parses argv against the command's table and runs it; whatever it throws becomes one line and an exit code. */
export async function execute<O extends OptionTable>(command: Command<O>, argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommandArgs(command.spec, argv);
    if (args === 'help') return io.out(commandHelp(command.spec)), 0;
    return await command.run(args, io);
  } catch (err) {
    return fail(io, err, command.spec.name);
  }
}

// describeFailure's module knows every error class a command can throw, and so imports the scenario schema and the
// suite: two thirds of a bare `--version`'s CPU. It is loaded with the command that runs, or at the first failure.
let failures: typeof import('./cli-errors') | undefined;
const loadFailures = async (): Promise<typeof import('./cli-errors')> => (failures ??= await import('./cli-errors'));

/** For the executable's uncaughtException/unhandledRejection: the same one line, then exit 1. */
export function reportCrash(err: unknown, io: CliIo = defaultIo): void {
  const command = process.argv[2] !== undefined && COMMANDS.some((c) => c.name === process.argv[2]) ? process.argv[2] : '';
  if (failures !== undefined) {
    report(failures, io, err, command);
    process.exit(1);
  }
  void loadFailures().then((loaded) => report(loaded, io, err, command)).finally(() => process.exit(1));
}

async function fail(io: CliIo, err: unknown, command: string): Promise<number> {
  return report(await loadFailures(), io, err, command);
}

function report({ describeFailure }: typeof import('./cli-errors'), io: CliIo, err: unknown, command: string): number {
  const failure = describeFailure(err, command);
  io.err(failure.message);
  if (failure.stack !== undefined) io.err(failure.stack);
  return failure.exitCode;
}
