// The suite's worker bundle: built once and reused, rebuilt after an edit, each module keeping its own
// import.meta.url, and the tsx workers as the fallback whenever the bundle cannot be had.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWorker, TSX_ENTRY, workerEntry } from './worker-entry';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-worker-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', path.dirname(path.join(root, file))]);
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const runNode = (file: string): string => execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();

describe('bundledWorker', () => {
  const root = fixture('app', {
    'main.ts': "import { said } from './lib/said';\nconsole.log(said());\n",
    'lib/said.ts': "import { readFileSync } from 'node:fs';\nimport path from 'node:path';\n" +
      "export const said = (): string => `${readFileSync(new URL('./word.txt', import.meta.url), 'utf8').trim()} from ${path.basename(import.meta.dirname)}`;\n",
    'lib/word.txt': 'hello\n',
  });
  const cacheDir = path.join(dir, 'cache');

  it('bundles the module graph into one file that plain node runs, each module keeping its own import.meta', async () => {
    const bundle = await bundledWorker({ source: path.join(root, 'main.ts'), cacheDir });
    expect(path.dirname(bundle)).not.toBe(path.join(root, 'lib'));
    expect(runNode(bundle)).toBe('hello from lib');
  });

  it('reuses the bundle while no input changed', async () => {
    const first = await bundledWorker({ source: path.join(root, 'main.ts'), cacheDir });
    const built = statSync(first).mtimeMs;
    const again = await bundledWorker({ source: path.join(root, 'main.ts'), cacheDir });
    expect(again).toBe(first);
    expect(statSync(again).mtimeMs).toBe(built);
  });

  it('rebuilds after an input is edited', async () => {
    const said = path.join(root, 'lib/said.ts');
    writeFileSync(said, "export const said = (): string => 'edited';\n");
    utimesSync(said, new Date(), new Date(Date.now() + 5_000)); // even within the file system's mtime granularity
    const bundle = await bundledWorker({ source: path.join(root, 'main.ts'), cacheDir });
    expect(runNode(bundle)).toBe('edited');
  });

  it('rebuilds over a manifest that is garbage, or names an input that is gone', async () => {
    const app = fixture('manifest', { 'main.ts': "import { n } from './n';\nconsole.log(n);\n", 'n.ts': 'export const n = 1;\n' });
    const cache = path.join(dir, 'cache-manifest');
    const bundle = await bundledWorker({ source: path.join(app, 'main.ts'), cacheDir: cache });
    const manifest = path.join(path.dirname(bundle), 'inputs.json');
    writeFileSync(manifest, '{"not": "a manifest"');
    expect(runNode(await bundledWorker({ source: path.join(app, 'main.ts'), cacheDir: cache }))).toBe('1');
    writeFileSync(manifest, JSON.stringify({ [path.join(app, 'gone.ts')]: [1, 1] }));
    writeFileSync(path.join(app, 'n.ts'), 'export const n = 2;\n');
    expect(runNode(await bundledWorker({ source: path.join(app, 'main.ts'), cacheDir: cache }))).toBe('2');
  });

  it('fails on a source esbuild cannot parse, so the caller falls back', async () => {
    const broken = fixture('broken', { 'main.ts': 'export const = ;\n' });
    await expect(bundledWorker({ source: path.join(broken, 'main.ts'), cacheDir })).rejects.toThrow();
  });
});

describe('workerEntry', () => {
  it('starts workers from the bundle on plain node', async () => {
    const entry = await workerEntry({ cacheDir: path.join(dir, 'real') });
    expect(entry.kind).toBe('bundle');
    expect(entry.execArgv).not.toContain('tsx');
    expect(entry.file.endsWith('.mjs')).toBe(true);
  });

  it("runs workers with the CLI's V8 heap flags, bundled or not (bin/twinbench.mjs says why they matter)", async () => {
    const shebang = readFileSync(path.join(import.meta.dirname, '../../bin/twinbench.mjs'), 'utf8').split('\n')[0]!;
    const cliFlags = shebang.split(' ').filter((word) => word.startsWith('--'));
    expect(cliFlags).toEqual(expect.arrayContaining(['--max-semi-space-size=64', '--no-allocation-site-pretenuring']));
    const entry = await workerEntry({ cacheDir: path.join(dir, 'real') });
    expect(entry.execArgv).toEqual(cliFlags);
    expect(TSX_ENTRY.execArgv).toEqual([...cliFlags, '--import', 'tsx']);
  });

  it('falls back to tsx when the bundle cannot be built', async () => {
    const broken = fixture('broken2', { 'main.ts': 'export const = ;\n' });
    expect(await workerEntry({ source: path.join(broken, 'main.ts'), cacheDir: path.join(dir, 'cache2') })).toEqual(TSX_ENTRY);
  });

  it('falls back to tsx when the cache folder cannot be written (a file stands where it should be)', async () => {
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'not a folder');
    expect(await workerEntry({ cacheDir: blocked })).toEqual(TSX_ENTRY);
  });
});
