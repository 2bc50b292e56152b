// The suite's worker starts from its bundle (engine/build/esm-bundle.mjs, tested there), and from tsx whenever the
// bundle cannot be had.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TSX_ENTRY, workerEntry } from './worker-entry';
import { sourceTree } from '../build/test-support/source-tree';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-worker-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string, files: Record<string, string>): string => sourceTree(dir, name, files);

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
