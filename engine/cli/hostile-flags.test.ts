// Every flag of every command with a hostile value — empty, the wrong type, missing, repeated, unknown, out of
// range — gives one line that names the flag (exit 2), before anything runs. (serve's flags: serve-command.test.ts.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');
const doorbell = path.join(root, 'scenarios/doorbell.yaml');
const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-hostile-'));
const aFolder = path.join(dir, 'folder');
const aFile = path.join(dir, 'file.txt');
const aFolderNamedHtml = path.join(dir, 'report.html');
mkdirSync(aFolder);
mkdirSync(aFolderNamedHtml);
writeFileSync(aFile, 'not a folder');

type Case = [argv: string[], message: string];

async function expectUsageError([argv, message]: Case): Promise<void> {
  const { code, out, err } = await cli(...argv);
  expect(code, argv.join(' ')).toBe(2);
  expect(out, argv.join(' ')).toBe(''); // nothing ran
  expect(err.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
  expect(err, argv.join(' ')).toContain(message);
}

const run = (...flags: string[]): string[] => ['run', doorbell, '--arch', 'direct', '--no-record', ...flags];

describe('twinbench run refuses hostile flags', () => {
  it.each<Case>([
    [run('--seed', '1e23'), '--seed takes a whole number from 0 to 9007199254740991, got "1e23"'],
    [run('--seed', '9007199254740993'), 'got "9007199254740993"'],
    [run('--seed', 'abc'), 'got "abc"'],
    [run('--seed', '1.5'), 'got "1.5"'],
    [run('--seed=-1'), 'got "-1"'],
    [run('--seed', '-1'), '--seed needs a value (for a value that starts with a dash, write --seed=-…)'],
    [run('--seed', ''), '--seed needs a value, got an empty one'],
    [run('--seed'), '--seed needs a value'],
    [run('--seed', '1', '--seed', '2'), '--seed is given more than once'],
  ])('--seed: %j', async (...c) => expectUsageError(c));

  it.each<Case>([
    [['run', doorbell, '--no-record', '--arch', 'satellite'], '--arch takes cloud-cloud, direct, phone-proxy, local or all, got "satellite"'],
    [['run', doorbell, '--no-record', '--arch', ' '], '--arch needs a value, got an empty one'],
    [run('--set', 'nokey'), '--set takes key=value, got "nokey"'],
    [run('--set', '=1'), '--set takes key=value, got "=1"'],
    [run('--set', 'a=1', '--set', 'a=2'), '--set a is given more than once'],
    [run('--set'), '--set needs a value'],
    [run('--speed', 'fast'), '--speed takes a positive number (× real time) or max, got "fast"'],
    [run('--speed', '0'), 'got "0"'],
    [run('--speed=-2'), 'got "-2"'],
    [run('--speed', 'Infinity'), 'got "Infinity"'],
    [run('--speed', ''), '--speed needs a value, got an empty one'],
    [['run', doorbell, '--record', ''], '--record needs a value, got an empty one'],
    [['run', doorbell, '--record', path.join(dir, 'x.db'), '--no-record'], '--record and --no-record contradict each other'],
    [run('--no-record=yes'), '--no-record takes no value'],
    [run('--report', path.join(dir, 'x.pdf')), '--report: cannot write a report to'],
    [run('--report', aFolder), '--report: cannot write a report to'],
    [run('--report', aFolderNamedHtml), `--report ${aFolderNamedHtml}: that is a folder; name a file in it, such as ${path.join(aFolderNamedHtml, 'report.html')}`],
    [run('--report', path.join(aFile, 'r.html')), `--report ${path.join(aFile, 'r.html')}: ${aFile} is a file, not a folder`],
    [run('--report', ''), '--report needs a value, got an empty one'],
    [run('--junit', aFolder), `--junit ${aFolder}: that is a folder; name a file in it, such as ${path.join(aFolder, 'junit.xml')}`],
    [run('--junit', path.join(aFile, 'j.xml')), 'is a file, not a folder'],
    [run('--junit'), '--junit needs a value'],
    [run('--broker', ''), '--broker needs a value, got an empty one'],
    [run('--broker-user', 'alice'), '--broker-user needs a broker: add --broker URL'],
    [run('--broker-ca', '/etc/ca.pem'), '--broker-ca needs a broker'],
    [run('--broker-cert', 'c.pem'), '--broker-cert needs a broker'],
    [run('--broker-key', 'k.pem'), '--broker-key needs a broker'],
    [run('--ha-discovery=1'), '--ha-discovery takes no value'],
    [run('--external', 'home-cloud'), '--external takes party=endpoint'],
    [run('--external', 'home-cloud=ftp://x'), '--external home-cloud: "ftp://x" is not http://…, ws://… or mqtt:<topic prefix>'],
    [run('--external', 'home-cloud=http://'), 'is not http://…'],
    [run('--external-codec', 'xml/v9'), '--external-codec takes twinbench/v1 or device-actions/v1, got "xml/v9"'],
    [run('--otlp'), '--otlp needs a value'],
    [run('--frobnicate'), 'unknown option --frobnicate (twinbench run --help lists the options)'],
    [run('-x'), 'unknown option -x'],
    [['run'], 'expected 1 to 10000 arguments (<file.yaml>...), got none'],
    [run('--seeds', '1', '--otlp', 'http://127.0.0.1:4318'), '--otlp is for a single run'],
  ])('%j', async (...c) => expectUsageError(c));

  it('names the endpoint for a broker or OTLP URL it cannot use (exit 1)', async () => {
    const broker = await cli(...run('--broker', 'ftp://x'));
    expect(broker.code).toBe(1);
    expect(broker.err).toBe("twinbench run: broker ftp://x: unsupported scheme 'ftp'. Use mqtt://, mqtts://, ws:// or wss://\n");
    const otlp = await cli(...run('--otlp', 'not a url'));
    expect(otlp.code).toBe(1);
    expect(otlp.err).toContain('twinbench run: otlp not a url: not a valid URL');
  });
});

describe('validate, list, runs, diff and export refuse hostile arguments', () => {
  const db = path.join(dir, 'none.db');
  it.each<Case>([
    [['validate'], 'twinbench validate: expected at least 1 argument (<file.yaml>...), got none'],
    [['validate', doorbell, '--strict'], 'unknown option --strict'],
    [['list', 'extra'], 'twinbench list: expected no arguments, got "extra"'],
    [['list', '--all'], 'unknown option --all'],
    [['runs', 'a.db', 'b.db'], 'twinbench runs: expected 0 to 1 arguments ([recording.db]), got "a.db" "b.db"'],
    [['runs', '--json=yes'], '--json takes no value'],
    [['runs', '--limit', '3'], 'unknown option --limit'],
    [['diff', db, '1'], 'expected 3 arguments (<recording.db> <runA> <runB>), got'],
    [['diff', db, '1', '2', '--against'], '--against needs a value'],
    [['diff', db, '1', '2', '--against', ''], '--against needs a value, got an empty one'],
    [['diff', db, '1', '2', '--tolerance-ms', 'soon'], '--tolerance-ms needs a number >= 0, got "soon"'],
    [['diff', db, '1', '2', '--tolerance-ms=-1'], '--tolerance-ms needs a number >= 0, got "-1"'],
    [['diff', db, '1', '2', '--limit', '2.5'], '--limit needs a whole number >= 0, got "2.5"'],
    [['diff', db, '1', '2', '--limit', 'Infinity'], '--limit needs a whole number >= 0, got "Infinity"'],
    [['diff', db, '1', '2', '--json=1'], '--json takes no value'],
    [['export', db, '1'], '--format jsonl|csv is required'],
    [['export', db, '1', '--format', 'xml'], '--format must be jsonl or csv, got "xml"'],
    [['export', db, '1', '--format', ''], '--format needs a value, got an empty one'],
    [['export', db, '1', '--format', 'csv', '--out', aFolder], `--out ${aFolder}: that is a folder; name a file in it, such as ${path.join(aFolder, 'run.csv')}`],
    [['export', db, '1', '--format', 'csv', '-o', path.join(aFile, 'x.csv')], 'is a file, not a folder'],
    [['export', db, '1', '--format', 'csv', '--precise-location=no'], '--precise-location takes no value'],
    [['export', db, '--format', 'csv'], 'expected 2 arguments (<recording.db> <run>), got'],
  ])('%j', async (...c) => expectUsageError(c));
});
