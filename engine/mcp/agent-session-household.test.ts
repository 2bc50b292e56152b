// An external agent's charging and lighting commands in the proactive weeks become its judged actions, like the
// built-in agent's: holding the plugged-in car's wallbox at 0 kW is a charging deferral, giving the power back is
// not a second action, and switching the living-room light on is a lighting action; a light switched off is none.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel';
import { loadRunnableScenario } from '../cli/scenario-check';
import { AgentSession } from './agent-session';

const WEEKS = path.resolve(import.meta.dirname, '../../scenarios/proactive-weeks.yaml');
const HOUR_MS = 3_600_000;

describe('an external agent\'s charging and lighting in a household scene', () => {
  it('are judged as the needs they prepare', async () => {
    const events: SimEvent[] = [];
    const session = new AgentSession(loadRunnableScenario(WEEKS), 'cloud-cloud', { listenersFor: () => [(e) => void events.push(e)] });
    try {
      // Monday evening: a minute at a time until Alice is home and has plugged the car in, in the tariff peak.
      const plugged = (): boolean => events.some((e) => e.type === 'evse.session_started');
      while (!plugged() && session.now < 22 * HOUR_MS) session.advance(60);
      expect(plugged()).toBe(true);
      const from = events.length;
      for (const [target, topic, data] of [
        ['h1/evse.wallbox', 'evse/set_power_limit', { power_limit_kw: 0 }],
        ['h1/light.living_room', 'light/turn_on', { brightness_pct: 60 }],
        ['h1/light.living_room', 'light/turn_off', {}],
      ] as const) {
        const [capability, command] = topic.split('/') as [string, string];
        expect(session.invoke(target, capability, command, { ...data }).ok, topic).toBe(true);
      }
      session.advance(3 * HOUR_MS / 1000);
      expect(session.invoke('h1/evse.wallbox', 'evse', 'set_power_limit', { power_limit_kw: 7.2 }).ok).toBe(true);
      session.advance(HOUR_MS / 1000);
      const acted = events.filter((e) => e.type === 'agent.acted');
      expect(acted.map((e) => [e.source, e.data.need, e.data.topic, e.data.target])).toEqual([
        ['party/mcp-agent', 'charging', 'evse/set_power_limit', 'home/h1/evse.wallbox'],
        ['party/mcp-agent', 'lighting', 'light/turn_on', 'home/h1/light.living_room'],
      ]);
      // The deferral held the wallbox: nothing delivered from the command until the power was given back, then the
      // car charged until it was full.
      const power = events.slice(from).filter((e) => e.type === 'evse.power_changed').map((e) => e.data.deliveredPowerKw);
      expect(power).toEqual([0, 7.2, 0]);
    } finally {
      await session.close();
    }
  }, 60_000);
});
