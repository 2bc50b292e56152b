// `twinbench learn`: a recorded run of the proactive weeks trains the routine learner from the car's own reports,
// and its model starts a scene's agent; what it reads matches the scene's ground truth; bad flags, runs and model
// files are refused with the flag, the file or file:line:column.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel/event-log';
import { RoutineLearner } from '../../twins/sim/proactive/routine-learner';
import { learnFromRun } from '../recorder/routine-from-run';
import { runScenario } from '../runner/run-scenario';
import { loadScenarioFile } from '../scenario';
import { cli } from './test-support/cli';

const WEEKS = path.resolve(import.meta.dirname, '../../scenarios/proactive-weeks.yaml');

describe('twinbench learn', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twinbench-learn-'));
  const db = path.join(dir, 'weeks.db');
  const model = path.join(dir, 'model.json');

  it('reads from the car\'s trips exactly the departures and arrivals the household made', async () => {
    const events: SimEvent[] = [];
    await runScenario(loadScenarioFile(WEEKS).scenario, 'cloud-cloud', { listeners: [(e) => void events.push(e)] });
    const learner = new RoutineLearner();
    expect(learnFromRun(learner, events, { vehicleId: 'car1', startMinute: 0, startWeekday: 0, days: 28 })).toBe(28);
    const days = learner.toJSON().days;
    for (const e of events.filter((x) => x.type === 'household.departed')) expect(days[e.data.day as number]!.departure, `day ${e.data.day}`).toBe(e.data.minute);
    for (const e of events.filter((x) => x.type === 'household.arrived')) expect(days[e.data.day as number]!.arrival, `day ${e.data.day}`).toBe(e.data.minute);
    expect(days.filter((d) => d.departure === undefined).map((d) => d.day)).toEqual([3, 6, 9, 13, 16, 20, 23, 27]); // holidays, sick days, Sundays
    expect(learner.preferredTemperature()?.value).toBe(24);
    // The light level switched on by hand, and the car's charging sessions from its battery's own reports.
    expect(learner.preferredLighting()?.value).toBe('60');
    const habit = learner.chargingHabit()!;
    expect(habit.samples).toBeGreaterThanOrEqual(15);
    expect(habit.plugInMinute).toBeGreaterThan(17 * 60);
    expect(habit.energyKwh).toBeGreaterThan(0);
  });

  it('learns from a recorded run, writes a model, and the model starts a scene\'s agent', async () => {
    expect((await cli('run', WEEKS, '--record', db)).code).toBe(0);
    const learnt = await cli('learn', db, 'latest', '--vehicle', 'car1', '--days', '28', '--holidays', '3,23', '--out', model);
    expect(learnt.code, learnt.err).toBe(0);
    expect(learnt.out).toMatch(/^learnt from 28 days of 1 run\(s\):/);
    expect(learnt.out).toMatch(/departure on monday predicted at 07:\d\d ± \d+ min \(median of 4 departures on mon\)/);
    expect(learnt.out).toContain('sunday departure: never seen');
    expect(JSON.parse(readFileSync(model, 'utf8')).days).toHaveLength(28);
    // A scene that starts from the model is judged from its first day.
    const scene = path.join(dir, 'weeks.yaml');
    writeFileSync(scene, readFileSync(WEEKS, 'utf8').replace('    learnDays: 14', '    learnDays: 0\n    model: model.json'));
    const run = await cli('run', scene, '--no-record');
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/agent: accuracy 0\.9\d+/);
  });

  it('refuses a bad flag, a missing run or file, and a model that is not one', async () => {
    const bad = async (...args: string[]) => {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      return r.err;
    };
    expect(await bad('learn', db, 'latest')).toMatch(/--vehicle/);
    expect(await bad('learn', db, 'latest', '--vehicle', 'car/1')).toMatch(/--vehicle must be a vehicle id/);
    expect(await bad('learn', db, 'latest', '--vehicle', 'car1', '--starts-on', 'funday')).toMatch(/--starts-on must be one of monday/);
    expect(await bad('learn', db, 'latest', '--vehicle', 'car1', '--start', '25:00')).toMatch(/--start must be a time of day/);
    expect(await bad('learn', db, 'latest', '--vehicle', 'car1', '--days', '0')).toMatch(/--days must be a whole number/);
    expect(await bad('learn', db, 'latest', '--vehicle', 'car1', '--holidays', '1,x')).toMatch(/--holidays must be day numbers/);
    expect(await bad('learn', db, '99', '--vehicle', 'car1')).toMatch(/run 99 not found/);
    expect(await bad('learn', path.join(dir, 'none.db'), 'latest', '--vehicle', 'car1')).toMatch(/no such recording file/);
    const scene = path.join(dir, 'weeks.yaml');
    writeFileSync(model, JSON.stringify({ days: [{ day: 0, weekday: 7 }], setpoints: [], lighting: [], charging: [] }));
    const refused = await cli('run', scene, '--no-record');
    expect(refused.code).toBe(1);
    expect(refused.err + refused.out).toMatch(/weeks\.yaml:\d+:5: household\.model: .*model\.json is not a routine model: days\.0\.weekday/);
    writeFileSync(model, '{ nope');
    expect((await cli('validate', scene)).out + (await cli('validate', scene)).err).toMatch(/is not JSON/);
  });
});
