// A TypeScript entry's bundle: built once and reused, rebuilt after an edit, each module keeping its own
// import.meta.url, dynamic imports kept out of start-up, and safe when two processes rebuild at once.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bundled, bundleDir, freshBundle } from './esm-bundle.mjs';
import { sourceTree } from './test-support/source-tree';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-esm-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string, files: Record<string, string>): string => sourceTree(dir, name, files);

const runNode = (file: string): string => execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();

describe('bundled', () => {
  const root = fixture('app', {
    'main.ts': "import { said } from './lib/said';\nconsole.log(said());\n",
    'lib/said.ts': "import { readFileSync } from 'node:fs';\nimport path from 'node:path';\n" +
      "export const said = (): string => `${readFileSync(new URL('./word.txt', import.meta.url), 'utf8').trim()} from ${path.basename(import.meta.dirname)}`;\n",
    'lib/word.txt': 'hello\n',
  });
  const cacheDir = path.join(dir, 'cache');

  it('bundles the module graph into one file that plain node runs, each module keeping its own import.meta', async () => {
    const bundle = await bundled(path.join(root, 'main.ts'), 'app', cacheDir);
    expect(path.dirname(bundle)).not.toBe(path.join(root, 'lib'));
    expect(runNode(bundle)).toBe('hello from lib');
  });

  it('reuses the bundle while no input changed', async () => {
    const first = await bundled(path.join(root, 'main.ts'), 'app', cacheDir);
    const built = statSync(first).mtimeMs;
    const again = await bundled(path.join(root, 'main.ts'), 'app', cacheDir);
    expect(again).toBe(first);
    expect(statSync(again).mtimeMs).toBe(built);
  });

  it('rebuilds after an input is edited', async () => {
    const said = path.join(root, 'lib/said.ts');
    writeFileSync(said, "export const said = (): string => 'edited';\n");
    utimesSync(said, new Date(), new Date(Date.now() + 5_000)); // even within the file system's mtime granularity
    const bundle = await bundled(path.join(root, 'main.ts'), 'app', cacheDir);
    expect(runNode(bundle)).toBe('edited');
  });

  it('rebuilds over a manifest that is garbage, or names an input that is gone', async () => {
    const app = fixture('manifest', { 'main.ts': "import { n } from './n';\nconsole.log(n);\n", 'n.ts': 'export const n = 1;\n' });
    const cache = path.join(dir, 'cache-manifest');
    const bundle = await bundled(path.join(app, 'main.ts'), 'app', cache);
    const manifest = path.join(bundleDir(path.join(app, 'main.ts'), 'app', cache), 'inputs.json');
    writeFileSync(manifest, '{"not": "a manifest"');
    expect(runNode(await bundled(path.join(app, 'main.ts'), 'app', cache))).toBe('1');
    const entry = path.relative(path.dirname(manifest), bundle);
    writeFileSync(manifest, JSON.stringify({ entry, inputs: { [path.join(app, 'gone.ts')]: [1, 1] } }));
    writeFileSync(path.join(app, 'n.ts'), 'export const n = 2;\n');
    expect(runNode(await bundled(path.join(app, 'main.ts'), 'app', cache))).toBe('2');
  });

  it('fails on a source esbuild cannot parse, so the caller falls back', async () => {
    const broken = fixture('broken', { 'main.ts': 'export const = ;\n' });
    await expect(bundled(path.join(broken, 'main.ts'), 'app', cacheDir)).rejects.toThrow();
  });

  it('keeps a dynamically imported module and its packages out of the entry, loading it only when asked', async () => {
    const app = fixture('lazy', {
      'main.ts': "console.log('started');\nif (process.argv[2] === 'late') console.log((await import('./late')).late());\n",
      'late.ts': "import { parse } from 'yaml';\nexport const late = (): string => String(parse('a: 1').a);\n",
    });
    const bundle = await bundled(path.join(app, 'main.ts'), 'app', path.join(dir, 'cache-lazy'));
    expect(readFileSync(bundle, 'utf8')).not.toContain('yaml');
    expect(runNode(bundle)).toBe('started');
    // The fixture lives outside the repository, where `yaml` does not resolve: it started because it never tried.
    expect(readdirSync(path.dirname(bundle)).some((f) => f.startsWith('late-'))).toBe(true);
  });

  it('lets two processes rebuild at once after an edit, each getting a whole bundle', async () => {
    const app = fixture('race', { 'main.ts': "import { n } from './n';\nconsole.log(n);\n", 'n.ts': 'export const n = 1;\n' });
    const cache = path.join(dir, 'cache-race');
    await bundled(path.join(app, 'main.ts'), 'app', cache);
    writeFileSync(path.join(app, 'n.ts'), 'export const n = 22;\n');
    utimesSync(path.join(app, 'n.ts'), new Date(), new Date(Date.now() + 5_000));
    const build = `import { bundled } from ${JSON.stringify(path.join(import.meta.dirname, 'esm-bundle.mjs'))};\n` +
      `process.stdout.write(await bundled(${JSON.stringify(path.join(app, 'main.ts'))}, 'app', ${JSON.stringify(cache)}));`;
    const run = promisify(execFile);
    const both = await Promise.all([1, 2].map(() => run(process.execPath, ['--input-type=module', '-e', build], { encoding: 'utf8' })));
    for (const { stdout } of both) expect(runNode(stdout)).toBe('22');
    expect(runNode(freshBundle(path.join(app, 'main.ts'), 'app', cache)!)).toBe('22');
  });

  it('removes builds older than a day when it rebuilds, keeping recent ones a running process may still load from', async () => {
    const app = fixture('old-builds', { 'main.ts': "console.log('v1');\n" });
    const cache = path.join(dir, 'cache-old');
    const first = await bundled(path.join(app, 'main.ts'), 'app', cache);
    const folder = bundleDir(path.join(app, 'main.ts'), 'app', cache);
    mkdirSync(path.join(folder, 'build-stale'));
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(path.join(folder, 'build-stale'), twoDaysAgo, twoDaysAgo);
    writeFileSync(path.join(app, 'main.ts'), "console.log('v2');\n");
    utimesSync(path.join(app, 'main.ts'), new Date(), new Date(Date.now() + 5_000));
    const second = await bundled(path.join(app, 'main.ts'), 'app', cache);
    expect(runNode(second)).toBe('v2');
    expect(readdirSync(folder).sort()).toEqual([path.basename(path.dirname(first)), path.basename(path.dirname(second)), 'inputs.json'].sort());
  });
});
