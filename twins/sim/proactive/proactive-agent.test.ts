// The built-in agent in a world: it learns a routine from the car's trips alone, then acts ahead of need through
// the bus as its own party, with a confidence and an explanation; it asks when unsure, stays quiet on a calendar
// holiday, and with learning disabled never acts.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../kernel/event-log';
import { homeWithCar } from '../test-support/world';
import { planHousehold, DAY_MS } from './household';
import { HouseholdApp } from './household-app';
import { ProactiveAgent, hvacModeFor, type AgentPolicy } from './proactive-agent';

function live(days: number, policy: AgentPolicy, options: { holidays?: number[]; jitterMin?: number; actAt?: number } = {}) {
  const { sim } = homeWithCar('cloud-cloud', 4);
  const events: SimEvent[] = [];
  sim.kernel.events.onEvent((e) => {
    if (/^(agent|household|user)\./.test(e.type) || (e.type === 'msg.delivered' && e.data.topic !== undefined)) events.push(e);
  });
  const holidays = options.holidays ?? [];
  const plans = planHousehold({ workday: { leave: 460, leaveWork: 1065 }, jitterMin: options.jitterMin ?? 0 }, { holidays, sick: [], overtime: [] }, days, 0, sim.kernel.random.stream('household'));
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

  it('stays quiet on a calendar holiday', () => {
    const { events } = live(10, 'learning', { holidays: [8] });
    expect(events.filter((e) => e.type === 'agent.acted' && e.data.day === 8)).toEqual([]);
    expect(events.filter((e) => e.type === 'household.departed' && e.data.day === 8)).toEqual([]);
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
