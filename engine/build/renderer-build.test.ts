// The one staleness rule `npm start` and `twinbench serve` share: build when an output is missing or older than
// the newest source, where tests, dot-files and node_modules are not sources.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStale, newestInput, rendererIsStale } from './renderer-build';

function tree(): { root: string; touch(file: string, seconds: number): string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'twinbench-stale-'));
  return {
    root,
    touch(file, seconds) {
      const full = path.join(root, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, file);
      utimesSync(full, seconds, seconds);
      return full;
    },
  };
}

describe('renderer staleness', () => {
  it('is stale when the output is missing', () => {
    const t = tree();
    t.touch('renderer/main.tsx', 100);
    expect(isStale([path.join(t.root, 'dist/index.html')], ['renderer'], t.root)).toBe(true);
    expect(rendererIsStale(path.join(t.root, 'no-such-build'))).toBe(true);
  });

  it('is stale when a source is newer than the output, fresh otherwise', () => {
    const t = tree();
    t.touch('renderer/main.tsx', 100);
    const out = t.touch('dist/index.html', 200);
    expect(isStale([out], ['renderer', 'vite.config.ts'], t.root)).toBe(false);
    t.touch('renderer/views/map.tsx', 300);
    expect(isStale([out], ['renderer', 'vite.config.ts'], t.root)).toBe(true);
  });

  it('ignores tests, dot-files and node_modules', () => {
    const t = tree();
    t.touch('renderer/main.tsx', 100);
    t.touch('renderer/main.test.tsx', 900);
    t.touch('renderer/.cache/x.js', 900);
    t.touch('renderer/node_modules/dep/index.js', 900);
    expect(newestInput(['renderer', 'missing-entry'], t.root)).toBe(100_000);
  });
});
