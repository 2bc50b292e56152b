// The built-in agent in a world: it learns a routine from the car's trips alone, then acts ahead of need through
// the bus as its own party, with a confidence and an explanation; it asks when unsure, stays quiet on a calendar
// holiday, and with learning disabled never acts.
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../../bus/envelope';
import type { SimEvent } from '../../kernel/event-log';
import { homeWithCar } from '../test-support/world';
import { planHousehold, DAY_MS, hvacModeFor, type DayPlan } from './household';
import { HouseholdApp } from './household-app';
import { ProactiveAgent, type AgentPolicy } from './proactive-agent';

interface LiveOptions { holidays?: number[]; jitterMin?: number; actAt?: number; architecture?: Architecture; edit?: (plans: DayPlan[]) => void }

function live(days: number, policy: AgentPolicy, options: LiveOptions = {}) {
  const { sim } = homeWithCar(options.architecture ?? 'cloud-cloud', 4);
  const events: SimEvent[] = [];
  sim.kernel.events.onEvent((e) => {
    if (/^(agent|household|user)\./.test(e.type) || e.type === 'msg.failed' || (e.type === 'msg.delivered' && e.data.topic !== undefined)) events.push(e);
  });
  const holidays = options.holidays ?? [];
  const plans = planHousehold({ workday: { leave: 460, leaveWork: 1065 }, jitterMin: options.jitterMin ?? 0 }, { holidays, sick: [], overtime: [] }, days, 0, sim.kernel.random.stream('household'));
  options.edit?.(plans);
  const household = new HouseholdApp(sim, 'car1', 'h1', plans, 23);
  sim.use(household);
  const agent = new ProactiveAgent(sim, { vehicleId: 'car1', homeId: 'h1', userId: 'alice', policy, occupant: household, startWeekday: 0, holidays, ...(options.actAt !== undefined ? { actAt: options.actAt } : {}) });
  sim.use(agent);
  sim.kernel.clock.runUntil(days * DAY_MS);
  return { events, agent };
}

describe('ProactiveAgent', () => {
  it('learns a fixed routine and acts ahead of it, each action explained, through the bus as its party', () => {
    const { events, agent } = live(14, 'learning');
    const acted = events.filter((e) => e.type === 'agent.acted');
    const predicted = acted.filter((e) => String(e.data.explanation).includes('predicted'));
    // The first week teaches it each weekday once (a weekday it never saw is not guessed); the second week it
    // prepares every departure and arrival ahead of time.
    expect(predicted.filter((e) => (e.data.day as number) >= 7).length).toBe(10);
    const monday2 = predicted.find((e) => e.data.day === 7 && e.data.need === 'departure')!;
    expect(monday2.source).toBe('party/routine-agent');
    expect(monday2.t).toBe(7 * DAY_MS + (460 - 20) * 60_000); // twenty minutes before the learnt 07:40
    expect(monday2.data.explanation).toMatch(/^departure on monday predicted at 07:40 ± 0 min/);
    expect(monday2.data.confidence).toBeGreaterThanOrEqual(0.75);
    // The command went over the bus and the car took it; the home's set-point is the one the user chose by hand.
    expect(events.some((e) => e.type === 'msg.delivered' && e.data.topic === 'vehicle_climate/precondition' && e.t > monday2.t && e.t < monday2.t + 5_000)).toBe(true);
    expect(agent.learner.preferredTemperature()?.value).toBe(23);
    // Weekends: the car never left, so nothing was prepared.
    expect(acted.filter((e) => e.data.day === 5 || e.data.day === 6 || e.data.day === 12 || e.data.day === 13)).toEqual([]);
    // Once learnt, the people stop tapping: the second week needs no tap at all.
    expect(events.filter((e) => e.type === 'user.interaction' && (e.data.day as number) >= 8)).toEqual([]);
  });

  it('asks rather than acts when unsure, and acts only on a yes', () => {
    const { events } = live(10, 'learning', { actAt: 0.99 });
    const asked = events.filter((e) => e.type === 'agent.asked');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked[0]!.data.explanation).toMatch(/confidence 0\.\d+$/);
    const answers = events.filter((e) => e.type === 'user.interaction' && e.data.how === 'answered');
    expect(answers.length).toBe(asked.length);
    expect(events.some((e) => e.type === 'agent.acted' && String(e.data.explanation).startsWith('asked, and the occupant said yes'))).toBe(true);
  });

  it('does not ask to precondition a car she has already preconditioned herself', () => {
    // Unsure every day (it acts only at 0.99), it asks at 07:20; on day 8 she leaves at 07:28, so she checked the car
    // at 07:13 and started the cabin herself: the question would cost her a tap for nothing.
    const { events } = live(10, 'learning', { actAt: 0.99, edit: (plans) => void (plans[8]!.leave = 448) });
    const day8 = events.filter((e) => e.data.day === 8 && e.data.need === 'departure');
    expect(day8.filter((e) => e.type === 'user.interaction').map((e) => e.data.how)).toEqual(['by-hand']);
    expect(day8.filter((e) => e.type === 'agent.asked' || e.type === 'agent.acted')).toEqual([]);
    // Other days it still asks, and acts on the yes.
    expect(events.some((e) => e.type === 'agent.asked' && e.data.day === 9 && e.data.need === 'departure')).toBe(true);
  });

  it('stays quiet on a calendar holiday', () => {
    const { events } = live(10, 'learning', { holidays: [8] });
    expect(events.filter((e) => e.type === 'agent.acted' && e.data.day === 8)).toEqual([]);
    expect(events.filter((e) => e.type === 'household.departed' && e.data.day === 8)).toEqual([]);
  });

  // Found across seeds (the routine's noise, ten minutes of it, sometimes puts a departure 20+ minutes early): the
  // agent preconditioned a car that had left minutes before — in cloud-cloud a car already on the road, under local
  // a command lost out of near-field range.
  for (const architecture of ['cloud-cloud', 'local'] as const) {
    it(`does not precondition a car that has already left before the predicted time (${architecture})`, () => {
      // Every workday at 07:40, but on day 8 she leaves at 07:18: two minutes before the agent's 07:20, and still
      // on the road when 07:20 comes (the drive takes some minutes).
      const { events } = live(10, 'learning', { architecture, edit: (plans) => void (plans[8]!.leave = 438) });
      const left = events.find((e) => e.type === 'household.departed' && e.data.day === 8)!;
      expect(left.data.minute).toBe(438);
      expect(events.filter((e) => e.type === 'agent.acted' && e.data.day === 8 && e.data.need === 'departure')).toEqual([]);
      // Nothing the home sent was lost (under local the car's own announcements from afar fail: not the agent's).
      expect(events.filter((e) => e.type === 'msg.failed' && String(e.data.source).startsWith('home/'))).toEqual([]);
      // The days around it are still prepared ahead of time.
      for (const day of [7, 9]) expect(events.some((e) => e.type === 'agent.acted' && e.data.day === day && e.data.need === 'departure'), `day ${day}`).toBe(true);
    });
  }

  it('keeps the home cooling for a car on its way home when its window ends', () => {
    // Every evening she leaves work at 17:45; on day 8 at 18:16, so the agent's precool (30 minutes before the
    // learnt arrival) reaches its 60-minute window just after she has set off.
    const { events } = live(10, 'learning', { edit: (plans) => void (plans[8]!.comeBack = 1096) });
    const precool = events.find((e) => e.type === 'agent.acted' && e.data.day === 8 && e.data.need === 'arrival')!;
    const arrived = events.find((e) => e.type === 'household.arrived' && e.data.day === 8)!;
    const setOff = 8 * DAY_MS + 1096 * 60_000;
    expect(precool.t + 60 * 60_000).toBeGreaterThan(setOff); // the window ends on the way home
    expect(precool.t + 60 * 60_000).toBeLessThan(arrived.t);
    const offs = events.filter((e) => e.type === 'msg.delivered' && e.data.topic === 'climate/turn_off' && e.t > precool.t && e.t < arrived.t);
    expect(offs).toEqual([]);
    // The home was cooling when she came: nobody confirmed home mode on the geofence prompt.
    expect(events.filter((e) => e.type === 'user.interaction' && e.data.day === 8 && e.data.need === 'arrival')).toEqual([]);
  });

  it('with learning disabled it never acts, and the people tap every time', () => {
    const { events } = live(10, 'frozen');
    expect(events.filter((e) => e.type.startsWith('agent.'))).toEqual([]);
    const needs = events.filter((e) => e.type === 'household.departed' || e.type === 'household.arrived').length;
    expect(events.filter((e) => e.type === 'user.interaction').length).toBe(needs);
  });

  it('precools on a warm day and preheats on a cold one', () => {
    expect(hvacModeFor(30, 24)).toBe('cool');
    expect(hvacModeFor(5, 22)).toBe('heat');
    expect(hvacModeFor(22, 22)).toBe('cool');
    expect(hvacModeFor(undefined, 22)).toBe('cool');
  });
});
