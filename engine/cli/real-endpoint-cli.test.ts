// Scenes only a real endpoint can judge, as a user meets them on the command line: `run` alone refuses one it cannot
// connect (exit 2, the reason and the command that can), and a suite — and the merge of its shards — skips one,
// exiting 0 when everything it could judge passed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-real-endpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string): string => path.join(dir, name);
const night = path.resolve('engine/suite/fixtures/external-csms-night.yaml');
const doorbell = path.resolve('scenarios/doorbell.yaml');

describe('a scene only a real endpoint can judge, on the command line', () => {
  it('run alone refuses a household served by an external agent, naming the file and the command that serves it', async () => {
    const file = at('external-agent.yaml');
    const text = readFileSync(path.resolve('scenarios/proactive-weeks.yaml'), 'utf8');
    expect(text).toContain('agent: "${agent}"');
    writeFileSync(file, text.replace('agent: "${agent}"', 'agent: external'));
    const { code, out, err } = await cli('run', file, '--no-record');
    expect(code).toBe(2);
    expect(err).toContain(`${file}: household agent external needs an agent connected over MCP, which \`twinbench run\` does not connect; run it with: twinbench mcp ${file}`);
    expect(out).not.toMatch(/PASS|FAIL/);
  });

  it('a suite skips it and passes; its shards merge with the runs still skipped', async () => {
    const suite = await cli('run', night, doorbell, '--arch', 'direct', '--seeds', '1..2', '--workers', '1', '--no-record', '--report', at('suite.md'));
    expect(suite.code).toBe(0);
    expect(suite.out).toContain('suite: 4 run(s), 2 skipped on 1 worker(s)');
    expect(suite.out).toMatch(/^SKIP {2}\[1\/4\] external-csms-night \[direct\] seed=1: charging strategy external-csms needs a real OCPP CSMS/m);
    expect(suite.out).toContain('PASS  4 run(s), 2 skipped');
    expect(readFileSync(at('suite.md'), 'utf8')).toContain('| external-csms-night | direct | 2 | 2 skipped |');
    for (const i of [1, 2]) {
      const shard = await cli('run', night, doorbell, '--arch', 'direct', '--seeds', '1..2', '--shard', `${i}/2`, '--workers', '1', '--no-record', '--report', at(`shard${i}.json`));
      expect(shard.code).toBe(0);
    }
    const merged = await cli('merge', at('shard1.json'), at('shard2.json'), '--report', at('merged.md'), '--junit', at('merged.xml'));
    expect(merged.code).toBe(0);
    expect(merged.out).toContain('merged 2 report(s): 4 of 4 runs, 0 failed, 2 skipped (a real endpoint needed)');
    expect(readFileSync(at('merged.md'), 'utf8')).toContain('| external-csms-night | direct | 2 | 2 skipped |');
    const xml = readFileSync(at('merged.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<testsuites name="twinbench" tests="\d+" failures="0" errors="0" skipped="2"/);
    expect(xml).toContain('<skipped message="charging strategy external-csms needs a real OCPP CSMS, which a suite does not connect; run it alone: twinbench run');
  });
});
