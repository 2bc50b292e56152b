// Private keys never leave the simulator's memory: not into the canonical stream, the events, refusal messages,
// step errors, the RunResult and its reports, the recording, or its exports. Every key a run used is searched for
// in hex, base64, base64url and as a list of byte values, over everything a whole run produced.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../twins/kernel';
import { keySeedFrom, keyStreamName } from '../../twins/security';
import { shippedScenarioFiles } from '../cli/list-command';
import { cli } from '../cli/test-support/cli';
import { htmlReport, jsonReport, junitXml, markdownReport } from '../report';
import { judge } from '../runner/run-scenario';
import { ScenarioRun } from '../runner/scenario-run';
import { loadScenarioFile } from '../scenario';

/** The ways a 32-byte key could be written down. */
function spellings(key: Uint8Array): string[] {
  const bytes = Buffer.from(key);
  return [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('base64'), bytes.toString('base64url'), [...bytes].join(','), [...bytes].join(', ')];
}

function privateKeyOf(seed: number, address: string): Uint8Array {
  return keySeedFrom(new SeededRandom(seed).stream(keyStreamName(address)));
}

function expectNoKey(texts: readonly string[], keys: readonly { address: string; key: Uint8Array }[]): void {
  const all = texts.join('\n');
  for (const { address, key } of keys) {
    for (const spelling of spellings(key)) {
      if (all.includes(spelling)) throw new Error(`the private key of ${address} appears (as ${spelling.slice(0, 12)}…)`);
    }
  }
}

const fileOf = (name: string) => shippedScenarioFiles().find((f) => f.endsWith(`/${name}.yaml`))!;

describe('private keys', () => {
  it.each(['attack-replayed-unlock', 'attack-forged-unlock', 'attack-expired-token'])('never appear in what a %s run emits or reports', (name) => {
    const { scenario } = loadScenarioFile(fileOf(name));
    const lines: string[] = [];
    const run = new ScenarioRun(scenario, 'cloud-cloud', { listeners: [(_event, line) => void lines.push(line)] });
    run.runToEnd();
    const result = judge(run, undefined, 0);
    const keys = run.sim.security.identities.all().map((identity) => ({ address: identity.address, key: privateKeyOf(scenario.seed, identity.address) }));
    // The run did sign and verify, so the keys existed in memory; the check is not vacuous.
    expect(lines.some((l) => l.includes('"type":"security.refused"'))).toBe(true);
    expect(keys.map((k) => k.address)).toEqual(expect.arrayContaining(['vehicle/car1']));
    expect(keys.some(({ address }) => run.sim.security.identities.of(address).publicKeyHex.length === 64)).toBe(true);
    const reports = [jsonReport([result]), markdownReport([result]), htmlReport([result]), junitXml([result])];
    expectNoKey([...lines, JSON.stringify(result), ...run.stepErrors, ...reports], keys);
    // The test would catch a leak: the same search finds a key that is written out.
    expect(() => expectNoKey([`{"k":"${Buffer.from(keys[0]!.key).toString('base64')}"}`], keys)).toThrow(/private key of/);
  });

  it('never appear in a recording, its jsonl and csv exports, or the CLI output', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-secrets-'));
    const db = path.join(dir, 'runs.db');
    const report = path.join(dir, 'report.json');
    const run = await cli('run', fileOf('attack-replayed-unlock'), '--arch', 'cloud-cloud', '--record', db, '--report', report);
    expect(run.code).toBe(0);
    const jsonl = path.join(dir, 'run.jsonl');
    const csv = path.join(dir, 'run.csv');
    expect((await cli('export', db, '1', '--format', 'jsonl', '--out', jsonl)).code).toBe(0);
    expect((await cli('export', db, '1', '--format', 'csv', '--out', csv)).code).toBe(0);
    const exported = readFileSync(jsonl, 'utf8');
    expect(exported).toContain('security.refused');
    const addresses = ['vehicle/car1', 'home-cloud', 'home/h1/gateway', 'vehicle-cloud', 'home/h1/lock.front_door', 'attacker/1'];
    const keys = addresses.map((address) => ({ address, key: privateKeyOf(42, address) }));
    const database = [db, `${db}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1'));
    expectNoKey([run.out, run.err, readFileSync(report, 'utf8'), exported, readFileSync(csv, 'utf8'), ...database], keys);
  });
});
