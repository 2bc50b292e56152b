// Two agents compared on the same seed, one of them external over stdio: `twinbench mcp scenarios/proactive-weeks.yaml`
// spawned by the SDK's own StdioClientTransport, driven through four weeks by a deliberately bad scripted agent
// (it preconditions the car at 03:00, cools the home at noon and lights it at 14:00, every day, learning nothing).
// When the session ends the child judges and records the run; the recording's metrics carry the same `agent.*` and
// `baseline.*` names as the built-in agent's run of the same seed, and the bad agent scores worse on them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { loadRunnableScenario } from '../cli/scenario-check';
import { Recorder } from '../recorder';
import { runScenario } from '../runner/run-scenario';

const root = path.resolve(import.meta.dirname, '../..');
const WEEKS = path.join(root, 'scenarios/proactive-weeks.yaml');
const HOUR_MS = 3_600_000;

type Named = Record<string, number>;
const agentNames = (named: Named): string[] => Object.keys(named).filter((k) => /^(agent|baseline)\./.test(k)).sort();

/** The recorded run's metrics, once the child has judged and recorded it (it does so as it exits). */
async function recordedMetrics(db: string): Promise<{ named: Named; status: string } | undefined> {
  for (let i = 0; i < 100; i++) {
    const recorder = Recorder.open(db);
    try {
      const run = recorder.runs().find((r) => r.scenario === 'proactive-weeks' && r.status !== 'running' && r.metrics !== null);
      if (run !== undefined) return { named: (run.metrics as { named: Named }).named, status: run.status };
    } finally {
      recorder.close();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('an external agent over stdio, judged beside the built-in one', () => {
  it('gets the same metric names on the same seed, and a bad agent scores worse', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-mcp-weeks-'));
    const db = path.join(dir, 'runs.db');
    try {
      const client = new Client({ name: 'bad-agent', version: '1' });
      await client.connect(new StdioClientTransport({
        command: process.execPath, args: ['bin/twinbench.mjs', 'mcp', 'scenarios/proactive-weeks.yaml', '--seed', '21', '--record', db], cwd: root, stderr: 'pipe',
      }));
      let now = 0;
      const advanceTo = async (t: number): Promise<void> => {
        // One call runs at most a day of virtual time; the answer says where the clock stopped.
        while (t - now >= 1) {
          const answer = await client.callTool({ name: 'advance_time', arguments: { seconds: (t - now) / 1000 } });
          now = (JSON.parse((answer.content as { text: string }[])[0]!.text) as { t: number }).t;
        }
      };
      const invoke = async (target: string, capability: string, data: Record<string, unknown>): Promise<void> => {
        const result = await client.callTool({ name: 'invoke_capability', arguments: { target, capability, data } });
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        now = await clockOf(client); // an invocation runs the clock until it is answered
      };
      for (let day = 0; day < 28; day++) {
        await advanceTo((day * 24 + 3) * HOUR_MS);
        await invoke('vehicle/car1', 'vehicle_climate/precondition', { temperature: 24 });
        await advanceTo((day * 24 + 12) * HOUR_MS);
        await invoke('h1/climate.living_room', 'climate/set_temperature', { temperature: 24, hvac_mode: 'cool' });
        await advanceTo((day * 24 + 14) * HOUR_MS);
        await invoke('h1/light.living_room', 'light/turn_on', { brightness_pct: 60 });
      }
      await advanceTo(28 * 24 * HOUR_MS);
      await client.close();
      const external = await recordedMetrics(db);
      expect(external, 'the child recorded the judged run').toBeDefined();
      const builtIn = (await runScenario(loadRunnableScenario(WEEKS), 'cloud-cloud')).metrics.named;
      // The same report: the same names, the same household days and the same rule-only baseline.
      expect(agentNames(external!.named)).toEqual(agentNames(builtIn));
      expect(external!.named['agent.needs']).toBe(builtIn['agent.needs']);
      expect(external!.named['baseline.user_interactions']).toBe(builtIn['baseline.user_interactions']);
      // Fourteen judged days, three actions each; at those hours nothing it did was needed.
      expect(external!.named['agent.actions']).toBe(42);
      expect(external!.named['agent.proactive_accuracy']).toBeLessThan(builtIn['agent.proactive_accuracy']!);
      expect(external!.named['agent.task_completion']).toBeLessThan(builtIn['agent.task_completion']!);
      expect(external!.named['agent.energy_wasted_kwh']).toBeGreaterThan(builtIn['agent.energy_wasted_kwh']!);
      expect(external!.named['agent.user_interactions']).toBeGreaterThan(builtIn['agent.user_interactions']!);
      expect(external!.status).toBe('failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** The virtual clock now: advance_time by nothing answers where it stands. */
async function clockOf(client: Client): Promise<number> {
  const answer = await client.callTool({ name: 'advance_time', arguments: { seconds: 0 } });
  return (JSON.parse((answer.content as { text: string }[])[0]!.text) as { t: number }).t;
}
