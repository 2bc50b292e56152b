// Twin of the car in motion: parked / driving, the trip in progress, odometer, position and speed. The
// world's trip model owns the route; it reports cumulative distance and energy for the trip at `at`, and this
// machine folds them in. Each fold emits the energy used since the last one (`energy.consumed`), which the
// simulation forwards to the traction battery as `BATTERY.ENERGY_USED`, so SoC falls while driving.
import { assign, emit, enqueueActions, setup } from 'xstate';

export interface TripInProgress {
  tripId: string;
  startedAt: number;
  odometerAtStartKm: number;
  /** Cumulative for this trip, as of `reportedAt`. */
  distanceKm: number;
  energyKwh: number;
  reportedAt: number;
}

export interface DriveContext {
  vehicleId: string;
  odometerKm: number;
  latitude: number;
  longitude: number;
  speedKmh: number;
  trip: TripInProgress | null;
}

export type DriveInput = { vehicleId: string } & Partial<Pick<DriveContext, 'odometerKm' | 'latitude' | 'longitude'>>;

/** A trip-model report: totals since the trip started, and where the car is now. */
export interface TripReport {
  at: number;
  tripId: string;
  distanceKm: number;
  energyKwh: number;
  latitude: number;
  longitude: number;
}

export type DriveEvent =
  | { type: 'TRIP.START'; at: number; tripId: string }
  | ({ type: 'TRIP.PROGRESS'; speedKmh: number } & TripReport)
  | ({ type: 'TRIP.END' } & TripReport)
  | { type: 'POSITION.SET'; latitude: number; longitude: number };

/** Emitted outputs the simulation forwards as messages. */
export type DriveEmitted =
  | { type: 'trip.started'; vehicleId: string; tripId: string; at: number }
  | { type: 'trip.ended'; vehicleId: string; tripId: string; at: number; distanceKm: number; energyKwh: number; durationMs: number }
  | { type: 'energy.consumed'; vehicleId: string; at: number; energyKwh: number }
  | { type: 'command.rejected'; twinId: string; command: string; reason: string };

const isReport = (event: DriveEvent): event is Extract<DriveEvent, TripReport> =>
  event.type === 'TRIP.PROGRESS' || event.type === 'TRIP.END';

export const driveMachine = setup({
  types: { context: {} as DriveContext, events: {} as DriveEvent, input: {} as DriveInput, emitted: {} as DriveEmitted },
  actions: {
    beginTrip: assign(({ context, event }) => ({
      trip: event.type !== 'TRIP.START' ? context.trip : {
        tripId: event.tripId, startedAt: event.at, odometerAtStartKm: context.odometerKm, distanceKm: 0, energyKwh: 0, reportedAt: event.at,
      },
    })),
    emitEnergyDelta: enqueueActions(({ context, event, enqueue }) => {
      if (!isReport(event) || context.trip === null) return;
      const energyKwh = event.energyKwh - context.trip.energyKwh;
      if (energyKwh > 0) enqueue.emit({ type: 'energy.consumed', vehicleId: context.vehicleId, at: event.at, energyKwh });
    }),
    foldReport: assign(({ context, event }) => {
      if (!isReport(event) || context.trip === null) return {};
      const trip = { ...context.trip, distanceKm: event.distanceKm, energyKwh: event.energyKwh, reportedAt: event.at };
      return {
        trip,
        odometerKm: trip.odometerAtStartKm + trip.distanceKm,
        latitude: event.latitude,
        longitude: event.longitude,
        speedKmh: event.type === 'TRIP.PROGRESS' ? event.speedKmh : 0,
      };
    }),
    emitStarted: emit(({ context, event }) => ({
      type: 'trip.started' as const,
      vehicleId: context.vehicleId,
      tripId: context.trip?.tripId ?? '',
      at: event.type === 'TRIP.START' ? event.at : 0,
    })),
    emitEnded: emit(({ context }) => {
      const trip = context.trip as TripInProgress;
      return {
        type: 'trip.ended' as const, vehicleId: context.vehicleId, tripId: trip.tripId, at: trip.reportedAt,
        distanceKm: trip.distanceKm, energyKwh: trip.energyKwh, durationMs: trip.reportedAt - trip.startedAt,
      };
    }),
    endTrip: assign({ trip: null, speedKmh: 0 }),
    setPosition: assign(({ context, event }) =>
      event.type === 'POSITION.SET' ? { latitude: event.latitude, longitude: event.longitude } : { latitude: context.latitude }),
    rejectAlreadyDriving: emit(({ context, event }) => ({
      type: 'command.rejected' as const, twinId: context.vehicleId, command: event.type, reason: `already on trip ${context.trip?.tripId}`,
    })),
  },
  guards: {
    // Reports for another trip, or older than the last one folded, would double-count energy.
    isCurrentTripReport: ({ context, event }) =>
      isReport(event) && context.trip !== null && event.tripId === context.trip.tripId && event.at >= context.trip.reportedAt,
  },
}).createMachine({
  id: 'drive',
  context: ({ input }) => ({
    vehicleId: input.vehicleId,
    odometerKm: input.odometerKm ?? 0,
    latitude: input.latitude ?? 0,
    longitude: input.longitude ?? 0,
    speedKmh: 0,
    trip: null,
  }),
  initial: 'parked',
  states: {
    parked: {
      on: {
        'TRIP.START': { target: 'driving', actions: ['beginTrip', 'emitStarted'] },
        // Placing or towing a parked car; a driving car's position comes from trip reports only.
        'POSITION.SET': { actions: 'setPosition' },
      },
    },
    driving: {
      on: {
        'TRIP.START': { actions: 'rejectAlreadyDriving' },
        'TRIP.PROGRESS': { guard: 'isCurrentTripReport', actions: ['emitEnergyDelta', 'foldReport'] },
        'TRIP.END': { guard: 'isCurrentTripReport', target: 'parked', actions: ['emitEnergyDelta', 'foldReport', 'emitEnded', 'endTrip'] },
      },
    },
  },
});
