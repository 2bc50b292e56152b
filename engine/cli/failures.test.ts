// No stack trace reaches a user: each hostile input that once printed one (issue #16) now gives one line with the
// file, flag or port and the reason; an invalid scenario still leaves CI a JUnit file; and an error Twinbench
// does not expect says it is a bug, with its stack only under TWINBENCH_DEBUG=1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ActionError } from '../runner/actions';
import { CliError, describeFailure, UsageError } from './cli-errors';
import { defineCommand } from './command-spec';
import { execute } from './main';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');
const doorbell = path.join(root, 'scenarios/doorbell.yaml');
const broken = path.join(root, 'engine/cli/fixtures/broken.yaml');
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-failures-'));

const badMap = path.join(dir, 'bad.geojson');
writeFileSync(badMap, '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":"nope"}}]}');
const badMapScenario = path.join(dir, 'bad-map.yaml');
writeFileSync(badMapScenario, readFileSync(doorbell, 'utf8').replace(/^scenario: .*$/m, (line) => `${line}\nmap: { geojson: bad.geojson }`));

const noStack = (text: string): void => expect(text).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m);

describe('hostile inputs that printed stack traces', () => {
  it('an invalid GeoJSON map is an invalid scenario: file:line:column, exit 1, a failed JUnit case', async () => {
    const junit = path.join(dir, 'map-junit.xml');
    const { code, out, err } = await cli('run', badMapScenario, '--no-record', '--junit', junit);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`${badMap}:1:`);
    expect(err).toContain('features[0]: coordinates must be an array, got "nope"');
    noStack(err);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('failures="1"');
    expect(xml).toContain('coordinates must be an array');
  });

  it('an invalid scenario with --junit writes a failed test case with every error; --report writes nothing, and says so', async () => {
    const junit = path.join(dir, 'out', 'junit.xml');
    const report = path.join(dir, 'out', 'report.html');
    const { code, err } = await cli('run', broken, '--junit', junit, '--report', report);
    expect(code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<testcase name="scenario is valid"[^>]*>\s*<failure message="[^"]*broken\.yaml:\d+:\d+: /);
    for (const where of ['broken.yaml:2:7: seed', 'broken.yaml:3:30: architectures[1]', 'broken.yaml:4:11: duration', 'broken.yaml:11:29: steps[0]']) expect(xml).toContain(where);
    expect(existsSync(report)).toBe(false);
    expect(err).toContain(`no report written to ${report}: the scenario is invalid, nothing ran`);
  });

  it('--record naming a file that is not SQLite names the file, exit 1', async () => {
    const corrupt = path.join(dir, 'corrupt.db');
    writeFileSync(corrupt, 'garbage, not a database\n'.repeat(200));
    const { code, out, err } = await cli('run', doorbell, '--arch', 'direct', '--record', corrupt);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`twinbench run: ${corrupt} is not a readable Twinbench recording (SQLite: file is not a database). Check the path; if the file was damaged, record the run again.\n`);
  });

  it('--record naming a folder names it, exit 1', async () => {
    const { code, err } = await cli('run', doorbell, '--arch', 'direct', '--record', dir);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^twinbench run: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot open the recording`));
  });

  it('the real executable prints no stack for a bad map, a bad seed or a corrupt recording', () => {
    const bin = path.join(root, 'bin/twinbench.mjs');
    const stderrOf = (...argv: string[]): { status: number; stderr: string } => {
      try {
        execFileSync(process.execPath, [bin, ...argv], { stdio: 'pipe', encoding: 'utf8', env: { ...process.env, TWINBENCH_DEBUG: '' } });
        return { status: 0, stderr: '' };
      } catch (err) {
        const e = err as { status: number; stderr: string };
        return { status: e.status, stderr: e.stderr };
      }
    };
    const map = stderrOf('run', badMapScenario, '--no-record');
    expect(map.status).toBe(1);
    noStack(map.stderr);
    expect(map.stderr.trimEnd().split('\n')).toHaveLength(1);
    const seed = stderrOf('run', doorbell, '--seed', '1e23');
    expect(seed.status).toBe(2);
    expect(seed.stderr).toBe('twinbench run: --seed takes a whole number from 0 to 9007199254740991, got "1e23"\n');
  }, 60_000);
});

describe('errors Twinbench does not expect', () => {
  const crashing = defineCommand({ name: 'crash', args: '', positionals: { min: 0, max: 0 }, summary: 'throws', options: {} }, async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  });

  it('say they are a bug, in one line and a hint, without the stack', async () => {
    const lines: string[] = [];
    const code = await execute(crashing, [], { out: () => undefined, err: (t) => void lines.push(t), isTTY: false });
    expect(code).toBe(1);
    expect(lines).toEqual([
      "twinbench crash: unexpected error — TypeError: Cannot read properties of undefined (reading 'x')\nThis is a bug in Twinbench; set TWINBENCH_DEBUG=1 for the stack.",
    ]);
  });

  it('show the stack with TWINBENCH_DEBUG=1', () => {
    const failure = describeFailure(new Error('boom'), 'run', { TWINBENCH_DEBUG: '1' });
    expect(failure.message).toContain('the stack follows');
    expect(failure.stack).toMatch(/^Error: boom\n\s+at /);
    expect(describeFailure(new Error('boom'), 'run', { TWINBENCH_DEBUG: '0' }).stack).toBeUndefined();
  });
});

describe('describeFailure', () => {
  const fsError = (code: string, syscall: string, file: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${code}: x, ${syscall} '${file}'`), { code, syscall, path: file });

  it('turns file-system errors into "cannot <verb> <path> — <reason>" (exit 1)', () => {
    expect(describeFailure(fsError('EISDIR', 'open', 'out.xml'), 'run')).toEqual({ message: 'twinbench run: cannot open out.xml — it is a folder, not a file (EISDIR)', exitCode: 1 });
    expect(describeFailure(fsError('EACCES', 'open', '/r/report.html'), 'run').message).toBe('twinbench run: cannot open /r/report.html — permission denied (EACCES)');
    expect(describeFailure(fsError('ENOENT', 'read', 'map.geojson'), 'run').message).toBe('twinbench run: cannot read map.geojson — no such file or folder (ENOENT)');
    expect(describeFailure(fsError('ENOSPC', 'write', 'runs.db'), 'run').message).toBe('twinbench run: cannot write runs.db — the disk is full (ENOSPC)');
  });

  it('keeps usage errors at exit 2 and known failures at their own code', () => {
    expect(describeFailure(new UsageError('--seed needs a value', true), 'run')).toEqual({ message: 'twinbench run: --seed needs a value (twinbench run --help lists the options)', exitCode: 2 });
    expect(describeFailure(new CliError('a.db: no such recording file', 2), 'runs')).toEqual({ message: 'twinbench runs: a.db: no such recording file', exitCode: 2 });
    expect(describeFailure('a string', '').message).toMatch(/^twinbench: unexpected error — a string\n/);
    expect(describeFailure(new ActionError('home h1 has no smart lock'), 'run')).toEqual({ message: 'twinbench run: the scenario cannot go on — home h1 has no smart lock', exitCode: 1 });
  });
});

describe('twinbench validate and a bad map', () => {
  it('reports the map like run does: file:line:column, exit 1', async () => {
    const { code, err } = await cli('validate', badMapScenario, doorbell);
    expect(code).toBe(1);
    expect(err).toContain(`${badMap}:1:`);
    expect(err).toContain('1 of 2 file(s) invalid');
  });
});
