// `twinbench mcp`'s command line: each bad flag or file is one line naming it, before any server starts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

describe('twinbench mcp flags', () => {
  it.each([
    [['--http', 'abc'], /--http takes a port number 0–65535, got "abc"/, 2],
    [['--http', '70000'], /--http takes a port number/, 2],
    [['--arch', 'all'], /--arch takes one architecture here, not all/, 2],
    [['--arch', 'smoke-signals'], /--arch takes .*got "smoke-signals"/, 2],
    [['--seed', 'soon'], /--seed takes a whole number/, 2],
    [['--grant', 'everything'], /--grant: .*everything is not a scope/, 2],
    [['--record', 'x.db'], /contradict/, 2], // with the --no-record every case gets
    [['/nonexistent/scene.yaml'], /\/nonexistent\/scene\.yaml/, 1],
    [['a.yaml', 'b.yaml'], /expected 0 to 1 arguments/, 2],
  ])('mcp %j is refused', async (argv, message, code) => {
    const result = await cli('mcp', ...argv, '--no-record');
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.out).toBe('');
    expect(result.code).toBe(code);
  });
});

describe('load_scenario files', () => {
  it('takes only YAML files, and names a bad one with file:line:column', async () => {
    const { loadScenario } = await import('./mcp-command');
    expect(() => loadScenario('/etc/passwd')).toThrow('/etc/passwd: a scenario is a .yaml file');
    expect(() => loadScenario('/nonexistent/x.yaml')).toThrow(/\/nonexistent\/x\.yaml/);
    expect(loadScenario('scenarios/doorbell.yaml').scenario).toBe('doorbell');
    const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-mcp-'));
    try {
      const bad = path.join(dir, 'bad.yaml');
      writeFileSync(bad, 'scenario: broken\nseed: soon\n');
      expect(() => loadScenario(bad)).toThrow(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
