// The architecture comparison runs the loaded scene under every architecture on a worker process: each run's
// eventHash is the one `twinbench run` gives, the live session's thread stays free meanwhile, and what cannot be
// compared (nothing loaded, a recorded run, a worker that died) is said, not hidden.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchitectureComparison, Verdict } from '../../protocol';
import { ARCHITECTURES } from '../../twins/bus/envelope';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile } from '../scenario';
import type { SuiteJobOptions } from '../suite/suite-job';
import type { SuiteJob } from '../suite/suite-plan';
import { ArchitectureComparer, comparisonLabel, summaryOf } from './architecture-comparison';
import { EngineHost } from './engine-host';
import { PublishedEvents } from './test-support/recorder';

let host: EngineHost | undefined;
afterEach(() => host?.dispose());

function open(options: ConstructorParameters<typeof EngineHost>[0] = {}): { host: EngineHost; out: PublishedEvents } {
  const out = new PublishedEvents();
  host = new EngineHost({ recordingFile: null, ...options });
  for (const event of ['verdict', 'runState'] as const) host.listen(event, (p) => out.publish(event, p));
  return { host, out };
}

describe('compareArchitectures', () => {
  it('runs the loaded scene under all four architectures on a worker, with the CLI\'s eventHash, while the live run plays', async () => {
    const { host, out } = open();
    await host.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', seed: 7 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const comparing = host.invoke('compareArchitectures', undefined);
    // The live session plays to its verdict while the comparison is under way: nothing waits for the other.
    await host.invoke('play', { speed: 'max' });
    await out.waitFor('verdict', (v: Verdict) => v.kind === 'final', 60_000);
    const comparison: ArchitectureComparison = await comparing;
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(20); // the event loop kept turning

    expect(comparison.runs.map((r) => r.architecture)).toEqual([...ARCHITECTURES]);
    expect(comparison.seed).toBe(7);
    const listed = loadScenarioFile('scenarios/doorbell.yaml').scenario.architectures;
    for (const run of comparison.runs) expect(run.listed).toBe(listed.includes(run.architecture));
    const cloud = comparison.runs.find((r) => r.architecture === 'cloud-cloud')!;
    expect(cloud.verdict).toBe('pass');
    expect(cloud.e2e.count).toBeGreaterThan(0);
    expect(cloud.e2e.p99).toBeGreaterThanOrEqual(cloud.e2e.p50);
    // The same job as the CLI: the same seed gives the same hash as a run in this process.
    const scenario = { ...loadScenarioFile('scenarios/doorbell.yaml').scenario, seed: 7 };
    expect(cloud.eventHash).toBe((await runScenario(scenario, 'cloud-cloud')).eventHash);
    expect(comparison.latencySvg).toContain('<svg');
  }, 120_000);

  it('refuses with the reason when nothing is loaded', async () => {
    const { host } = open();
    await expect(host.invoke('compareArchitectures', undefined)).rejects.toThrow(/no scenario loaded/);
  });

  it('joins a comparison already running for the same scene instead of starting a second', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const comparer = new ArchitectureComparer((h) => h, async (jobs) => {
      calls++;
      await gate;
      return jobs.map((job) => ({ job, error: 'stopped' }));
    });
    const session = { file: 'scenarios/doorbell.yaml', scenario: 'doorbell', seed: 1, parameters: {} } as never;
    const a = comparer.compare(session, ['cloud-cloud']);
    const b = comparer.compare(session, ['cloud-cloud']);
    await expect(comparer.compare({ ...(session as object), file: 'scenarios/commute.yaml' } as never, [])).rejects.toThrow(/still running/);
    release();
    expect(await a).toBe(await b);
    expect(calls).toBe(1);
  });

  it('shows a worker that died as an error row with its reason, not as a pass or a missing row', () => {
    const job: SuiteJob = { index: 3, file: 'x.yaml', scenario: 'x', architecture: 'local', seed: 1 };
    const row = summaryOf({ job, error: 'its worker process ended (signal SIGKILL)' }, false);
    expect(row).toMatchObject({ architecture: 'local', verdict: 'error', listed: false, error: expect.stringContaining('SIGKILL') });
    expect(row.verdict).not.toBe('pass');
  });

  it('refuses a recorded run (replays cannot be re-run under another architecture)', async () => {
    const comparer = new ArchitectureComparer((h) => h, () => Promise.reject(new Error('must not run')));
    await expect(comparer.compare({ replay: { runId: 1 } } as never, [])).rejects.toThrow(/recorded run/);
  });
});

describe('compareArchitectures records its runs', () => {
  it('records one run per architecture, labelled with the comparison, listed with the others, and any two diff', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-compare-'));
    try {
      const { host } = open({ recordingFile: path.join(dir, 'runs.db') });
      const listed: number[] = [];
      host.listen('recordings', (r) => listed.push(r.runs.length));
      await host.invoke('loadScenario', { file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud', seed: 3 });
      const comparison = await host.invoke('compareArchitectures', undefined);
      expect(comparison.label).toMatch(/^comparison \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const runs = (await host.invoke('listRuns', undefined)).runs.filter((r) => r.label === comparison.label);
      expect(runs.map((r) => r.architecture).sort()).toEqual([...ARCHITECTURES].sort());
      for (const run of runs) {
        expect(run).toMatchObject({ scenario: 'doorbell', seed: 3 });
        expect(run.status).toBe(comparison.runs.find((c) => c.architecture === run.architecture)!.verdict === 'pass' ? 'passed' : 'failed');
      }
      expect(listed.at(-1)).toBeGreaterThanOrEqual(4); // the panel was told
      const cloud = runs.find((r) => r.architecture === 'cloud-cloud')!;
      const direct = runs.find((r) => r.architecture === 'direct')!;
      const diff = await host.invoke('diffRuns', { a: cloud.id, b: direct.id });
      expect(diff.equivalent).toBe(false); // different paths, different hops
      expect((await host.invoke('diffRuns', { a: cloud.id, b: cloud.id })).equivalent).toBe(true);
    } finally {
      host?.dispose();
      host = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('labels by the wall time it started, and runs unrecorded when the app does not record', async () => {
    expect(comparisonLabel(new Date('2026-12-06T22:53:01.456Z'))).toBe('comparison 2026-12-06 22:53:01');
    const seen: SuiteJobOptions[] = [];
    const comparer = new ArchitectureComparer((h) => h, async (jobs, options) => {
      seen.push(options);
      return jobs.map((job) => ({ job, error: 'not run' }));
    });
    const session = { file: 'scenarios/doorbell.yaml', scenario: 'doorbell', seed: 1, parameters: { n: 2 } } as never;
    const result = await comparer.compare(session, []);
    expect(seen).toEqual([{ set: { n: '2' } }]);
    expect(result.label).toBeUndefined();
  });
});
