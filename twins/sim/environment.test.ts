// Environment and calendar in the running world: floods that make a car reroute (or not), the heatwave precool
// planned from the car's ETA and the room model, and the evening arrival a calendar entry moves.
import { describe, expect, it } from 'vitest';
import { predictedDepartureMs } from './arrival-prediction';
import { homeWithCar } from './test-support/world';
import type { SimulationSpec } from './spec';
import { pointAlongTrip, positionAt } from '../world';

const WIDE = { map: { kind: 'generate', options: { homes: 4, blocksX: 40, blocksY: 40 } } } as const;
const events = (sim: ReturnType<typeof homeWithCar>['sim'], type: string) =>
  sim.kernel.events.lines().map((l) => JSON.parse(l)).filter((e) => e.type === type);

function driveIntoAFlood(avoidFloods: boolean, radiusM = 60) {
  const { sim } = homeWithCar('direct', 3, 'work', WIDE);
  if (!avoidFloods) (sim.vehicle('car1').spec as { avoidFloods?: boolean }).avoidFloods = false;
  const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
  sim.kernel.clock.runUntil(60_000);
  const driven = positionAt(trip, 60_000).distanceM;
  const closed = sim.flood({ center: pointAlongTrip(trip, driven + (trip.lengthM - driven) / 2), radiusM });
  sim.kernel.clock.runUntil(3_600_000);
  return { sim, closed, before: trip.arriveAt };
}

describe('floods', () => {
  it('a car that avoids floods reroutes at once, the ETA moves, and it never drives onto a flooded road', () => {
    const { sim, closed, before } = driveIntoAFlood(true);
    expect(closed.length).toBeGreaterThan(0);
    expect(events(sim, 'route.changed')).toHaveLength(1);
    const rerouted = events(sim, 'vehicle.eta').find((e) => e.data.reason === 'rerouted');
    expect(rerouted.t).toBe(60_000);
    expect(rerouted.data.arriveAt).toBeGreaterThan(before);
    expect(events(sim, 'flood.entered')).toEqual([]);
    expect(sim.vehicle('car1').location?.id).toBe(sim.home('h1').place.id);
    // The arrival lead still fires once, and the fence still marks the arrival.
    expect(events(sim, 'prompt.shown')).toHaveLength(1);
    expect(events(sim, 'geofence.enter')).toHaveLength(1);
  });

  it('a car that ignores floods drives through and says so', () => {
    const { sim } = driveIntoAFlood(false);
    expect(events(sim, 'route.changed')).toEqual([]);
    expect(events(sim, 'flood.entered').length).toBeGreaterThan(0);
  });

  it('when the water cuts the destination off, the car drives the usual way and the flood is reported', () => {
    const { sim } = homeWithCar('direct', 3, 'work', WIDE);
    const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
    sim.kernel.clock.runUntil(60_000);
    sim.flood({ center: sim.home('h1').place, radiusM: 400 });
    sim.kernel.clock.runUntil(3_600_000);
    expect(events(sim, 'route.changed')).toEqual([]);
    expect(events(sim, 'flood.entered').length).toBeGreaterThan(0);
    expect(sim.vehicle('car1').location?.id).toBe(sim.home('h1').place.id);
    expect(trip.arriveAt).toBeGreaterThan(0);
  });

  it('a trip started after the flood is planned around it', () => {
    const { sim } = homeWithCar('direct', 3, 'work', WIDE);
    const usual = sim.vehicle('car1').driveTo(sim.home('h1').place);
    const middle = pointAlongTrip(usual, usual.lengthM / 2);
    const { sim: wet } = homeWithCar('direct', 3, 'work', WIDE);
    wet.flood({ center: middle, radiusM: 60 });
    const around = wet.vehicle('car1').driveTo(wet.home('h1').place);
    expect(around.lengthM).toBeGreaterThan(usual.lengthM);
    wet.kernel.clock.runUntil(3_600_000);
    expect(events(wet, 'flood.entered')).toEqual([]);
  });
});

describe('heatwave precool from the ETA', () => {
  // A driver who likes 31 °C: precool to 29 °C from a 30 °C room needs τ·ln(1/0.5) ≈ 7 min — less than the drive.
  function heatwaveDrive(extra: Partial<SimulationSpec> = {}) {
    const { sim } = homeWithCar('direct', 3, 'work', { map: { kind: 'generate', options: { homes: 4, blocksX: 80, blocksY: 80 } }, ...extra });
    (sim.users.get('alice')!.preferences as { temperature: number }).temperature = 31;
    sim.home('h1').weatherAlerts.add('heatwave');
    const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
    sim.kernel.clock.runUntil(trip.arriveAt + 1_000);
    return { sim, trip };
  }

  it('starts the AC as late as still reaches the setpoint by the predicted arrival', () => {
    const { sim, trip } = heatwaveDrive();
    expect(trip.arriveAt).toBeGreaterThan(8 * 60_000);
    const [plan] = events(sim, 'home.precool_planned');
    expect(plan.data).toMatchObject({ target: 29, arriveAt: Math.round(trip.arriveAt) });
    expect(plan.data.startAt).toBeGreaterThan(0);
    expect(plan.data.leadMinutes).toBeCloseTo(10 * Math.log(2), 0);
    const [arrived] = events(sim, 'home.arrived');
    expect(arrived.data.roomTemperature).toBeCloseTo(29.5, 1);
  });

  it('plans again when a flood reroutes the car before the AC has started, for the new arrival', () => {
    const { sim } = homeWithCar('direct', 3, 'work', { map: { kind: 'generate', options: { homes: 4, blocksX: 80, blocksY: 80 } } });
    (sim.users.get('alice')!.preferences as { temperature: number }).temperature = 31;
    sim.home('h1').weatherAlerts.add('heatwave');
    const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
    sim.kernel.clock.runUntil(60_000);
    sim.flood({ center: pointAlongTrip(trip, positionAt(trip, 60_000).distanceM + 1500), radiusM: 60 });
    sim.kernel.clock.runUntil(3_600_000);
    const plans = events(sim, 'home.precool_planned').map((e) => e.data);
    expect(plans).toHaveLength(2);
    const rerouted = events(sim, 'vehicle.eta').find((e) => e.data.reason === 'rerouted');
    expect(plans[1].arriveAt).toBe(rerouted.data.arriveAt);
    expect(plans[1].arriveAt).not.toBe(plans[0].arriveAt);
    // One precool command, delivered just after the second plan's start (the first plan's timer was cancelled).
    const commands = events(sim, 'msg.delivered').filter((e) => e.data.topic === 'climate/set_temperature' && e.data.destination === 'home/h1/climate.living_room');
    expect(commands).toHaveLength(1);
    expect(commands[0].t - plans[1].startAt).toBeGreaterThanOrEqual(0);
    expect(commands[0].t - plans[1].startAt).toBeLessThan(1_000);
  });

  it('does nothing when the home has precool off, or without a heatwave', () => {
    const { sim } = homeWithCar('direct', 3, 'work', WIDE);
    (sim.home('h1').spec as { precool?: string }).precool = 'off';
    sim.home('h1').weatherAlerts.add('heatwave');
    sim.kernel.clock.runUntil(sim.vehicle('car1').driveTo(sim.home('h1').place).arriveAt + 1_000);
    expect(events(sim, 'home.precool_planned')).toEqual([]);
    const { sim: mild } = homeWithCar('direct', 3, 'work', WIDE);
    mild.kernel.clock.runUntil(mild.vehicle('car1').driveTo(mild.home('h1').place).arriveAt + 1_000);
    expect(events(mild, 'home.precool_planned')).toEqual([]);
    expect(events(mild, 'home.arrived')[0].data).toMatchObject({ vehicle: 'car1', hvacMode: 'off' });
  });
});

describe('the predicted evening departure', () => {
  const h = (hours: number): number => hours * 3_600_000;
  const overtime = { title: 'Overtime', fromMs: h(18), toMs: h(20) };

  it('is the usual time, or the end of the entry running then (and of the next one back to back)', () => {
    expect(predictedDepartureMs(h(18), [])).toEqual({ atMs: h(18), because: 'usual' });
    expect(predictedDepartureMs(h(18), [overtime])).toEqual({ atMs: h(20), because: 'Overtime' });
    expect(predictedDepartureMs(h(18), [{ title: 'Call', fromMs: h(20), toMs: h(20.5) }, overtime])).toEqual({ atMs: h(20.5), because: 'Call' });
  });

  it('is not moved by an entry that ended before or starts after it (the boundaries included)', () => {
    expect(predictedDepartureMs(h(18), [{ title: 'Lunch', fromMs: h(12), toMs: h(18) }])).toEqual({ atMs: h(18), because: 'usual' });
    expect(predictedDepartureMs(h(18), [{ title: 'Dinner', fromMs: h(18.01), toMs: h(21) }])).toEqual({ atMs: h(18), because: 'usual' });
  });

  it('moves the evening mode: soft lights an arrival lead before the predicted arrival', () => {
    const run = (calendar: { title: string; fromMs: number; toMs: number }[]) => {
      const { sim } = homeWithCar('direct', 3, 'work', {
        startTimeOfDayMs: h(17), users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1', leavesWorkAtMs: h(18), calendar }],
      });
      sim.kernel.clock.runUntil(h(4));
      return { mode: events(sim, 'home.evening_mode'), predicted: events(sim, 'calendar.departure_predicted') };
    };
    const usual = run([]);
    expect(usual.predicted[0].data).toMatchObject({ departure: '18:00', because: 'usual' });
    expect(usual.mode[0].t).toBeGreaterThan(h(1) - 5 * 60_000);
    expect(usual.mode[0].t).toBeLessThan(h(1) + 5 * 60_000);
    const late = run([overtime]);
    expect(late.predicted[0].data).toMatchObject({ departure: '20:00', because: 'Overtime' });
    expect(late.mode[0].t - usual.mode[0].t).toBe(h(2));
  });
});
