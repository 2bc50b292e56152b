// Output paths named on the command line (--report, --junit, --out) are checked before any work starts: a typo
// that names a folder, or a path under a file, is found in a second rather than after minutes of simulation.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './cli-errors';

/** Creates the file's missing folders; throws a UsageError naming the flag when the file cannot be written. */
export function prepareOutputFile(flag: string, file: string, exampleName = 'out.txt'): void {
  const target = path.resolve(file);
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) {
    throw new UsageError(`${flag} ${file}: that is a folder; name a file in it, such as ${path.join(file, exampleName)}`);
  }
  if (existing !== undefined) return writable(flag, file, target);
  // Walk up to the nearest thing that exists; it must be a folder. Folders are created one level at a time (not
  // recursive mkdir, which on Linux spins forever under /proc).
  const missing: string[] = [];
  let dir = path.dirname(target);
  while (!existsSync(dir) && path.dirname(dir) !== dir) {
    missing.unshift(dir);
    dir = path.dirname(dir);
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`${flag} ${file}: ${dir} is a file, not a folder`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      throw new UsageError(`${flag} ${file}: cannot create the folder ${folder} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  writable(flag, file, path.dirname(target));
}

function writable(flag: string, file: string, where: string): void {
  try {
    accessSync(where, constants.W_OK);
  } catch (err) {
    throw new UsageError(`${flag} ${file}: ${where} is not writable (${(err as NodeJS.ErrnoException).code ?? 'access denied'})`);
  }
}

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
