// The people of a household scene doing by hand what nobody did for them — here, coming home to a warm home.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../kernel/event-log';
import { homeWithCar } from '../test-support/world';
import { DAY_MS, planHousehold } from './household';
import { HouseholdApp } from './household-app';

function evenings(homeGeofenceRadiusM: number) {
  const { sim } = homeWithCar('cloud-cloud', 4, 'home', { homeGeofenceRadiusM });
  const taps: SimEvent[] = [];
  sim.kernel.events.onEvent((e) => void (e.type === 'user.interaction' && e.data.need === 'arrival' && taps.push(e)));
  const plans = planHousehold({ workday: { leave: 460, leaveWork: 1065 }, jitterMin: 0 }, { holidays: [], sick: [], overtime: [] }, 3, 0, sim.kernel.random.stream('household'));
  sim.use(new HouseholdApp(sim, 'car1', 'h1', plans, 23));
  sim.kernel.clock.runUntil(3 * DAY_MS);
  return { sim, taps };
}

describe('HouseholdApp coming home', () => {
  it('confirms home mode on the geofence prompt when the drive home enters the fence', () => {
    const { taps } = evenings(200);
    expect(taps.map((e) => e.data.how)).toEqual(['rule-prompt', 'rule-prompt', 'rule-prompt']);
  });

  // Found across seeds (proactive-weeks seed 127: work 1.2 km away, inside the 1 km fence): the drive home never
  // entered the fence, nobody was asked, and the rules left her in a warm home for no tap at all.
  it('with work inside the home geofence there is no prompt: she switches the AC on herself', () => {
    const { sim, taps } = evenings(50_000);
    expect(taps.map((e) => e.data.how)).toEqual(['by-hand', 'by-hand', 'by-hand']);
    expect(taps[0]!.data.temperature).toBe(23);
    const climate = sim.home('h1').firstOfType('climate')!;
    expect(climate.context.hvacMode).not.toBe('off');
    expect(climate.context.targetTemperature).toBe(23);
  });
});
