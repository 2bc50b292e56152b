// Temp recording files and a one-call "record this synthetic run" for the recorder tests.
import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExpectationResult, Recorder, RunMeta } from '../recorder';
import type { SyntheticRun } from './synthetic-run';

export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'twinbench-recorder-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A fresh temp directory for each test of the calling file (removed after it), handed to `use` before the test. */
export function tempDirPerTest(use: (dir: TempDir) => void): void {
  let current: TempDir | undefined;
  beforeEach(() => {
    current = tempDir();
    use(current);
  });
  afterEach(() => current?.remove());
}

export const DEFAULT_META: RunMeta = { scenario: 'doorbell-across-screens', seed: 1, architecture: 'cloud-cloud', appVersion: 'test' };

/** Records every event of `run` and finishes it; returns the run id. */
export function recordRun(
  recorder: Recorder,
  run: SyntheticRun,
  options: { meta?: Partial<RunMeta>; status?: 'passed' | 'failed'; expectations?: ExpectationResult[] } = {},
): number {
  const rec = recorder.startRun({ ...DEFAULT_META, ...options.meta });
  for (const { event, line } of run.events) rec.record(event, line);
  rec.finish({ status: options.status ?? 'passed', eventHash: run.hash, expectations: options.expectations ?? [], metrics: { messages: run.events.length } });
  return rec.runId;
}
