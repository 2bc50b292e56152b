// Proves twins/ is host-free: bundle it and evaluate it in a V8 context that has only ECMAScript built-ins
// (no process, require, Buffer, window, document, setTimeout or console), then run a deterministic story in it.
import { build } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

async function bundleTwins(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'bare-context.entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'twinsBundle',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('twins/ in a bare JavaScript context', () => {
  it('loads and runs a seeded simulation with no Node or DOM globals', async () => {
    const code = await bundleTwins();
    const sandbox = vm.createContext({});
    for (const name of ['process', 'require', 'Buffer', 'window', 'document', 'setTimeout', 'TextEncoder', 'performance']) {
      expect(vm.runInContext(`typeof ${name}`, sandbox)).toBe('undefined');
    }
    // xstate reads console.log when it loads (for its dev-tools adapter); give it one that records calls, so the
    // test still fails if twins/ actually writes to the console.
    const logged: unknown[] = [];
    vm.runInContext('globalThis.console = { log: (...a) => logs.push(a), warn: (...a) => logs.push(a), error: (...a) => logs.push(a) }', Object.assign(sandbox, { logs: logged }));
    vm.runInContext(code, sandbox, { filename: 'twins.bundle.js' });
    const hashA = vm.runInContext('twinsBundle.runBareStory(7)', sandbox) as string;
    const hashB = vm.runInContext('twinsBundle.runBareStory(7)', sandbox) as string;
    const hashC = vm.runInContext('twinsBundle.runBareStory(8)', sandbox) as string;
    expect(hashA).toMatch(/^[0-9a-f]{64}$/);
    expect(hashB).toBe(hashA);
    expect(hashC).not.toBe(hashA);
    expect(logged).toEqual([]);
  });
});
