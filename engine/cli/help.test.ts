// Help is generated from each command's option table, the one the parser reads: every flag listed is accepted,
// every flag accepted is listed, and the README's usage blocks are the generated text itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp, parseCommandArgs } from './command-spec';
import { COMMANDS, main, mainHelp, version } from './main';
import { runCommand } from './run-command';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');

describe('--help', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('twinbench %s --help lists exactly the flags the parser accepts', async (name, entry) => {
    const command = await entry.load();
    const { code, out } = await cli(name, '--help');
    expect(code).toBe(0);
    expect(out.trimEnd()).toBe(commandHelp(command.spec));
    expect((await cli(name, '-h')).out).toBe(out);
    expect((await cli('help', name)).out).toBe(out);
    const listed = [...out.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]);
    expect(listed).toEqual([...Object.keys(command.spec.options), 'help']);
    for (const [flag, o] of Object.entries(command.spec.options)) {
      // Accepted by the parser (it may then fail on positionals or a required flag, never as an unknown option).
      const argv = o.type === 'string' ? [`--${flag}`, 'x'] : [`--${flag}`];
      let message = '';
      try {
        parseCommandArgs(command.spec, argv);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).not.toContain('unknown option');
    }
  });

  it('twinbench --help lists every command; no command is a usage error (exit 2); -V prints the version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const { name } of COMMANDS) expect(help.out).toContain(`  ${name}`);
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.err.trimEnd()).toBe(mainHelp());
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(version()).toBe(pkg.version);
    for (const flag of ['-V', '--version']) expect(await cli(flag)).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it('an unknown command is a usage error naming the commands', async () => {
    const { code, err } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(err).toBe('twinbench: unknown command "frobnicate"; the commands are run, validate, list, serve, mcp, runs, diff, export, learn, fleet, merge (twinbench --help lists the options)\n');
  });

  it("the README's Command line section shows the generated help, word for word", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 1));
    const blocks = [...section.matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const hint = 'regenerate the block from `node bin/twinbench.mjs --help` / `run --help`';
    expect(blocks[0], hint).toBe(mainHelp());
    expect(blocks[1], hint).toBe(commandHelp(runCommand.spec));
  });

  it("the overview's name, arguments and summary of each command are those of its spec (loaded only when it runs)", async () => {
    for (const entry of COMMANDS) {
      const { spec } = await entry.load();
      // No arguments is written '' in some specs and left out in others; both show the same.
      expect({ name: entry.name, args: entry.args || undefined, summary: entry.summary }, `main.ts COMMANDS entry for ${spec.name}`)
        .toEqual({ name: spec.name, args: spec.args || undefined, summary: spec.summary });
    }
  });

  it('--version and the overview load no command module nor cli-errors; a command loads its own only', async () => {
    // The command modules are what a bare start pays for (SQLite, MQTT, MCP, OCPP packages behind them).
    const text = readFileSync(path.join(import.meta.dirname, 'main.ts'), 'utf8');
    expect(text).not.toMatch(/^import [^;]*from '\.\/\w+-command'/m);
    expect(text.match(/await import\('\.\/\w+-command'\)/g)).toHaveLength(COMMANDS.length);
    // Nor describeFailure's module, which imports every error class (the scenario schema, the suite).
    for (const file of ['main.ts', 'command-spec.ts', 'usage-error.ts', 'version.ts']) {
      expect(readFileSync(path.join(import.meta.dirname, file), 'utf8'), file).not.toMatch(/^import [^;]*from '\.\/cli-errors'/m);
    }
  });

  it('main has a command table with no duplicates', async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(await main(['run', '--help'], { out: () => undefined, err: () => undefined, isTTY: false })).toBe(0);
  });
});
