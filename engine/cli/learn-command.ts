// `twinbench learn <recording.db> <run>... --vehicle car1 --out model.json`: trains the routine learner on recorded
// runs (the car's trips, the people's set-points, its charging) and writes its model as JSON; a household scene
// starts its agent from it with `household.model: model.json`. Prints what it learnt, each weekday's prediction
// with its confidence and explanation.
import { writeFileSync } from 'node:fs';
import { RoutineLearner, WEEKDAYS, clock } from '../../twins/sim/proactive/routine-learner';
import { openReplay } from '../recorder/replay';
import { RecordingError } from '../recorder/recording-error';
import { learnFromRun } from '../recorder/routine-from-run';
import { parseTimeOfDay } from '../scenario/durations';
import { CliError, UsageError } from './cli-errors';
import { defineCommand } from './command-spec';
import { prepareOutputFile } from './output-file';

export const learnCommand = defineCommand(
  {
    name: 'learn',
    args: '<recording.db> <run>...',
    positionals: { min: 2, max: 50 },
    summary: 'learn a household\'s routine from recorded runs (for a proactive agent)',
    description:
      '<run> is a run id from `twinbench runs`, or latest. The runs are read in order; each is taken to start at\n' +
      '--start on a --starts-on weekday. Only what the car and home report is read (trips, set-points, charging).',
    options: {
      vehicle: { type: 'string', value: 'ID', required: true, help: 'the household car, e.g. car1' },
      out: { type: 'string', short: 'o', value: 'FILE', help: 'write the model (JSON) to FILE' },
      start: { type: 'string', value: 'HH:MM', help: 'time of day the runs started (default 00:00)' },
      'starts-on': { type: 'string', value: 'DAY', help: 'weekday of each run\'s first day (default monday)' },
      days: { type: 'string', value: 'N', help: 'whole days each run lasted (default: up to the day of its last event)' },
      holidays: { type: 'string', value: 'LIST', help: 'days of each run (0 = the first) the calendar marks as holidays, e.g. 3,23' },
    },
    footer: 'Exit status: 0 learnt, 2 bad command line or unreadable file.',
  },
  async ({ values, positionals }, io) => {
    const [file, ...runs] = positionals as [string, ...string[]];
    const vehicleId = values.vehicle;
    if (vehicleId === undefined || !/^[A-Za-z0-9_-]+$/.test(vehicleId)) throw new UsageError(`--vehicle must be a vehicle id such as car1, got ${JSON.stringify(vehicleId)}`);
    const startMinute = parseTimeOfDay(values.start ?? '00:00');
    if (startMinute === undefined) throw new UsageError(`--start must be a time of day HH:MM, got ${JSON.stringify(values.start)}`);
    const startWeekday = (WEEKDAYS as readonly string[]).indexOf(values['starts-on'] ?? 'monday');
    if (startWeekday < 0) throw new UsageError(`--starts-on must be one of ${WEEKDAYS.join(', ')}, got ${JSON.stringify(values['starts-on'])}`);
    const holidays = (values.holidays ?? '').split(',').filter((d) => d.trim() !== '').map((d) => Number(d.trim()));
    if (holidays.some((d) => !Number.isInteger(d) || d < 0)) throw new UsageError(`--holidays must be day numbers (0 = the first) separated by commas, e.g. 3,23; got ${JSON.stringify(values.holidays)}`);
    const runDays = values.days === undefined ? undefined : Number(values.days);
    if (runDays !== undefined && !(Number.isInteger(runDays) && runDays >= 1 && runDays <= 366)) throw new UsageError(`--days must be a whole number of days from 1 to 366, got ${JSON.stringify(values.days)}`);
    if (values.out !== undefined) prepareOutputFile('--out', values.out, 'model.json');
    const learner = new RoutineLearner();
    let days = 0;
    try {
      for (const run of runs) {
        const replay = openReplay(file, run);
        try {
          days += learnFromRun(learner, replay.events(), { vehicleId, startMinute, startWeekday, holidays, days: runDays });
        } finally {
          replay.close();
        }
      }
    } catch (err) {
      if (err instanceof RecordingError) throw new CliError(err.message, 2, { cause: err });
      throw err;
    }
    if (days === 0) throw new CliError(`the runs hold no whole day to learn from (${runs.join(', ')} in ${file})`, 2);
    io.out(`learnt from ${days} days of ${runs.length} run(s):`);
    for (let w = 0; w < 7; w++) {
      for (const kind of ['departure', 'arrival'] as const) {
        const p = learner.predict(w, kind);
        io.out(p === undefined ? `  ${WEEKDAYS[w]} ${kind}: never seen` : `  ${p.explanation}`);
      }
    }
    const t = learner.preferredTemperature();
    if (t !== undefined) io.out(`  set-point ${t.value} °C (from ${t.samples} taps)`);
    const c = learner.chargingHabit();
    if (c !== undefined) io.out(`  charging: plugged in around ${clock(c.plugInMinute)}, ${c.energyKwh} kWh (${c.samples} sessions)`);
    if (values.out !== undefined) {
      writeFileSync(values.out, `${JSON.stringify(learner.toJSON(), null, 1)}\n`);
      io.err(`wrote ${values.out}`);
    }
    return 0;
  },
);
