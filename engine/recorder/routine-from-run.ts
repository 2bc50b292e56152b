// Trains the routine learner (twins/sim/proactive/routine-learner.ts) from recorded runs: what `twinbench learn`
// does. It reads only what a car and a home really report — the car's trips (its drive twin parked → driving and
// back, with the position it parked at), the set-points and light levels the people chose by hand, the car's charging sessions —
// never the scene's ground-truth events, so a model learnt from a recording is one a real agent could have learnt.
import type { SimEvent } from '../../twins/kernel/event-log';
import { RoutineLearner, type DayRecord, type RoutineModel } from '../../twins/sim/proactive/routine-learner';
import { dayOf, minuteOf } from '../../twins/sim/proactive/household';

export interface LearnOptions {
  vehicleId: string;
  /** Minutes after midnight at which the recorded runs started (their scenario's startTime). */
  startMinute: number;
  /** 0 = Monday: the weekday of each run's first day. */
  startWeekday: number;
  /** Days of the run the household's calendar marks as holidays (they teach nothing about ordinary days). */
  holidays?: readonly number[];
  /** Whole days the run lasted; by default up to the day of its last event (a quiet Sunday at the end is not seen). */
  days?: number | undefined;
}

/** Metres within which the car parked counts as at home (the home is where the car was parked at the start). */
const HOME_RADIUS_M = 150;

/** Adds one recorded run's days to `learner`; returns how many days it saw. */
export function learnFromRun(learner: RoutineLearner, events: Iterable<SimEvent>, o: LearnOptions): number {
  const drive = `vehicle/${o.vehicleId}/drive`;
  const battery = `vehicle/${o.vehicleId}/battery`;
  const startOfDayMs = o.startMinute * 60_000;
  let home: { lat: number; lon: number } | undefined;
  let position: { lat: number; lon: number } | undefined;
  let capacityKwh = 0;
  let charging: { t: number; soc: number } | undefined;
  const days = new Map<number, DayRecord>();
  const dayRecord = (t: number): DayRecord => {
    const day = dayOf(t, startOfDayMs);
    let record = days.get(day);
    if (record === undefined) days.set(day, (record = { day, weekday: (o.startWeekday + day) % 7, holiday: o.holidays?.includes(day) === true }));
    return record;
  };
  let lastT = 0;
  for (const event of events) {
    lastT = event.t;
    const changes = (event.data.changes ?? {}) as { [key: string]: unknown };
    if (event.source === drive && (event.type === 'twin.created' || event.type === 'twin.state')) {
      if (typeof changes.latitude === 'number' && typeof changes.longitude === 'number') position = { lat: changes.latitude, lon: changes.longitude };
      home ??= position;
      const atHome = home !== undefined && position !== undefined && metresBetween(home, position) <= HOME_RADIUS_M;
      if (event.type === 'twin.state' && event.data.from === 'parked' && event.data.state === 'driving' && atHome) {
        const record = dayRecord(event.t);
        record.departure ??= minuteOf(event.t, startOfDayMs);
      }
      if (event.type === 'twin.state' && event.data.from === 'driving' && event.data.state === 'parked' && atHome) dayRecord(event.t).arrival = minuteOf(event.t, startOfDayMs);
    } else if (event.source === battery) {
      if (typeof changes.capacityKwh === 'number') capacityKwh = changes.capacityKwh;
      if (event.type === 'charging.started' && typeof event.data.socPercent === 'number') charging = { t: event.t, soc: event.data.socPercent };
      if ((event.type === 'charging.completed' || event.type === 'charging.stopped') && charging !== undefined && typeof event.data.socPercent === 'number') {
        learner.observeCharging(minuteOf(charging.t, startOfDayMs), ((event.data.socPercent - charging.soc) / 100) * capacityKwh);
        charging = undefined;
      }
    } else if (event.type === 'user.interaction') {
      if (typeof event.data.temperature === 'number') learner.observeSetpoint(event.data.temperature);
      // The brightness people switched the light on to, by hand.
      if (typeof event.data.brightness === 'number') learner.observeLighting(String(event.data.brightness));
    }
  }
  // Every whole day of the run is a day seen, with or without a trip (a Sunday at home teaches as much as a Monday).
  const lastDay = o.days ?? dayOf(lastT, startOfDayMs) + 1;
  for (let day = 0; day < lastDay; day++) {
    const record = days.get(day) ?? { day, weekday: (o.startWeekday + day) % 7, holiday: o.holidays?.includes(day) === true };
    learner.observeDay(record);
  }
  return lastDay;
}

/** Great-circle distance, metres (haversine). */
function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

export type { RoutineModel };
