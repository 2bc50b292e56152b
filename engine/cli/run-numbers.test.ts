// The run's summary line does not invent figures: a run in which no message was measured prints a dash for the
// rates and the latency, not 100 % and 0 ms; a measured one prints its percentiles with their sample count.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

describe('twinbench run: figures of nothing', () => {
  it('prints — for the rates and the latency when no message was measured', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'twinbench-quiet-')), 'quiet.yaml');
    writeFileSync(file, 'scenario: quiet\nduration: 1m\narchitectures: direct\nentities:\n  homes: [{ id: h1, devices: standard }]\nexpect:\n  - { state: { twin: h1/lock.front_door, path: state, equals: locked } }\n');
    const { code, out } = await cli('run', file, '--no-record');
    expect(code).toBe(0);
    expect(out).toContain('messages=0 success=— failure=— e2e p50/p95/p99=—  eventHash=');
    expect(out).not.toContain('100.0%');
  });

  it('prints the sample count beside the percentiles of a measured run', async () => {
    const { out } = await cli('run', path.resolve(import.meta.dirname, '../../scenarios/doorbell.yaml'), '--arch', 'direct', '--no-record');
    expect(out).toMatch(/success=100\.0% failure=0\.0% e2e p50\/p95\/p99=[\d.]+\/[\d.]+\/[\d.]+ ms \(n=\d+\)/);
  });
});
