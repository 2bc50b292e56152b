// `npm run mutate`'s groups name modules and tests that exist (a renamed file would silently drop out of the
// measurement), and a mistyped group is refused with the list of groups rather than starting an hour of work.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GROUPS } from './mutation-groups.mjs';

/** The files a simple glob (a `*` in the last segment only) names. */
function expand(pattern: string): string[] {
  if (!pattern.includes('*')) return existsSync(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  const re = new RegExp(`^${basename(pattern).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).map((f) => `${dir}/${f}`) : [];
}

describe('npm run mutate', () => {
  it.each(Object.entries(GROUPS))('group %s names modules and tests that exist', (_name, group) => {
    for (const pattern of group.mutate) expect(expand(pattern).filter((f) => !f.endsWith('.test.ts')), pattern).not.toEqual([]);
    for (const pattern of group.tests) expect(expand(pattern), pattern).not.toEqual([]);
  });

  it('refuses an unknown group, listing the groups, before running anything', () => {
    const run = spawnSync(process.execPath, ['scripts/mutate.mjs', 'secutiry'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`mutate: unknown group secutiry; groups: ${Object.keys(GROUPS).join(', ')}\n`);
  });
});
