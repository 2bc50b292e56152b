// One TypeScript entry's module graph bundled by esbuild into one ES module that plain node loads, kept in a cache
// folder and rebuilt when any of its inputs changes (size or mtime). Through tsx each of a few hundred modules
// passes tsx's loader thread, which costs the `twinbench` command (bin/twinbench.mjs) and each suite worker
// (engine/suite/worker-entry.ts) well over a second of CPU at start-up; the bundle loads in a fraction of that.
//
// Plain JavaScript, not TypeScript: the executable checks a bundle's freshness before anything has registered
// tsx, and that check (a JSON manifest and one stat per input) must not load tsx or esbuild itself; esbuild is
// imported only when a bundle has to be (re)built. Packages stay external (resolved from the repository's
// node_modules, native better-sqlite3 included), and each source's own `import.meta.url` is written into it, so a
// module that finds a file beside itself (package.json for the version) still finds it from the bundle. Callers
// treat any error as "no bundle" and load the sources through tsx instead.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(import.meta.dirname, '../..');

/** node_modules/.cache/twinbench of this repository, or TWINBENCH_BUNDLE_CACHE (tests point it elsewhere). */
export function defaultCacheDir(env = process.env) {
  return env.TWINBENCH_BUNDLE_CACHE || path.join(REPO, 'node_modules', '.cache', 'twinbench');
}

/** The folder that holds the builds of `source` and the manifest naming the current one. */
export function bundleDir(source, name, cacheDir = defaultCacheDir()) {
  // One folder per source path: worktrees of the same repository share node_modules but not their sources.
  return path.join(cacheDir, `${name}-${createHash('sha256').update(source).digest('hex').slice(0, 16)}`);
}

/** The current build's entry when it exists and every input still has the size and mtime it had; else null. */
export function freshBundle(source, name, cacheDir = defaultCacheDir()) {
  const dir = bundleDir(source, name, cacheDir);
  try {
    const { entry, inputs } = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8'));
    const files = Object.entries(inputs);
    if (typeof entry !== 'string' || files.length === 0) return null;
    const bundle = path.join(dir, entry);
    statSync(bundle);
    const unchanged = files.every(([file, [size, mtimeMs]]) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
    });
    return unchanged ? bundle : null;
  } catch {
    return null; // no build yet, or a manifest from another version: build
  }
}

/** The path of an up-to-date bundle of `source`, building it when there is none or an input changed. */
export async function bundled(source, name, cacheDir = defaultCacheDir()) {
  const fresh = freshBundle(source, name, cacheDir);
  if (fresh !== null) return fresh;
  const dir = bundleDir(source, name, cacheDir);
  mkdirSync(dir, { recursive: true });
  // Each build gets a folder of its own that nothing names until the manifest is renamed into place, so a process
  // starting meanwhile loads the old build or the new one, never half of one, and two processes rebuilding at once
  // after an edit each write their own. Split into chunks: a module the sources import only dynamically (the Matter
  // bridge and its @matter packages, over a second of CPU to load) stays out of start-up, as it does under tsx.
  const build = mkdtempSync(path.join(dir, 'build-'));
  const esbuild = await import('esbuild');
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [{ in: source, out: name }], bundle: true, splitting: true, outdir: build, outExtension: { '.js': '.mjs' },
    platform: 'node', format: 'esm', target: 'node20', packages: 'external', metafile: true, logLevel: 'silent',
    plugins: [ownImportMeta],
  });
  const inputs = {};
  // This file too: a change to how the bundle is built must rebuild it as surely as a change to a source.
  for (const input of [...Object.keys(result.metafile.inputs), import.meta.filename]) {
    const file = path.resolve(input);
    const stat = statSync(file);
    // Edited while esbuild ran: the bundle may hold the old text, so the manifest makes the next start rebuild.
    // (A file dated in the future, as a skewed clock leaves them, is not "while esbuild ran".)
    const duringBuild = stat.mtimeMs >= started && stat.mtimeMs <= Date.now();
    inputs[file] = [stat.size, duringBuild ? -1 : stat.mtimeMs];
  }
  const entry = path.join(path.basename(build), `${name}.mjs`);
  const aside = path.join(build, MANIFEST);
  writeFileSync(aside, JSON.stringify({ entry, inputs }));
  renameSync(aside, path.join(dir, MANIFEST));
  removeOldBuilds(dir, path.basename(build));
  return path.join(dir, entry);
}

const MANIFEST = 'inputs.json';
// A process started from an older build may still import one of its chunks later (the Matter bridge when a run
// asks for it), so older builds are removed only once they are a day old.
const KEEP_OLD_BUILDS_MS = 24 * 3600_000;

function removeOldBuilds(dir, current) {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('build-') || name === current) continue;
    const build = path.join(dir, name);
    const stat = statSync(build, { throwIfNoEntry: false });
    if (stat !== undefined && Date.now() - stat.mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(build, { recursive: true, force: true });
  }
}

/** Gives every source module its own import.meta.url/dirname/filename, as if it were loaded where it lives. */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
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
