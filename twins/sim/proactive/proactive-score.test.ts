// The judge of proactive agents on hand-made streams with known answers, including the cases it must count
// against the agent: an action nobody needed, a second action for one arrival, an action too early (an arrival: she
// set off home after the window), another party's action, and anything during the learning days.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID } from '../apps/grid';
import { DAY_MS } from './household';
import { CABIN_HVAC_KW, CABIN_PRECONDITION_H, HOME_AC_KW, LIGHT_KW, ProactiveScorer, namedScore, needOfCommand } from './proactive-score';

const MIN = 60_000;
type E = { t: number; type: string; source: string; data: { [key: string]: string | number | boolean } };
const acted = (t: number, need: string, day = 14, source = 'party/routine-agent'): E => ({ t, type: 'agent.acted', source, data: { need, day } });
const truth = (t: number, type: 'household.departed' | 'household.arrived', day = 14): E => ({ t, type, source: 'vehicle/car1', data: { day } });
const tap = (day = 14): E => ({ t: 0, type: 'user.interaction', source: 'home/h1', data: { need: 'arrival', how: 'by-hand', day } });

const H = 60 * MIN;
const DAY14 = 14 * DAY_MS;
const departed = (t: number, socPercent: number, day = 14): E => ({ t, type: 'household.departed', source: 'vehicle/car1', data: { day, socPercent, readySocPercent: 80 } });
const arrivedDark = (t: number, day = 14): E => ({ t, type: 'household.arrived', source: 'vehicle/car1', data: { day, dark: true } });
const power = (t: number, kw: number, source = 'home/h1/evse.wallbox'): E => ({ t, type: 'evse.power_changed', source, data: { deliveredPowerKw: kw } });

function score(events: E[], party?: string) {
  const scorer = new ProactiveScorer({ fromDay: 14, windowMin: 60, party, evse: 'home/h1/evse.wallbox', tariff: DEFAULT_GRID, startOfDayMs: 0 });
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

  it('an arrival is judged by when she set off for home: within the window, the home kept ready for her served her', () => {
    const setOff = (t: number): E => ({ t, type: 'trip.started', source: 'vehicle/car1/drive', data: { vehicleId: 'car1' } });
    // Precooled at 0; she set off home at 58 min and was home at 63: the agent kept the AC on for the car it saw coming.
    expect(score([acted(0, 'arrival'), setOff(58 * MIN), truth(63 * MIN, 'household.arrived')])).toMatchObject({ needed: 1, covered: 1, energyWastedKwh: 0 });
    // She set off at 61 min: nobody was coming when the window ended — unneeded, whenever the drive ends.
    expect(score([acted(0, 'arrival'), setOff(61 * MIN), truth(64 * MIN, 'household.arrived')])).toMatchObject({ needed: 0, covered: 0, energyWastedKwh: HOME_AC_KW });
    // Another car's trip says nothing about hers; and without a trip the arrival is its own set-off.
    const other: E = { t: 30 * MIN, type: 'trip.started', source: 'vehicle/car2/drive', data: {} };
    expect(score([acted(0, 'arrival'), other, truth(63 * MIN, 'household.arrived')]).needed).toBe(0);
    // The drive home set off before the action, which still came before she got home: needed, as before.
    expect(score([setOff(-5 * MIN), acted(0, 'arrival'), truth(3 * MIN, 'household.arrived')]).needed).toBe(1);
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

  it('lights: needed for an arrival after dark, not for one in daylight; a light for nobody wastes its window', () => {
    const s = score([acted(DAY14 + 17.9 * H, 'lighting'), arrivedDark(DAY14 + 18 * H), acted(DAY14 + 12 * H, 'lighting'), truth(DAY14 + 12.2 * H, 'household.arrived')]);
    expect(s).toMatchObject({ actions: 2, needed: 1, needs: 3, covered: 1 }); // the dark arrival is two needs: climate and light
    expect(s.energyWastedKwh).toBe(LIGHT_KW);
  });

  it('charging: a deferral is needed when the car leaves within two days; one before a week away is not', () => {
    const s = score([
      acted(DAY14 + 18 * H, 'charging'), departed(DAY14 + 31.6 * H, 80, 15), // the next morning
      acted(DAY14 + 3 * DAY_MS, 'charging'), // and then nobody leaves for a week
      departed(DAY14 + 10 * DAY_MS, 80, 24),
    ]);
    expect(s).toMatchObject({ actions: 2, needed: 1, energyWastedKwh: 0 }); // a deferred charge is kept, not wasted
    // A charging action does not cover the departure's cabin need.
    expect(s.covered).toBe(0);
  });

  it('ready rate: a car that leaves short of the charge it was plugged in for counts against it', () => {
    const s = score([departed(DAY14 + 7 * H, 80), departed(DAY14 + DAY_MS + 7 * H, 79.6, 15), departed(DAY14 + 2 * DAY_MS + 7 * H, 71, 16)]);
    expect(s.chargingReadyRate).toBe(0.667); // within half a point is ready; 71 % is not
    expect(score([truth(DAY14, 'household.departed')]).chargingReadyRate).toBeUndefined(); // no charge said: nothing to judge
  });

  it('meters the wallbox from the judged days on, priced by the tariff, and no other wallbox', () => {
    const s = score([
      power(DAY14 - H, 7.2), power(DAY14 + H, 0), // 23:00–01:00: only the hour after midnight of day 14 counts
      power(DAY14 + 18 * H, 7.2), power(DAY14 + 18.5 * H, 0), // half an hour in the peak
      power(DAY14 + 20 * H, 3, 'home/h2/evse.wallbox'), power(DAY14 + 22 * H, 0, 'home/h2/evse.wallbox'),
    ]);
    expect(s.chargingKwh).toBe(10.8);
    expect(s.chargingPeakKwh).toBe(3.6);
    expect(s.chargingCost).toBe(round(7.2 * 0.4 + 3.6 * 1.2));
    const named = namedScore('baseline', s);
    expect(named).toMatchObject({ 'baseline.charging_kwh': 10.8, 'baseline.charging_peak_kwh': 3.6 });
    // Without a wallbox to meter, no charging figures at all (not zeros).
    const none = new ProactiveScorer({ fromDay: 0, windowMin: 60 }).result();
    expect(namedScore('agent', none)).not.toHaveProperty('agent.charging_kwh');
  });

  it('counts the home side\'s failed commands from the judged days on, not the car\'s', () => {
    const failed = (t: number, source: string): E => ({ t, type: 'msg.failed', source: 'bus', data: { source, failure: 'out-of-range' } });
    const scorer = new ProactiveScorer({ fromDay: 14, windowMin: 60, homeSenders: ['home/h1/gateway'] });
    for (const e of [failed(DAY14 - 1, 'home/h1/gateway'), failed(DAY14 + H, 'home/h1/gateway'), failed(DAY14 + H, 'vehicle/car1'), failed(DAY14 + H, 'home/h2/gateway')]) scorer.observe(e);
    expect(scorer.result().commandsFailed).toBe(1);
    expect(namedScore('agent', scorer.result())['agent.commands_failed']).toBe(1);
  });

  it('reads an external agent\'s commands as the needs they prepare', () => {
    expect(needOfCommand('light/turn_on', 'home/h1/light.living_room')).toBe('lighting');
    expect(needOfCommand('evse/set_power_limit', 'home/h1/evse.wallbox', { power_limit_kw: 0 })).toBe('charging');
    // Giving the wallbox its power back is the end of a deferral, not a second action; a light off prepares nothing.
    expect(needOfCommand('evse/set_power_limit', 'home/h1/evse.wallbox', { power_limit_kw: 7.2 })).toBeUndefined();
    expect(needOfCommand('light/turn_off', 'home/h1/light.living_room')).toBeUndefined();
    expect(needOfCommand('evse/set_power_limit', 'vehicle/car1', { power_limit_kw: 0 })).toBeUndefined();
  });
});

const round = (x: number): number => Math.round(x * 1000) / 1000;
