// The built-in agent's charging and lighting in a world: the driver plugs in on getting home in the evening peak;
// once the agent can predict the next departure it holds the wallbox at 0 kW and gives it its power back when the
// peak ends — through the bus, as its own party — so the car leaves charged and nothing is charged in the peak.
// After dark it lights the home at the brightness the people chose by hand. With learning disabled it does neither.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../kernel/event-log';
import { DEFAULT_GRID } from '../apps/grid';
import { homeWithCar } from '../test-support/world';
import { DAY_MS, planHousehold } from './household';
import { HouseholdApp } from './household-app';
import { ProactiveAgent, type AgentPolicy } from './proactive-agent';
import { ProactiveScorer } from './proactive-score';

const DARK_FROM = 17 * 60 + 30;

function live(days: number, policy: AgentPolicy, actAt?: number) {
  const { sim, apps } = homeWithCar('cloud-cloud', 4);
  const events: SimEvent[] = [];
  sim.kernel.events.onEvent((e) => {
    if (/^(agent|household|user)\./.test(e.type) || (e.type === 'msg.delivered' && /^(evse|light)\//.test(String(e.data.topic)))) events.push(e);
  });
  const scorer = new ProactiveScorer({ fromDay: 7, windowMin: 60, evse: 'home/h1/evse.wallbox', tariff: DEFAULT_GRID, startOfDayMs: 0 });
  sim.kernel.events.onEvent((e) => scorer.observe(e));
  const plans = planHousehold({ workday: { leave: 460, leaveWork: 1065 }, jitterMin: 0 }, { holidays: [], sick: [], overtime: [] }, days, 0, sim.kernel.random.stream('household'));
  const household = new HouseholdApp(sim, 'car1', 'h1', plans, 23, {
    charger: { app: { plugIn: (v) => apps.charging.plugIn(v), unplug: (v) => apps.charging.unplug(v) }, readySocPercent: 80 },
    darkFromMin: DARK_FROM, lightingPct: 40,
  });
  sim.use(household);
  const agent = new ProactiveAgent(sim, {
    vehicleId: 'car1', homeId: 'h1', userId: 'alice', policy, occupant: household, startWeekday: 0, holidays: [], tariff: DEFAULT_GRID, darkFromMin: DARK_FROM,
    ...(actAt !== undefined ? { actAt } : {}),
  });
  sim.use(agent);
  sim.kernel.clock.runUntil(days * DAY_MS);
  return { sim, events, agent, score: scorer.result() };
}

describe('the agent schedules charging', () => {
  it('moves the evening charge out of the peak, so the car leaves charged with nothing bought in the peak', () => {
    const { events, score, agent } = live(10, 'learning');
    const charging = events.filter((e) => e.type === 'agent.acted' && e.data.need === 'charging');
    // From the second week every weekday evening's plug-in (in the 16:00–21:00 peak) is deferred.
    expect(charging.filter((e) => (e.data.day as number) >= 7).length).toBe(3);
    const monday = charging.find((e) => e.data.day === 7)!;
    expect(monday.source).toBe('party/routine-agent');
    expect(monday.data).toMatchObject({ topic: 'evse/set_power_limit', target: 'home/h1/evse.wallbox' });
    expect(monday.data.confidence).toBeGreaterThanOrEqual(0.75);
    expect(String(monday.data.explanation)).toMatch(/^departure on tuesday predicted at 07:40 .*; \d+\.\d kWh to 80 % takes \d+ min at 7\.2 kW \(usually plugged in at 1[78]:\d\d taking .* charging from 21:00 .* ready by 21:\d\d: [\d.]+ → [\d.]+ CNY$/);
    // Over the bus: 0 kW at the plug-in, the full 7.2 kW at 21:00.
    const limits = events.filter((e) => e.type === 'msg.delivered' && e.data.topic === 'evse/set_power_limit' && e.t >= monday.t && e.t < monday.t + 6 * 3_600_000);
    // (each message is delivered at each hop of its path: one minute each)
    expect([...new Set(limits.map((e) => Math.round((e.t - 7 * DAY_MS) / 60_000)))]).toEqual([expect.any(Number), 21 * 60]);
    // Every departure left with the charge it was plugged in for; from day 7 on nothing charged in the peak.
    // (The first morning's charge is the one the car had before anyone plugged it in.)
    const departures = events.filter((e) => e.type === 'household.departed' && (e.data.day as number) >= 1);
    expect(departures.length).toBe(7);
    for (const d of departures) expect(d.data.socPercent as number).toBeGreaterThanOrEqual(79.5);
    expect(score.chargingReadyRate).toBe(1);
    expect(score.chargingKwh).toBeGreaterThan(0);
    expect(score.chargingPeakKwh).toBe(0);
    expect(agent.learner.chargingHabit()?.samples).toBeGreaterThanOrEqual(7);
  });

  it('lights the home for an arrival after dark, at the brightness the people chose', () => {
    const { events, sim } = live(10, 'learning');
    const lighting = events.filter((e) => e.type === 'agent.acted' && e.data.need === 'lighting');
    expect(lighting.filter((e) => (e.data.day as number) >= 7).length).toBe(3);
    expect(events.some((e) => e.type === 'msg.delivered' && e.data.topic === 'light/turn_on' && e.source !== 'home/h1')).toBe(true);
    // The first evenings they switched it on by hand; once it learnt, never again.
    const byHand = events.filter((e) => e.type === 'user.interaction' && e.data.need === 'lighting');
    expect(byHand.length).toBeGreaterThan(0);
    expect(byHand.filter((e) => (e.data.day as number) >= 7)).toEqual([]);
    expect(sim.home('h1').firstOfType('light')!.context.brightness).toBe(Math.round((40 * 255) / 100));
  });

  it('with learning disabled it schedules nothing: the car charges in the peak and the light is switched by hand', () => {
    const { events, score } = live(10, 'frozen');
    expect(events.filter((e) => e.type === 'agent.acted')).toEqual([]);
    expect(score.chargingPeakKwh).toBeGreaterThan(0);
    expect(score.chargingReadyRate).toBe(1); // charging at once is never late, only dear
    expect(events.filter((e) => e.type === 'user.interaction' && e.data.need === 'lighting').length).toBe(8);
  });

  it('unsure, it asks before moving the charge, and moves it only on a yes', () => {
    const { events, score } = live(10, 'learning', 0.99);
    const asked = events.filter((e) => e.type === 'agent.asked' && e.data.need === 'charging');
    expect(asked.length).toBeGreaterThan(0);
    expect(String(asked[0]!.data.explanation)).toMatch(/charging from 21:00/);
    // Every question is answered by a tap (counted), and each yes is a deferral that says it was asked.
    const answers = events.filter((e) => e.type === 'user.interaction' && e.data.need === 'charging' && e.data.how === 'answered');
    expect(answers.length).toBe(asked.length);
    const deferred = events.filter((e) => e.type === 'agent.acted' && e.data.need === 'charging');
    expect(deferred.length).toBe(answers.filter((e) => e.data.answer === 'yes').length);
    expect(deferred.length).toBeGreaterThan(0); // she does not need the car before it is charged: yes
    for (const e of deferred) expect(String(e.data.explanation)).toMatch(/^asked, and the occupant said yes/);
    expect(score.chargingReadyRate).toBe(1);
  });
});

describe('unsure of an arrival after dark', () => {
  // Found across seeds (proactive-weeks seeds 194, 214): asked whether to cool the home, then 25 minutes later
  // whether to light it, for the same evening — two taps where the rules' prompt is one.
  it('asks once: the answer about cooling the home covers lighting it', () => {
    const { events } = live(10, 'learning', 0.99);
    const asked = events.filter((e) => e.type === 'agent.asked' && (e.data.day as number) >= 7);
    const arrivalDays = asked.filter((e) => e.data.need === 'arrival').map((e) => e.data.day);
    expect(arrivalDays.length).toBeGreaterThan(0);
    expect(asked.filter((e) => e.data.need === 'lighting')).toEqual([]);
    // She said yes (she comes home at the usual time): the home is cooled and, just before she comes, lit.
    for (const day of arrivalDays) {
      const lit = events.find((e) => e.type === 'agent.acted' && e.data.day === day && e.data.need === 'lighting');
      expect(String(lit?.data.explanation), `day ${String(day)}`).toMatch(/^asked about the arrival, the occupant said yes/);
    }
    expect(events.filter((e) => e.type === 'user.interaction' && e.data.need === 'lighting' && (e.data.day as number) >= 7)).toEqual([]);
  });
});

describe('the occupant asked whether the charge may wait', () => {
  // Found across seeds (proactive-weeks seeds 34, 185): on the eve of an unannounced sick day she was asked whether
  // to charge off-peak "for the next trip" and said no, so the car charged at once, in the peak, for nobody.
  function household() {
    const { sim } = homeWithCar('cloud-cloud', 4);
    // Day 0 she works; day 1 she is ill (nobody leaves); day 2 she works.
    const plans = planHousehold({ workday: { leave: 460, leaveWork: 1065 }, jitterMin: 0 }, { holidays: [], sick: [1], overtime: [] }, 3, 0, sim.kernel.random.stream('household'));
    const app = new HouseholdApp(sim, 'car1', 'h1', plans, 23);
    sim.use(app);
    return { sim, app };
  }
  const at = (day: number, minute: number): number => day * DAY_MS + minute * 60_000;

  it('says yes when she will not need the car before it is ready, the eve of a sick day too', () => {
    const { sim, app } = household();
    sim.kernel.clock.runUntil(at(0, 18 * 60));
    expect(app.answer('charging', 3 * 60)).toBe(true); // ready by 21:00: she leaves tomorrow at the earliest
    expect(app.answer('charging', 14 * 60)).toBe(true); // ready by 08:00 tomorrow: but tomorrow she is ill
  });

  it('says no when she leaves before it would be ready', () => {
    const { sim, app } = household();
    sim.kernel.clock.runUntil(at(1, 18 * 60));
    expect(app.answer('charging', 14 * 60)).toBe(false); // day 2 she leaves at 07:40, before an 08:00 ready time
    expect(app.answer('charging', 60)).toBe(true);
  });
});
