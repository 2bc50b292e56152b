// The errors a command throws with words ready for the user. Apart from cli-errors.ts (which knows every module's
// error classes, and so imports the scenario schema and the suite) so that the parser and main.ts can throw them
// without loading all that: `twinbench --version` should not pay for it.
/** A failure with a message ready for the user; exit code 1 unless said otherwise. */
export class CliError extends Error {
  override readonly name: string = 'CliError';

  constructor(message: string, readonly exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A bad command line: exit code 2, and the command's `--help` is the place to look. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';

  /** hint: the problem is the command line's shape (unknown flag, missing value), so point at --help. */
  constructor(message: string, readonly hint = false) {
    super(message, 2);
  }
}
