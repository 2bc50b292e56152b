// The remembered layout: read back what was written; anything else stored there falls back to the default.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFlag, readSplit, writeFlag, writeSplit } from './layout-storage';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

let memory: MemoryStorage;
beforeEach(() => {
  memory = new MemoryStorage();
  vi.stubGlobal('localStorage', memory);
});
afterEach(() => vi.unstubAllGlobals());

describe('layout storage', () => {
  it('remembers a split and a flag', () => {
    writeSplit('left', 0.3);
    writeFlag('presenter', true);
    expect(readSplit('left', 0.24, 0.1)).toBe(0.3);
    expect(readFlag('presenter', false)).toBe(true);
  });

  it('falls back on nonsense, out-of-range shares and missing keys', () => {
    for (const bad of ['abc', '', 'NaN', '-1', '0.95', '1e999', '{"a":1}']) {
      memory.items.set('twinbench.layout.split.left', bad);
      expect(readSplit('left', 0.24, 0.1), bad).toBe(0.24);
    }
    memory.items.set('twinbench.layout.presenter', 'yes');
    expect(readFlag('presenter', false)).toBe(false);
    expect(readSplit('never-written', 0.5, 0.1)).toBe(0.5);
  });

  it('works without storage at all, and when writing throws', () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } });
    expect(() => writeSplit('left', 0.3)).not.toThrow();
    expect(() => writeFlag('presenter', true)).not.toThrow();
    vi.stubGlobal('localStorage', undefined);
    expect(readSplit('left', 0.24, 0.1)).toBe(0.24);
    expect(readFlag('presenter', true)).toBe(true);
  });
});
