// Whether the browser UI (renderer/ built by Vite into dist/renderer) is missing or older than its sources, and
// building it. One implementation for `npm start` (scripts/start.mjs loads it through tsx) and `twinbench serve`,
// so a fresh clone serves the app rather than a page saying what to build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Where `npm run build` puts the renderer, and what the server serves by default. */
export const DEFAULT_RENDERER_OUT_DIR = path.join(REPO_ROOT, 'dist/renderer');

/** What the renderer's bundle is made from (relative to the repository root). */
export const RENDERER_INPUTS = ['renderer', 'protocol', 'vite.config.ts', 'package.json'] as const;

/** Newest modification time under the given files and folders; tests, dot-files and node_modules do not count. */
export function newestInput(entries: readonly string[], root = REPO_ROOT): number {
  let newest = 0;
  const visit = (file: string): void => {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const name of readdirSync(file)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(file, name));
    } else if (!/\.test\.tsx?$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of entries) {
    const file = path.resolve(root, entry);
    if (existsSync(file)) visit(file);
  }
  return newest;
}

/** True when an output is missing or older than the newest input. */
export function isStale(outputs: readonly string[], inputs: readonly string[], root = REPO_ROOT): boolean {
  if (!outputs.every((o) => existsSync(o))) return true;
  const oldestOutput = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return newestInput(inputs, root) > oldestOutput;
}

export function rendererIsStale(outDir = DEFAULT_RENDERER_OUT_DIR): boolean {
  return isStale([path.join(outDir, 'index.html')], RENDERER_INPUTS);
}

/** Builds the renderer with Vite into outDir; only the default folder is emptied first (it is ours alone). */
export async function buildRenderer(outDir = DEFAULT_RENDERER_OUT_DIR): Promise<void> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (err) {
    throw new Error(`cannot build the renderer: Vite is not installed (${(err as Error).message.split('\n')[0]}); run npm install`, { cause: err });
  }
  const own = path.resolve(outDir) === DEFAULT_RENDERER_OUT_DIR;
  await vite.build({
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: path.resolve(outDir), emptyOutDir: own },
  });
}
