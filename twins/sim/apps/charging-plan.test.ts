// The energy manager's plan, number by number: the valley-filling level, the quarter-hour slots and their lead
// time, the tariff peak, the transformer limit and who is served under a shortage. Each test pins the exact
// wallbox limits commanded (rounded to 0.1 kW as the app rounds them) and the minute they were sent, so an
// arithmetic slip in the planner changes a number here. Homes draw the default household profile: 3.0 kW each
// 18–22 h, 1.8 kW 22–23 h, 1.2 kW 23–24 h, 1.0 kW 0–6 h, 1.6 kW 6–9 h.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chargingWorld, HOUR, MINUTE } from '../test-support/charging-world';

afterEach(() => vi.restoreAllMocks());

describe('valley filling', () => {
  it('charges one car at the flat level that delivers its need, plus 3 %, by 07:00', () => {
    // 23:00, 12 kWh: 1 h at 1.2 kW base, 6 h at 1.0, 1 h at 1.6 — level L with 8 L − 8.8 = 12.36, L = 2.645:
    // 1.445 kW now (1.4), and at midnight, 1.4 kWh later, 7 L − 7.6 = 10.918 gives 1.645 (1.6).
    const w = chargingWorld({ startTimeOfDayMs: 23 * HOUR, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    w.until(8 * 60);
    expect(w.log()).toEqual(['0 h1 1.4', '60 h1 1.6', '419 h1 1', '450 h1 1.1', '464 h1 1']);
    expect(w.commands[0]).toMatchObject({
      source: 'home-cloud', evse: 'home/h1/evse.wallbox', kind: 'command',
      intent: { capability: 'evse', name: 'set_power_limit', deviceId: 'evse.wallbox', attributes: { power_limit_kw: 1.4 } },
    });
    // The command reached the wallbox and the car: it charged to its target by the deadline.
    expect(w.charging.departures()).toEqual([{ vehicleId: 'ev1', departureAt: 8 * HOUR, socPercent: 56, targetSocPercent: 56, shortfallKwh: 0 }]);
    expect(w.charging.misses()).toEqual([]);
  });

  it('shares the level among cars in proportion to what each still needs', () => {
    // 01:00, three homes (3.0 kW base, 4.8 kW from 06:00), 16 kW limit; 42 kWh wanted: 6 L − 19.8 = 43.26,
    // L = 10.51, 7.51 kW to share 12 : 24 : 6 — 2.15, 4.29, 1.07 kW.
    const w = chargingWorld({ homes: 3, startTimeOfDayMs: 1 * HOUR, grid: { transformerKva: 20 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    w.charging.plugIn('ev2', 24);
    w.charging.plugIn('ev3', 6);
    w.until(14);
    expect(w.log()).toEqual(['0 h1 2.4', '0 h1 2.2', '0 h2 4.3', '0 h1 2.1', '0 h3 1.1']);
  });

  it('reads a spec with no start time as a run from midnight', () => {
    // 00:00, 12 kWh: 6 h at 1.0 kW base and 1 h at 1.6 — 7 L − 7.6 = 12.36, L = 2.851: 1.851 kW (1.9).
    const w = chargingWorld({ grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    w.until(20);
    expect(w.log()).toEqual(['0 h1 1.9', '14 h1 1.8']);
  });

  it('raises the level where the wallboxes are at their maximum, so the night still delivers the need', () => {
    // 22:00, 62 kWh (63.86 with the margin) on one 7.2 kW wallbox: uncapped, 9 L − 10.6 = 63.86 would put the
    // level at 8.27 kW and the car at 6.47 kW now; with every hour from 23:00 to 06:00 capped at 7.2 kW the
    // level is 2 L + 47 = 63.86, L = 8.43: 6.63 kW now above the 1.8 kW base.
    const w = chargingWorld({ startTimeOfDayMs: 22 * HOUR, socPercent: 10, grid: { transformerKva: 50 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 62);
    w.until(10);
    expect(w.log()).toEqual(['0 h1 6.6']);
  });

  it('sends the limit from the home brand\'s own cloud', () => {
    const w = chargingWorld({ brand: 'thermia', startTimeOfDayMs: 23 * HOUR, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    expect(w.commands.map((c) => [c.source, c.evse, c.kw])).toEqual([['home-cloud/thermia', 'home/h1/evse.wallbox', 1.4]]);
  });

  it('leaves no charging to the tariff peak when the plan spans a whole day', () => {
    // Noon, 30 kWh by 07:00 tomorrow: 12:00–16:00 at the daytime base, nothing 16:00–21:00, the rest by night.
    const w = chargingWorld({ startTimeOfDayMs: 12 * HOUR, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 30);
    w.until(20 * 60);
    expect(w.log()).toEqual(['0 h1 2.6', '239 h1 0', '540 h1 0.4', '600 h1 1.6', '660 h1 2.2', '720 h1 2.4', '749 h1 2.3', '1079 h1 1.6', '1080 h1 1.7', '1094 h1 1.6', '1139 h1 0.6']);
  });
});

describe('replanning on the quarter hours', () => {
  const ticksFrom = (startTimeOfDayMs: number | undefined): [number, number][] => {
    const w = chargingWorld({ startTimeOfDayMs, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.setStrategy('coordinated'); // a second call starts no second chain of replans
    w.until(20);
    return w.ticks.map((t) => [t.at, t.delayMs]);
  };

  it('replans one minute before each quarter hour and on it', () => {
    expect(ticksFrom(23 * HOUR)).toEqual([[0, 14 * MINUTE], [14 * MINUTE, MINUTE], [15 * MINUTE, 14 * MINUTE]]);
    expect(ticksFrom(undefined)).toEqual([[0, 14 * MINUTE], [14 * MINUTE, MINUTE], [15 * MINUTE, 14 * MINUTE]]);
  });

  it('within the lead minute waits for the quarter hour itself, on both sides of the edge', () => {
    expect(ticksFrom(23 * HOUR + 14 * MINUTE)).toEqual([[0, MINUTE], [MINUTE, 14 * MINUTE], [15 * MINUTE, MINUTE], [16 * MINUTE, 14 * MINUTE]]);
    expect(ticksFrom(23 * HOUR + 14 * MINUTE - 1).slice(0, 2)).toEqual([[0, 1], [1, MINUTE]]);
    expect(ticksFrom(23 * HOUR + 14.5 * MINUTE).slice(0, 2)).toEqual([[0, 30_000], [30_000, 14 * MINUTE]]);
  });

  it('reads a start time given before midnight (negative ms) on the wall clock', () => {
    // −65 min is 22:55: five minutes to the quarter hour, so the first replan is four minutes on.
    expect(ticksFrom(-HOUR - 5 * MINUTE).slice(0, 3)).toEqual([[0, 4 * MINUTE], [4 * MINUTE, MINUTE], [5 * MINUTE, 14 * MINUTE]]);
    const w = chargingWorld({ startTimeOfDayMs: -HOUR - 5 * MINUTE, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    w.until(20);
    expect(w.log()).toEqual(['0 h1 0.8', '5 h1 1.4']); // 1.8 kW base until 23:00, then 1.2
  });

  it('plans nothing when the strategy is not coordinated', () => {
    const w = chargingWorld({ startTimeOfDayMs: 23 * HOUR, grid: { transformerKva: 10 } });
    w.charging.setStrategy('uncontrolled');
    w.charging.plugIn('ev1', 12);
    w.until(30);
    expect(w.ticks).toEqual([]);
    expect(w.commands).toEqual([]);
  });
});

describe('the lead minute before a base-load step', () => {
  it('lowers the limit one minute before 06:00, to what the 06:00 slot allows', () => {
    // 05:30, 8 kW limit: 7.0 kW above 1.0 kW of base until 06:00, 6.4 kW above 1.6 kW after; the night is short,
    // so the car gets all there is. At 05:59 the first slot is one minute long: the next slot's 6.4 kW rule.
    const w = chargingWorld({ startTimeOfDayMs: 5.5 * HOUR, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    w.until(90);
    expect(w.log()).toEqual(['0 h1 7', '29 h1 6.4', '90 h1 0']);
  });
});

describe('the tariff peak', () => {
  it('charges nothing before 21:00 and starts on the quarter hour the peak ends', () => {
    const w = chargingWorld({ startTimeOfDayMs: 20 * HOUR, grid: { transformerKva: 10 } });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 40);
    w.until(75);
    expect(w.log()).toEqual(['60 h1 2.5']);
  });

  it('stops a car already charging when coordination starts in the peak, but sends nothing to a full one', () => {
    const w = chargingWorld({ homes: 2, startTimeOfDayMs: 20 * HOUR, grid: { transformerKva: 10 } });
    w.charging.plugIn('ev1', 12);
    w.charging.plugIn('ev2', 0);
    w.until(10);
    w.charging.setStrategy('coordinated');
    w.until(75);
    // At 21:00 the full car is left alone too (it needs nothing), and 6 kW of base load leave the other none yet.
    expect(w.log()).toEqual(['10 h1 0']);
  });
});

describe('a shortage', () => {
  // 05:00, two homes (2.0 kW base, 3.2 kW from 06:00), a 7.87 kW limit: 5.87 kW until 06:00, 4.67 kW after —
  // 10.5 kWh for 18 kWh asked.
  const shortMorning = (rule: 'priority' | 'even'): string[] => {
    const w = chargingWorld({ homes: 2, startTimeOfDayMs: 5 * HOUR, grid: { transformerKva: 10, maxLoadShare: 0.787 } });
    w.charging.shortageRule = rule;
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12);
    w.charging.plugIn('ev2', 6);
    w.until(121);
    return w.log();
  };

  it('in priority order gives the whole headroom, rounded down, to the largest request', () => {
    expect(shortMorning('priority')).toEqual(['0 h1 5.8', '59 h1 4.6', '120 h1 0']);
  });

  it('split evenly shares it in proportion to need, rounded to the nearest 0.1 kW', () => {
    expect(shortMorning('even')).toEqual([
      '0 h1 5.9', '0 h1 3.9', '0 h2 2', '29 h1 3.8', '29 h2 2.1', '59 h1 3', '59 h2 1.7',
      '89 h2 1.6', '104 h2 1.7', '119 h2 1.6', '120 h1 0', '120 h2 0',
    ]);
  });

  it('split evenly, never gives a car more than its wallbox maximum', () => {
    // 05:00, 50 kVA: 14.4 kW for two wallboxes, 40 : 1 kWh asked — 14.05 kW would be ev1's share.
    const w = chargingWorld({ homes: 2, startTimeOfDayMs: 5 * HOUR, grid: { transformerKva: 50 } });
    w.charging.shortageRule = 'even';
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 40);
    w.charging.plugIn('ev2', 1);
    w.until(20);
    expect(w.log()).toEqual(['0 h1 7.2', '0 h2 0.4', '14 h2 0.3']);
  });

  it('serves the earliest departure first, then the largest request, then the first plugged in', () => {
    // 05:00, three homes, 16 kW limit above 3.0 kW of base: 13 kW, one whole wallbox and 5.8 kW of another.
    const run = (plug: (w: ReturnType<typeof chargingWorld>) => void): string[] => {
      const w = chargingWorld({ homes: 3, startTimeOfDayMs: 5 * HOUR, grid: { transformerKva: 20 } });
      w.charging.setStrategy('coordinated');
      plug(w);
      w.until(10);
      return w.log();
    };
    expect(run((w) => {
      w.charging.plugIn('ev1', 12, 6 * 60 + 30);
      w.charging.plugIn('ev2', 12);
      w.charging.plugIn('ev3', 20);
    })).toEqual(['0 h1 7.1', '0 h1 7.2', '0 h2 5.8', '0 h2 0', '0 h3 5.8']);
    expect(run((w) => {
      w.charging.plugIn('ev2', 12);
      w.charging.plugIn('ev1', 12);
      w.charging.plugIn('ev3', 12);
    })).toEqual(['0 h2 7.1', '0 h2 7.2', '0 h1 5.8']);
  });

  it('ranks requests by the energy asked for in kWh, not by the share of a pack or the charge reached', () => {
    // ev1 (first in line: earliest departure) takes a whole wallbox. Then ev2 asks 12 kWh of a 75 kWh pack
    // (16 %, from 10 % to 26 %), ev3 10 kWh of a 40 kWh pack (25 %, from 60 % to 85 %): ev2 asked for more energy,
    // ev3 for a larger share of its pack and a higher charge. Until ev2 plugs in the night suffices: shared.
    const w = chargingWorld({
      homes: 3, startTimeOfDayMs: 5 * HOUR, grid: { transformerKva: 20 },
      carSpecs: [{}, { socPercent: 10 }, { batteryKwh: 40, socPercent: 60 }],
    });
    w.charging.setStrategy('coordinated');
    w.charging.plugIn('ev1', 12, 6 * 60 + 30);
    w.charging.plugIn('ev3', 10);
    w.charging.plugIn('ev2', 12);
    expect(w.log()).toEqual(['0 h1 7.1', '0 h1 6.7', '0 h3 5.6', '0 h1 7.2', '0 h3 0', '0 h2 5.8']);
  });
});
