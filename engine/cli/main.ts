// `twinbench` command-line entry: parses the sub-command and hands over to its module. Every command returns
// its exit code instead of calling process.exit, so tests can run the CLI in-process.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { diffCommand } from './diff-command';
import { exportCommand } from './export-command';
import { listCommand } from './list-command';
import { runsCommand } from './runs-command';
import { runCommand } from './run-command';
import { serveCommand } from './serve-command';
import { validateCommand } from './validate-command';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: Boolean(process.stderr.isTTY),
};

const USAGE = `Usage: twinbench <command> [options]

Commands:
  run <file.yaml>       run a scenario headless (see \`twinbench run --help\`)
  validate <file>...    check scenario files; prints file:line:column: reason for every error
  list                  list the shipped scenarios
  serve [--port N]      the app in a browser: serves the UI and the engine on 127.0.0.1
  runs [db]             list the recorded runs (default: the recording in your data folder)
  diff <db> <runA> <runB> [--against other.db] [--tolerance-ms N]
                        compare two recorded runs semantically (exit 0 equivalent, 1 different)
  export <db> <run> --format jsonl|csv [--out file] [--precise-location]
                        export a run; vehicle locations are coarsened unless --precise-location
`;

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'list':
        return await listCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'runs':
        return await runsCommand(rest, io);
      case 'diff':
        return await diffCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`twinbench: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    // Errors a user can meet (bad file, bad flag) carry their own message; anything else is a bug worth a stack.
    if (err instanceof UsageError) {
      io.err(`twinbench ${command}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

export class UsageError extends Error {}

/** parseArgs with errors turned into UsageError (exit code 2, one line, no stack). */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
