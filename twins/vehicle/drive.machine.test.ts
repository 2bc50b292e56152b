import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { driveMachine, type DriveEmitted } from './drive.machine';

function start() {
  const actor = createActor(driveMachine, {
    clock: new SimulatedClock(),
    input: { vehicleId: 'ev-1', odometerKm: 12_000, latitude: 31.2, longitude: 121.4 },
  });
  const emitted: DriveEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { actor, emitted };
}

const report = (at: number, distanceKm: number, energyKwh: number) =>
  ({ at, tripId: 'trip-1', distanceKm, energyKwh, latitude: 31.2 + distanceKm / 100, longitude: 121.4 });

describe('drive', () => {
  it('drives a trip: folds distance into the odometer and emits energy deltas for the battery', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'TRIP.START', at: 1000, tripId: 'trip-1' });
    expect(actor.getSnapshot().matches('driving')).toBe(true);
    actor.send({ type: 'TRIP.PROGRESS', speedKmh: 50, ...report(60_000, 1, 0.15) });
    actor.send({ type: 'TRIP.PROGRESS', speedKmh: 60, ...report(120_000, 2, 0.3) });
    let { context } = actor.getSnapshot();
    expect(context.odometerKm).toBe(12_002);
    expect(context.speedKmh).toBe(60);
    expect(context.latitude).toBeCloseTo(31.22, 9);
    actor.send({ type: 'TRIP.END', ...report(180_000, 3, 0.45) });
    ({ context } = actor.getSnapshot());
    expect(actor.getSnapshot().matches('parked')).toBe(true);
    expect(context.odometerKm).toBe(12_003);
    expect(context.speedKmh).toBe(0);
    expect(context.trip).toBeNull();
    const energy = emitted.filter((e) => e.type === 'energy.consumed').map((e) => (e as { energyKwh: number }).energyKwh);
    expect(energy.reduce((a, b) => a + b, 0)).toBeCloseTo(0.45, 9);
    expect(energy).toHaveLength(3);
    expect(emitted[0]).toEqual({ type: 'trip.started', vehicleId: 'ev-1', tripId: 'trip-1', at: 1000 });
    expect(emitted.at(-1)).toEqual({
      type: 'trip.ended', vehicleId: 'ev-1', tripId: 'trip-1', at: 180_000, distanceKm: 3, energyKwh: 0.45, durationMs: 179_000,
    });
  });

  it('ignores reports of another trip or older than the last one, so energy is never counted twice', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'TRIP.START', at: 0, tripId: 'trip-1' });
    actor.send({ type: 'TRIP.PROGRESS', speedKmh: 50, ...report(60_000, 1, 0.2) });
    actor.send({ type: 'TRIP.PROGRESS', speedKmh: 50, ...report(30_000, 0.5, 0.1) });
    actor.send({ type: 'TRIP.PROGRESS', speedKmh: 50, ...report(90_000, 9, 9), tripId: 'trip-2' });
    expect(actor.getSnapshot().context.odometerKm).toBe(12_001);
    expect(emitted.filter((e) => e.type === 'energy.consumed')).toHaveLength(1);
  });

  it('refuses to start a second trip while driving', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'TRIP.START', at: 0, tripId: 'trip-1' });
    actor.send({ type: 'TRIP.START', at: 10, tripId: 'trip-2' });
    expect(actor.getSnapshot().context.trip?.tripId).toBe('trip-1');
    expect(emitted.at(-1)).toMatchObject({ type: 'command.rejected', command: 'TRIP.START' });
  });

  it('moves a parked car only by an explicit position, and ignores trip reports while parked', () => {
    const { actor } = start();
    actor.send({ type: 'TRIP.PROGRESS', speedKmh: 50, ...report(60_000, 1, 0.2) });
    expect(actor.getSnapshot().context.odometerKm).toBe(12_000);
    actor.send({ type: 'POSITION.SET', latitude: 39.9, longitude: 116.4 });
    expect(actor.getSnapshot().context).toMatchObject({ latitude: 39.9, longitude: 116.4 });
  });
});
