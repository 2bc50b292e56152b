// The one error type a user meets when a recording cannot be read or written: its message names the file (and
// the run, when one is concerned) and says what to do, so the CLI can print it as is.
export class RecordingError extends Error {
  readonly file: string;
  readonly runId: number | string | undefined;

  constructor(message: string, where: { file: string; runId?: number | string }, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordingError';
    this.file = where.file;
    this.runId = where.runId;
  }
}
