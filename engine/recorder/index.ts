// The recorder's public surface: record runs into SQLite, read them back, diff them, export them.
export { Recorder, RunRecorder, type RunMeta, type RecorderOptions, type FlushInfo, type RunResult, type ExpectationResult, type FinishReport } from './recorder';
export { openReplay, Replay, type PlayOptions, type PlayResult, type HashCheck, type ReplayWallClock } from './replay';
export { diffRuns, diffLoadedRuns, formatDiffReport, type Difference, type DifferenceKind, type DiffOptions, type DiffResult, type RunSource } from './diff';
export { exportRun, EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportSummary } from './export';
export { listRuns, getRun, resolveRunId, type RunRef, type RunSummary } from './runs';
export { openRecordingDatabase, asRecordingError } from './database';
export { RecordingError } from './recording-error';
export { SCHEMA_VERSION, MIGRATIONS, migrate, type Migration } from './migrations';
export type { RunInfo, RunStatus } from './schema';
export { stripSecrets, isSecretFieldName } from './redact';
export { coarsenLocation } from './location-privacy';
export { recordedOutcomeOf } from './recorded-outcome';
