// `twinbench mcp`'s command line: each bad flag or file is one line naming it, before any server starts.
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
