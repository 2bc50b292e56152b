// How a failure reaches the user of the command line: always one line that says what failed and why, never a
// stack trace. Errors a user can meet (a bad file, a bad flag, an endpoint that is down) carry their own words;
// anything else is a bug, said so, with the stack behind TWINBENCH_DEBUG=1.
import { MapLoadError } from '../../twins/world/map-load-error';
import { RouteError } from '../../twins/world/routing';
import { ActionError } from '../runner/actions';
import { ConnectorError } from '../connectors/connector-error';
import { RecordingError } from '../recorder/recording-error';
import { ScenarioError } from '../scenario/issues';
import { SuiteOutputError } from '../suite/run-suite';
import { SuiteMergeError } from '../suite/suite-merge';
import { SuitePlanError } from '../suite/suite-plan';
import { CliError, UsageError } from './usage-error';

export { CliError, UsageError } from './usage-error';

export interface Failure {
  /** The whole message, one line per problem (a scenario's issues are several), prefixed `twinbench <cmd>: `. */
  message: string;
  exitCode: number;
  /** Only for failures that are bugs, and only when TWINBENCH_DEBUG is set. */
  stack?: string;
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'something is already there',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'the file is busy',
};

const FS_VERBS: Readonly<Record<string, string>> = {
  open: 'open', read: 'read', write: 'write', mkdir: 'create the folder', rename: 'rename', unlink: 'remove',
  stat: 'read', lstat: 'read', scandir: 'list the folder', copyfile: 'copy', access: 'access',
};

/** The one-line message and exit code for anything a command threw. */
export function describeFailure(err: unknown, command: string, env: NodeJS.ProcessEnv = process.env): Failure {
  const prefix = `twinbench${command ? ` ${command}` : ''}: `;
  if (err instanceof UsageError) {
    const help = command ? `twinbench ${command} --help` : 'twinbench --help';
    return { message: `${prefix}${err.message}${err.hint ? ` (${help} lists the options)` : ''}`, exitCode: 2 };
  }
  if (err instanceof CliError) return { message: prefix + err.message, exitCode: err.exitCode };
  // A scenario's issues are one per line, each already file:line:column: reason.
  if (err instanceof ScenarioError) return { message: err.message, exitCode: 1 };
  if (err instanceof MapLoadError || err instanceof RecordingError || err instanceof ConnectorError || err instanceof SuitePlanError || err instanceof SuiteOutputError || err instanceof SuiteMergeError) {
    return { message: prefix + err.message, exitCode: 1 };
  }
  // A step the world cannot carry out (a button a device lacks, a road that does not connect): the scenario's fault.
  if (err instanceof ActionError || err instanceof RouteError) return { message: `${prefix}the scenario cannot go on — ${err.message}`, exitCode: 1 };
  const fs = fsFailure(err);
  if (fs !== undefined) return { message: prefix + fs, exitCode: 1 };
  const what = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message.split('\n')[0]}` : String(err);
  const debug = env.TWINBENCH_DEBUG !== undefined && env.TWINBENCH_DEBUG !== '' && env.TWINBENCH_DEBUG !== '0';
  return {
    message: `${prefix}unexpected error — ${what}\nThis is a bug in Twinbench; ${debug ? 'the stack follows' : 'set TWINBENCH_DEBUG=1 for the stack'}.`,
    exitCode: 1,
    ...(debug && err instanceof Error && err.stack ? { stack: err.stack } : {}),
  };
}

/** `cannot write out.xml — it is a folder, not a file`, for node's file-system errors (which carry code and path). */
function fsFailure(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!(e instanceof Error) || typeof e.code !== 'string' || !(e.code in FS_REASONS) || typeof e.path !== 'string') return undefined;
  const verb = FS_VERBS[e.syscall ?? ''] ?? 'use';
  return `cannot ${verb} ${e.path} — ${FS_REASONS[e.code]} (${e.code})`;
}
