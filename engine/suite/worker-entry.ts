// How a suite's worker processes are started. Through tsx, a worker spends about 0.75 s of CPU loading the ~230
// TypeScript modules of a run (each one passes tsx's loader thread) before its first run; a suite's runs take
// 0.1–0.2 s each, so on two cores that start-up is the serial part that caps what a second worker can win. So the
// worker's module graph is bundled by esbuild into one ES module that plain node loads in about 0.2 s. The bundle is
// kept in node_modules/.cache/twinbench and rebuilt when any of its inputs changes (size or mtime), so a suite pays
// for esbuild only after an edit. Packages stay external (resolved from the repository's node_modules, native
// better-sqlite3 included), and each source's own `import.meta.url` is written into it, so a module that finds a
// file beside itself (package.json for the version) still finds it from the bundle. Anything going wrong here —
// esbuild missing, a read-only node_modules — only means the workers start through tsx, as they used to.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** The module `fork` runs. */
  file: string;
  execArgv: string[];
  /** 'bundle': one pre-built ES module on plain node; 'tsx': the TypeScript sources through tsx. */
  kind: 'bundle' | 'tsx';
}

const WORKER_SOURCE = path.join(import.meta.dirname, 'suite-worker.ts');
const REPO = path.resolve(import.meta.dirname, '../..');
// The same V8 heap flags as the CLI (bin/twinbench.mjs says why).
const NODE_ARGS = ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'];

export const TSX_ENTRY: WorkerEntry = { file: WORKER_SOURCE, execArgv: [...NODE_ARGS, '--import', 'tsx'], kind: 'tsx' };

/** Each input of the bundle with the size and mtime it had when the bundle was built. */
type Manifest = Record<string, [size: number, mtimeMs: number]>;

export interface BundleOptions {
  /** Where bundles are kept (default: node_modules/.cache/twinbench of this repository). */
  cacheDir?: string;
  /** The entry to bundle (default: suite-worker.ts); tests bundle small fixtures. */
  source?: string;
}

/** The bundled worker (built or reused), or the tsx entry when it cannot be had. */
export async function workerEntry(options: BundleOptions = {}): Promise<WorkerEntry> {
  try {
    return { file: await bundledWorker(options), execArgv: [...NODE_ARGS], kind: 'bundle' };
  } catch {
    return TSX_ENTRY;
  }
}

/** The path of an up-to-date bundle of `source`, building it when there is none or an input changed. */
export async function bundledWorker(options: BundleOptions = {}): Promise<string> {
  const source = options.source ?? WORKER_SOURCE;
  const cacheRoot = options.cacheDir ?? path.join(REPO, 'node_modules', '.cache', 'twinbench');
  // One folder per source path: worktrees of the same repository share node_modules but not their sources.
  const dir = path.join(cacheRoot, `suite-worker-${createHash('sha256').update(source).digest('hex').slice(0, 16)}`);
  const bundle = path.join(dir, 'worker.mjs');
  const manifestFile = path.join(dir, 'inputs.json');
  if (isFresh(manifestFile, bundle)) return bundle;

  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external',
    write: false, metafile: true, logLevel: 'silent', plugins: [ownImportMeta],
  });
  const manifest: Manifest = {};
  // This file too: a change to how the bundle is built must rebuild it as surely as a change to a source.
  for (const input of [...Object.keys(result.metafile.inputs), import.meta.filename]) {
    const file = path.resolve(input);
    const stat = statSync(file);
    manifest[file] = [stat.size, stat.mtimeMs];
  }
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed: a suite starting meanwhile sees the old bundle or the new one, never half of one.
  const unique = `${process.pid}-${Date.now()}`;
  writeFileSync(`${bundle}.${unique}`, result.outputFiles[0]!.contents);
  renameSync(`${bundle}.${unique}`, bundle);
  writeFileSync(`${manifestFile}.${unique}`, JSON.stringify(manifest));
  renameSync(`${manifestFile}.${unique}`, manifestFile);
  return bundle;
}

function isFresh(manifestFile: string, bundle: string): boolean {
  try {
    statSync(bundle);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const inputs = Object.entries(manifest);
    if (inputs.length === 0) return false;
    return inputs.every(([file, [size, mtimeMs]]) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false; // no bundle yet, or a manifest from another version: build
  }
}

/** Gives every source module its own import.meta.url/dirname/filename, as if it were loaded where it lives. */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build: { onLoad(options: { filter: RegExp }, callback: (args: { path: string }) => { contents: string; loader: 'ts' | 'tsx' | 'js' } | undefined): void }) {
    build.onLoad({ filter: /\.(ts|tsx|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      const ext = path.extname(args.path);
      return { contents, loader: ext === '.tsx' ? 'tsx' : ext === '.ts' || ext === '.mts' ? 'ts' : 'js' };
    });
  },
};
