// Which process is writing a run. A run left `running` by a process that no longer exists was cut short
// (crash, kill -9, power cut); one whose writer is alive is simply still recording, perhaps in another
// process sharing the same file, and must not be declared interrupted under its feet.
import { hostname } from 'node:os';

/** `host:pid` of this process, stored in runs.writer. */
export function thisWriter(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * False when `writer` certainly no longer records: its process is gone on this host, or it is this very
 * process but no live RunRecorder holds the run (`heldHere`). A writer on another host cannot be checked from
 * here and counts as alive; a missing writer (older files) counts as gone.
 */
export function isWriterAlive(writer: string | null, heldHere: boolean): boolean {
  if (writer === null) return false;
  const colon = writer.lastIndexOf(':');
  const host = writer.slice(0, colon);
  const pid = Number(writer.slice(colon + 1));
  if (host !== hostname()) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return heldHere;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user; it is alive.
    return (err as { code?: string }).code === 'EPERM';
  }
}
