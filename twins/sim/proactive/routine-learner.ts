// What a household does, learnt from what it did: per weekday the first departure from home and the last arrival
// home (minutes after midnight), the set-points and lighting the user chose by hand, and when the car is plugged in
// and how much it takes. Pure statistics, no clock and no I/O, so the simulation runs it deterministically and the
// engine trains it from recorded runs alike.
//
// A prediction is the median time (robust to the overtime evening) with its scaled MAD, from that weekday's days;
// when a weekday has fewer than `minSamples` days, it pools the weekdays whose own median is within `poolWithinMin`
// (Monday learns from Tuesday when both leave at 07:40, never from Sunday). Its confidence is the share of those
// days on which the event happened within `toleranceMin` of the prediction, with a uniform prior (Laplace): the
// sick day without a departure and the overtime evening lower it, and two days cannot give more than 0.75.
import { laplaceRate, median, robustSpread } from './robust-stats';

export type RoutineKind = 'departure' | 'arrival';
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** One observed day. A holiday (the household's calendar says so) teaches nothing about ordinary days. */
export interface DayRecord {
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes after midnight of the first departure from home, if the car left. */
  departure?: number | undefined;
  /** Minutes after midnight of the last arrival home, if the car came back. */
  arrival?: number | undefined;
  holiday?: boolean | undefined;
}

export interface RoutinePrediction {
  kind: RoutineKind;
  weekday: number;
  /** Predicted minutes after midnight. */
  minuteOfDay: number;
  /** Scaled MAD of the samples, minutes. */
  spreadMin: number;
  /** Times the prediction is made from, and the weekdays they came from. */
  samples: number;
  pooledWeekdays: number[];
  /** Days the confidence is judged on (those weekdays' ordinary days, with or without the event), and hits. */
  days: number;
  hits: number;
  confidence: number;
  explanation: string;
}

export interface LearnerOptions {
  /** Minutes either side of the prediction within which an event counts as predicted. Default 30. */
  toleranceMin?: number;
  /** A weekday with fewer days pools similar weekdays. Default 3. */
  minSamples?: number;
  /** Weekdays whose medians are this close (minutes) are pooled. Default 30. */
  poolWithinMin?: number;
}

export interface ChargingHabit {
  plugInMinute: number;
  energyKwh: number;
  samples: number;
}

/** The learner's state as plain JSON: what `twinbench learn` writes and a scene or an agent loads. */
export interface RoutineModel {
  days: DayRecord[];
  setpoints: number[];
  lighting: string[];
  charging: { minuteOfDay: number; energyKwh: number }[];
}

export class RoutineLearner {
  private readonly model: RoutineModel = { days: [], setpoints: [], lighting: [], charging: [] };
  private readonly toleranceMin: number;
  private readonly minSamples: number;
  private readonly poolWithinMin: number;

  constructor(options: LearnerOptions = {}, from?: RoutineModel) {
    this.toleranceMin = options.toleranceMin ?? 30;
    this.minSamples = options.minSamples ?? 3;
    this.poolWithinMin = options.poolWithinMin ?? 30;
    if (from !== undefined) {
      for (const d of from.days) this.observeDay(d);
      for (const t of from.setpoints) this.observeSetpoint(t);
      for (const l of from.lighting) this.observeLighting(l);
      for (const c of from.charging) this.observeCharging(c.minuteOfDay, c.energyKwh);
    }
  }

  observeDay(record: DayRecord): void {
    if (!Number.isInteger(record.weekday) || record.weekday < 0 || record.weekday > 6) throw new RangeError(`weekday must be 0 (Monday) … 6 (Sunday), got ${record.weekday}`);
    for (const key of ['departure', 'arrival'] as const) {
      const v = record[key];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0 && v < 1440)) throw new RangeError(`${key} must be minutes after midnight (0 … 1439), got ${v}`);
    }
    this.model.days.push({ ...record });
  }

  observeSetpoint(temperatureC: number): void {
    if (Number.isFinite(temperatureC)) this.model.setpoints.push(temperatureC);
  }

  observeLighting(scene: string): void {
    this.model.lighting.push(scene);
  }

  observeCharging(minuteOfDay: number, energyKwh: number): void {
    if (Number.isFinite(minuteOfDay) && Number.isFinite(energyKwh)) this.model.charging.push({ minuteOfDay, energyKwh });
  }

  /** Ordinary (non-holiday) days seen. */
  get daysObserved(): number {
    return this.model.days.filter((d) => d.holiday !== true).length;
  }

  /** When `kind` happens on `weekday`, or undefined when that weekday (and no similar one) ever saw it. */
  predict(weekday: number, kind: RoutineKind): RoutinePrediction | undefined {
    const ordinary = this.model.days.filter((d) => d.holiday !== true);
    const timesOn = (w: number): number[] => ordinary.filter((d) => d.weekday === w && d[kind] !== undefined).map((d) => d[kind]!);
    const own = timesOn(weekday);
    if (own.length === 0) return undefined;
    let pooled = [weekday];
    if (own.length < this.minSamples) {
      const centre = median(own);
      pooled = [0, 1, 2, 3, 4, 5, 6].filter((w) => {
        const times = timesOn(w);
        return times.length > 0 && Math.abs(median(times) - centre) <= this.poolWithinMin;
      });
    }
    const times = pooled.flatMap(timesOn);
    const minuteOfDay = median(times);
    const judged = ordinary.filter((d) => pooled.includes(d.weekday));
    const hits = judged.filter((d) => d[kind] !== undefined && Math.abs(d[kind]! - minuteOfDay) <= this.toleranceMin).length;
    const confidence = round(laplaceRate(hits, judged.length));
    const spreadMin = round(robustSpread(times));
    const names = pooled.map((w) => WEEKDAYS[w]!.slice(0, 3)).join(', ');
    const explanation = `${kind} on ${WEEKDAYS[weekday]} predicted at ${clock(minuteOfDay)} ± ${Math.round(spreadMin)} min `
      + `(median of ${times.length} ${kind}s on ${names}); ${hits} of ${judged.length} such days within ${this.toleranceMin} min → confidence ${confidence.toFixed(2)}`;
    return { kind, weekday, minuteOfDay, spreadMin, samples: times.length, pooledWeekdays: pooled, days: judged.length, hits, confidence, explanation };
  }

  /** The set-point the user chooses, with how many times it was seen; undefined before the first. */
  preferredTemperature(): { value: number; samples: number } | undefined {
    const s = this.model.setpoints;
    return s.length === 0 ? undefined : { value: median(s), samples: s.length };
  }

  /** The lighting scene chosen most often (the first seen on a tie). */
  preferredLighting(): { value: string; samples: number } | undefined {
    const counts = new Map<string, number>();
    for (const l of this.model.lighting) counts.set(l, (counts.get(l) ?? 0) + 1);
    let best: string | undefined;
    for (const [scene, n] of counts) if (best === undefined || n > counts.get(best)!) best = scene;
    return best === undefined ? undefined : { value: best, samples: this.model.lighting.length };
  }

  /** When the car is usually plugged in and how much it takes. */
  chargingHabit(): ChargingHabit | undefined {
    const c = this.model.charging;
    if (c.length === 0) return undefined;
    return { plugInMinute: median(c.map((x) => x.minuteOfDay)), energyKwh: round(median(c.map((x) => x.energyKwh))), samples: c.length };
  }

  toJSON(): RoutineModel {
    return JSON.parse(JSON.stringify(this.model)) as RoutineModel;
  }
}

/** `07:05` for 425 minutes after midnight. */
export function clock(minuteOfDay: number): string {
  const m = Math.round(minuteOfDay);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
