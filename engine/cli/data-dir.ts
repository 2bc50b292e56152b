// Where Twinbench keeps its recordings when no file is named: the user's data folder (XDG on Linux), overridable
// with TWINBENCH_DATA_DIR (tests point it at a temporary folder).
import os from 'node:os';
import path from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TWINBENCH_DATA_DIR) return env.TWINBENCH_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'twinbench');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'twinbench');
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'twinbench');
}

export function defaultRecordingFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'runs.db');
}
