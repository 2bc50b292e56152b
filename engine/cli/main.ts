// `twinbench` command-line entry: finds the sub-command, parses its flags against its option table, runs it and
// turns whatever it throws into one line (describeFailure). Every command returns its exit code instead of
// calling process.exit, so tests run the CLI in-process. Exit codes: 0 pass, 1 failed or invalid, 2 bad command
// line.
import { describeFailure, UsageError } from './cli-errors';
import { commandHelp, formatRows, parseCommandArgs, type CliIo, type Command, type OptionTable } from './command-spec';
import { diffCommand } from './diff-command';
import { exportCommand } from './export-command';
import { learnCommand } from './learn-command';
import { fleetCommand } from './fleet-command';
import { listCommand } from './list-command';
import { mcpCommand } from './mcp-command';
import { mergeCommand } from './merge-command';
import { runCommand } from './run-command';
import { runsCommand } from './runs-command';
import { serveCommand } from './serve-command';
import { validateCommand } from './validate-command';
import { version } from './version';

export type { CliIo } from './command-spec';

export const COMMANDS: readonly Command[] = [runCommand, validateCommand, listCommand, serveCommand, mcpCommand, runsCommand, diffCommand, exportCommand, learnCommand, fleetCommand, mergeCommand] as readonly Command[];

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
    formatRows(COMMANDS.map(({ spec }) => [`${spec.name}${spec.args ? ` ${spec.args}` : ''}`, spec.summary])),
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
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (command !== undefined) return execute(command, rest, io);
  try {
    switch (name) {
      case undefined:
        io.err(mainHelp());
        return 2;
      case '-h':
      case '--help':
      case 'help': {
        // `twinbench help run` is `twinbench run --help`.
        const about = COMMANDS.find((c) => c.spec.name === rest[0]);
        io.out(about ? commandHelp(about.spec) : mainHelp());
        return 0;
      }
      case '-V':
      case '--version':
        io.out(version());
        return 0;
      default:
        throw new UsageError(`unknown command "${name}"; the commands are ${COMMANDS.map((c) => c.spec.name).join(', ')}`, true);
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

/** For the executable's uncaughtException/unhandledRejection: the same one line, then exit 1. */
export function reportCrash(err: unknown, io: CliIo = defaultIo): never {
  fail(io, err, process.argv[2] !== undefined && COMMANDS.some((c) => c.spec.name === process.argv[2]) ? process.argv[2] : '');
  process.exit(1);
}

function fail(io: CliIo, err: unknown, command: string): number {
  const failure = describeFailure(err, command);
  io.err(failure.message);
  if (failure.stack !== undefined) io.err(failure.stack);
  return failure.exitCode;
}
