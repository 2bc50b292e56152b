// A recording process killed with SIGKILL (no chance to flush or close) leaves a sound file: integrity check
// ok, the run marked interrupted by the next Recorder, and every event up to the last committed batch there.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Recorder } from './recorder';
import { tempDir, type TempDir } from './test-support/recording-fixtures';

const CHILD = fileURLToPath(new URL('./test-support/record-forever.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

let dir: TempDir;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

/** Runs the recording child until it has reported `flushes` committed batches, then kill -9. `whileAlive` runs at the third. */
function recordThenKill(file: string, flushes: number, whileAlive: () => void): Promise<{ runId: number; lastFlushedSeq: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let runId = -1;
    let lastFlushedSeq = -1;
    let seen = 0;
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'run') runId = Number(value);
        if (word === 'flushed') {
          lastFlushedSeq = Number(value);
          if (++seen === 3) {
            try {
              whileAlive();
            } catch (err) {
              child.kill('SIGKILL');
              reject(err);
            }
          }
          if (seen === flushes) child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`recording child exited with ${code}/${signal} before the kill:\n${stderr}`));
      resolve({ runId, lastFlushedSeq });
    });
  });
}

describe('recording survives kill -9', () => {
  it('keeps a sound file, marks the run interrupted and holds every event up to the last flush', async () => {
    const file = dir.file('crash.db');
    let seenWhileAlive: { interrupted: readonly number[]; status: string | undefined } | undefined;
    const { runId, lastFlushedSeq } = await recordThenKill(file, 8, () => {
      // Another process opening the file while the writer lives must leave its run alone.
      const meanwhile = Recorder.open(file);
      seenWhileAlive = { interrupted: meanwhile.interruptedOnOpen, status: meanwhile.runs()[0]?.status };
      meanwhile.close();
    });
    expect(seenWhileAlive).toEqual({ interrupted: [], status: 'running' });
    expect(runId).toBeGreaterThan(0);
    expect(lastFlushedSeq).toBeGreaterThan(0);

    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare('SELECT status FROM runs WHERE id = ?').get(runId)).toEqual({ status: 'running' });
    raw.close();

    const recorder = Recorder.open(file);
    expect(recorder.interruptedOnOpen).toEqual([runId]);
    expect(recorder.runs()[0]).toMatchObject({ id: runId, status: 'interrupted' });
    recorder.close();

    const db = new Database(file, { readonly: true });
    const stats = db.prepare('SELECT count(*) AS n, max(seq) AS last FROM events WHERE run_id = ?').get(runId) as { n: number; last: number };
    // Every event up to the last reported flush, perhaps a batch more (committed just before the kill), no gaps.
    expect(stats.last).toBeGreaterThanOrEqual(lastFlushedSeq);
    expect(stats.n).toBe(stats.last + 1);
    // Messages are committed in the same transaction as their events: none without its event, none missing.
    const msgEvents = db.prepare("SELECT count(*) AS n FROM events WHERE run_id = ? AND type LIKE 'msg.%'").get(runId) as { n: number };
    const messages = db.prepare('SELECT count(*) AS n FROM messages WHERE run_id = ?').get(runId) as { n: number };
    expect(messages.n).toBe(msgEvents.n);
    db.close();
  });
});
