// An external agent judged like the built-in one: the SDK's client drives a trivial agent over Streamable HTTP
// through four weeks of scenarios/proactive-weeks.yaml (precondition the car at 07:15 and cool the home at 17:20 on
// every weekday, learning nothing), and the same scorer judges it on the same household days as the built-in agent
// of the same seed: its holiday and sick-day actions count against it, so it fails the accuracy the built-in passes.
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { loadRunnableScenario } from '../cli/scenario-check';
import { judge, runHouseholdBaseline, runScenario } from '../runner/run-scenario';
import type { RunResult } from '../runner/result';
import { startAgentHttp } from './agent-http';
import { createAgentServer } from './agent-server';
import { AgentSession } from './agent-session';

const WEEKS = path.resolve(import.meta.dirname, '../../scenarios/proactive-weeks.yaml');
const HOUR_S = 3600;

describe('an external agent over MCP in the proactive weeks', () => {
  it('is scored by the same metric code as the built-in agent, on the same days', async () => {
    const scenario = loadRunnableScenario(WEEKS);
    let judged: RunResult | undefined;
    const session = new AgentSession(scenario, 'cloud-cloud', {
      onRunEnd: async (run) => void (judged = judge(run, runHouseholdBaseline(run.scenario, run.architecture), 0)),
    });
    const http = await startAgentHttp(() => createAgentServer(session, { loadScenario: loadRunnableScenario, version: 'test' }), 0);
    const client = new Client({ name: 'trivial-agent', version: '1' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      const advanceTo = async (hours: number, day: number): Promise<void> => {
        // One call runs at most a day of virtual time: over a weekend it takes two.
        const target = Math.round((day * 24 + hours) * HOUR_S * 1000);
        // (whole milliseconds: an invocation leaves the clock at a fraction of one)
        while (target - session.now >= 1) await client.callTool({ name: 'advance_time', arguments: { seconds: (target - session.now) / 1000 } });
      };
      for (let day = 0; day < 28; day++) {
        if (day % 7 < 5) {
          await advanceTo(7.25, day);
          const car = await client.callTool({ name: 'invoke_capability', arguments: { target: 'vehicle/car1', capability: 'vehicle_climate/precondition', data: { temperature: 24 } } });
          expect(car.isError, JSON.stringify(car.content)).toBeFalsy();
          await advanceTo(17 + 1 / 3, day);
          const home = await client.callTool({ name: 'invoke_capability', arguments: { target: 'h1/climate.living_room', capability: 'climate/set_temperature', data: { temperature: 24, hvac_mode: 'cool' } } });
          expect(home.isError, JSON.stringify(home.content)).toBeFalsy();
        }
      }
      await advanceTo(24, 27);
    } finally {
      await client.close();
      await http.close();
      await session.close();
    }
    const external = judged!.metrics.named;
    const builtIn = (await runScenario(scenario, 'cloud-cloud')).metrics.named;
    // Same seed, same household: the same departures and arrivals to judge, the same rule-only baseline.
    expect(external['agent.needs']).toBe(builtIn['agent.needs']);
    expect(external['baseline.user_interactions']).toBe(builtIn['baseline.user_interactions']);
    // Ten judged weekdays, two actions each; the holiday (both), the sick day (both) and an overtime evening were not needed.
    expect(external['agent.actions']).toBe(20);
    expect(external['agent.actions_needed']).toBeLessThanOrEqual(15);
    expect(external['agent.proactive_accuracy']).toBeLessThan(0.9);
    expect(builtIn['agent.proactive_accuracy']).toBeGreaterThanOrEqual(0.9);
    expect(judged!.expectations.find((e) => e.id === 'accurate')?.passed).toBe(false);
    // Its commands are the run's messages like anyone's: no built-in agent acted in its run.
    expect(external['agent.energy_wasted_kwh']).toBeGreaterThan(builtIn['agent.energy_wasted_kwh']!);
  }, 60_000);
});
