// Arriving home: when the car's ETA home falls to the arrival lead (5 minutes) the car asks; a confirmation runs
// home mode and the speaker announces the ETA to the family. The community geofence still marks the arrival.
import { describe, expect, it } from 'vitest';
import { homeWithCar } from './test-support/world';

/** A 10 km town: the drive home from work is longer than the 5-minute arrival lead. */
const WIDE = { map: { kind: 'generate', options: { homes: 4, blocksX: 40, blocksY: 40 } } } as const;

function arrive(answer: 'confirm' | 'decline', before?: (sim: ReturnType<typeof homeWithCar>['sim']) => void) {
  const { sim } = homeWithCar('cloud-cloud', 3, 'work', WIDE);
  before?.(sim);
  const fenceEvents: string[] = [];
  sim.kernel.events.onEvent((e) => e.type.startsWith('geofence.') && fenceEvents.push(`${e.type}:${String(e.data.fence)}`));
  const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
  const screen = sim.vehicle('car1').parts.screen;
  sim.kernel.events.onEvent((e) => {
    if (e.type === 'twin.state' && e.source === screen.id && (e.data.changes as { activePrompt?: unknown }).activePrompt) {
      sim.kernel.scheduler.schedule(2_000, () => screen.send({ type: answer === 'confirm' ? 'PROMPT.CONFIRM' : 'PROMPT.DECLINE' }));
    }
  });
  sim.kernel.clock.runUntil(trip.arriveAt + 120_000);
  return { sim, fenceEvents };
}

describe('home mode on approach', () => {
  it('prompts 5 minutes before the arrival and, on confirm, turns lights soft, AC to preference, purifier on, curtains open', () => {
    const { sim, fenceEvents } = arrive('confirm');
    expect(fenceEvents).toContain('geofence.enter:home:h1');
    const events = sim.kernel.events.lines().map((l) => JSON.parse(l));
    const shown = events.find((e) => e.type === 'prompt.shown');
    const arrived = events.find((e) => e.type === 'vehicle.eta' && e.data.reason === 'arrived');
    expect(arrived.t - shown.t).toBeGreaterThanOrEqual(299_000);
    expect(arrived.t - shown.t).toBeLessThanOrEqual(301_000);
    const home = sim.home('h1');
    expect(home.device('light.living_room').state).toBe('on');
    expect(home.device('light.living_room').context.brightness).toBeLessThan(100);
    expect(home.device('climate.living_room').context.targetTemperature).toBe(23);
    expect(home.device('fan.air_purifier').state).toBe('on');
    expect(['open', 'opening']).toContain(home.device('cover.living_room_curtains').state);
    // Home mode never opens a window: no open command was even sent to one.
    expect(home.device('cover.living_room_window').state).toBe('closed');
    const windowCommands = sim.kernel.events.lines().map((l) => JSON.parse(l))
      .filter((e) => e.type === 'msg.sent' && String(e.data.destination ?? '').includes('window'));
    expect(windowCommands).toEqual([]);
    const announced = sim.kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'speaker.announced');
    expect(announced?.data.text).toMatch(/^alice is \d+ minutes away$/);
  });

  it('does nothing to the home when the driver declines', () => {
    const { sim } = arrive('decline');
    expect(sim.home('h1').device('light.living_room').state).toBe('off');
    expect(sim.home('h1').device('fan.air_purifier').state).toBe('off');
  });

  // Only the arrival lead asks, and only for a car heading to its own home: a departure or an arrival update does not.
  it.each([
    ['departed', 'home', 0],
    ['arrived', 'home', 0],
    ['lead', 'work', 0],
    ['lead', 'home', 1],
  ] as const)('an ETA update "%s" towards %s shows %i home-mode prompts', (reason, where, prompts) => {
    const { sim, apps } = homeWithCar('cloud-cloud', 3, 'work', WIDE);
    sim.vehicle('car1').driveTo(sim.home('h1').place);
    sim.kernel.clock.runUntil(10_000);
    const shown = (): number => sim.kernel.events.lines().filter((l) => JSON.parse(l).type === 'prompt.shown').length;
    const before = shown();
    const destination = where === 'home' ? sim.home('h1').place.id : sim.placeFor('work', 'h1').id;
    apps.home.onEta({ vehicleId: 'car1', reason, destination, arriveAt: 300_000, etaSeconds: 290 });
    sim.kernel.clock.runUntil(20_000);
    expect(shown() - before).toBe(prompts);
  });

  it('a longer arrival lead asks earlier', () => {
    const lead = (minutes: number): number => {
      const { sim } = homeWithCar('cloud-cloud', 3, 'work', { ...WIDE, arrivalLeadMinutes: minutes });
      const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
      sim.kernel.clock.runUntil(trip.arriveAt);
      const shown = sim.kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'prompt.shown');
      return (trip.arriveAt - shown.t) / 60_000;
    };
    expect(lead(5)).toBeCloseTo(5, 1);
    expect(lead(3)).toBeCloseTo(3, 1);
  });

  it('a drive shorter than the lead asks at departure', () => {
    const { sim } = homeWithCar('cloud-cloud', 3, 'work', { arrivalLeadMinutes: 60 });
    const trip = sim.vehicle('car1').driveTo(sim.home('h1').place);
    sim.kernel.clock.runUntil(trip.arriveAt);
    const shown = sim.kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'prompt.shown');
    expect(shown.t).toBe(0);
  });
});

describe('home mode adapts to the weather', () => {
  const windowCommands = (sim: ReturnType<typeof arrive>['sim']): string[] => sim.kernel.events.lines().map((l) => JSON.parse(l))
    .filter((e) => e.type === 'msg.delivered' && String(e.data.destination ?? '').includes('window')).map((e) => String(e.data.topic));

  it('in a rainstorm alert, shuts an open window (and still never opens one)', () => {
    const { sim } = arrive('confirm', (s) => {
      s.home('h1').device('cover.living_room_window').send({ type: 'COVER.OPEN' });
      s.kernel.clock.runUntil(60_000);
      s.home('h1').weatherAlerts.add('rainstorm');
    });
    expect(sim.home('h1').device('cover.living_room_window').state).toBe('closed');
    expect(windowCommands(sim)).toEqual(['cover/close_cover']);
    expect(['open', 'opening']).toContain(sim.home('h1').device('cover.living_room_curtains').state);
  });

  it('without an alert, leaves an open window as it is: home mode neither opens nor closes windows', () => {
    const { sim } = arrive('confirm', (s) => {
      s.home('h1').device('cover.living_room_window').send({ type: 'COVER.OPEN' });
      s.kernel.clock.runUntil(60_000);
    });
    expect(windowCommands(sim)).toEqual([]);
    expect(sim.home('h1').device('cover.living_room_window').state).not.toBe('closed');
  });

  it('in a heatwave alert, precools: cool mode, 2 °C below the driver’s 23 °C', () => {
    const { sim } = arrive('confirm', (s) => s.home('h1').weatherAlerts.add('heatwave'));
    const ac = sim.home('h1').device('climate.living_room');
    expect(ac.context.targetTemperature).toBe(21);
    expect(ac.context.hvacMode).toBe('cool');
  });

  it('without a heatwave, the AC goes to the preferred temperature', () => {
    const { sim } = arrive('confirm');
    expect(sim.home('h1').device('climate.living_room').context.targetTemperature).toBe(23);
  });
});
