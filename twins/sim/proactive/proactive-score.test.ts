// The judge of proactive agents on hand-made streams with known answers, including the cases it must count
// against the agent: an action nobody needed, a second action for one arrival, an action too early, another
// party's action, and anything during the learning days.
import { describe, expect, it } from 'vitest';
import { CABIN_HVAC_KW, CABIN_PRECONDITION_H, HOME_AC_KW, ProactiveScorer, namedScore } from './proactive-score';

const MIN = 60_000;
type E = { t: number; type: string; source: string; data: { [key: string]: string | number } };
const acted = (t: number, need: string, day = 14, source = 'party/routine-agent'): E => ({ t, type: 'agent.acted', source, data: { need, day } });
const truth = (t: number, type: 'household.departed' | 'household.arrived', day = 14): E => ({ t, type, source: 'vehicle/car1', data: { day } });
const tap = (day = 14): E => ({ t: 0, type: 'user.interaction', source: 'home/h1', data: { need: 'arrival', how: 'by-hand', day } });

function score(events: E[], party?: string) {
  const scorer = new ProactiveScorer({ fromDay: 14, windowMin: 60, party });
  for (const e of events) scorer.observe(e);
  return scorer.result();
}

describe('ProactiveScorer', () => {
  it('an action followed by its event within the window is needed; the event is covered', () => {
    const s = score([acted(0, 'departure'), truth(20 * MIN, 'household.departed'), acted(100 * MIN, 'arrival'), truth(130 * MIN, 'household.arrived')]);
    expect(s).toMatchObject({ actions: 2, needed: 2, proactiveAccuracy: 1, needs: 2, covered: 2, taskCompletion: 1, energyWastedKwh: 0 });
  });

  it('counts against the agent: nobody came, it acted twice for one arrival, or too early', () => {
    const s = score([
      acted(0, 'departure'), // sick day: nobody left
      acted(100 * MIN, 'arrival'), acted(110 * MIN, 'arrival'), truth(130 * MIN, 'household.arrived'), // a duplicate
      acted(200 * MIN, 'arrival'), truth(200 * MIN + 61 * MIN, 'household.arrived'), // an hour and a minute early
    ]);
    expect(s.actions).toBe(4);
    expect(s.needed).toBe(1);
    expect(s.proactiveAccuracy).toBe(0.25);
    expect(s.taskCompletion).toBe(0.5);
    expect(s.energyWastedKwh).toBe(CABIN_HVAC_KW * CABIN_PRECONDITION_H + 2 * HOME_AC_KW);
  });

  it('an action after its event did not prepare it', () => {
    expect(score([truth(10 * MIN, 'household.departed'), acted(20 * MIN, 'departure')]).needed).toBe(0);
    expect(score([truth(10 * MIN, 'household.arrived'), acted(0, 'departure')]).needed).toBe(0); // wrong need
  });

  it('ignores the learning days and another party\'s actions; counts every tap', () => {
    const s = score([
      acted(0, 'departure', 3), truth(10 * MIN, 'household.departed', 3), tap(3),
      acted(0, 'departure', 14, 'party/mcp-agent'), truth(10 * MIN, 'household.departed'), tap(), tap(),
    ], 'party/routine-agent');
    expect(s).toMatchObject({ actions: 0, needs: 1, userInteractions: 2, proactiveAccuracy: undefined, taskCompletion: 0 });
    expect(score([acted(0, 'departure', 14, 'party/mcp-agent'), truth(10 * MIN, 'household.departed')]).needed).toBe(1);
  });

  it('names nothing it did not measure: no action, no accuracy; no need, no completion', () => {
    const named = namedScore('agent', score([]));
    expect(named).not.toHaveProperty('agent.proactive_accuracy');
    expect(named).not.toHaveProperty('agent.task_completion');
    expect(named['agent.user_interactions']).toBe(0);
    expect(score([acted(0, 'teleport'), { ...acted(0, 'departure'), data: { need: 'departure', day: 'x' } }]).actions).toBe(0);
  });
});
