// A command carrying a destination's latitude/longitude reaches the renderer coarsened to 2 decimals by default,
// and exactly as sent once the user opts in; the live session applies the setting to twin views too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageBatch, TwinView } from '../../protocol';
import { EngineHost } from './engine-host';
import { coarsenLocation } from '../recorder/location-privacy';
import type { Json } from '../../twins/kernel/types';
import { forRenderer } from './location-view';

const batch = {
  envelopes: [{ id: 'm-1', topic: 'vehicle_navigation/set_destination', payload: { attributes: { latitude: 31.230416, longitude: 121.473701 } }, hops: [] }],
  total: 1,
  reset: true,
} as unknown as MessageBatch;

const view: TwinView = {
  address: 'vehicle/car1/drive', kind: 'drive', state: 'parked', acceptedEvents: [],
  context: { vehicleId: 'car1', latitude: 31.230416, longitude: 121.473701, odometerKm: 12.345 },
  signals: { 'Vehicle.CurrentLocation.Latitude': 31.230416, 'Vehicle.Speed': 12.345 },
};

describe('forRenderer', () => {
  it('coarsens latitude/longitude to 2 decimals by default, and nothing else', () => {
    const masked = forRenderer(batch, false);
    expect(masked.envelopes[0]!.payload).toEqual({ attributes: { latitude: 31.23, longitude: 121.47 } });
    expect(batch.envelopes[0]!.payload).toEqual({ attributes: { latitude: 31.230416, longitude: 121.473701 } }); // not mutated
    const maskedView = forRenderer(view, false);
    expect(maskedView.context).toEqual({ vehicleId: 'car1', latitude: 31.23, longitude: 121.47, odometerKm: 12.345 });
    expect(maskedView.signals).toEqual({ 'Vehicle.CurrentLocation.Latitude': 31.23, 'Vehicle.Speed': 12.345 });
  });

  it('coarsens the hops an update carries too (a gateway\'s translated payload is as precise as the original)', () => {
    const update = { envelopes: [], updates: [{ id: 'm-1', status: 'delivered', hopsFrom: 1, hops: [{ index: 1, payload: { params: { lat: 31.230416, lon: 121.473701 } } }] }], total: 1, reset: false } as unknown as MessageBatch;
    expect(forRenderer(update, false).updates![0]!.hops[0]!.payload).toEqual({ params: { lat: 31.23, lon: 121.47 } });
  });

  it('coarsens a batch as walking all of it would, walking only the payloads, and shares what holds no location', () => {
    const hop = (index: number, payload?: Json) => ({ index, from: 'hub', to: 'vehicle-cloud', link: 'internet', spanId: `s${index}`, parentSpanId: 'p', sentAt: 1, attempts: 1, status: 'delivered', ...(payload === undefined ? {} : { payload }) });
    const mixed = {
      envelopes: [
        { id: 'm-1', topic: 'nav', source: 'vehicle/car1', path: ['vehicle/car1', 'hub'], payload: { attributes: { latitude: 31.230416 } }, hops: [hop(0), hop(1, { params: { destLng: 121.473701 } })] },
        { id: 'm-2', topic: 'light/turn_on', source: 'vehicle/car1', path: ['vehicle/car1', 'hub'], payload: { state: 'on', brightness: 0.123456 }, hops: [hop(0, { state: 'on' })] },
        { id: 'm-3', topic: 'signal', source: 'vehicle/car1', path: ['a', 'b'], payload: [{ path: 'Vehicle.CurrentLocation.Latitude', value: 31.230416 }], hops: [] },
      ],
      updates: [
        { id: 'm-4', status: 'in-flight', hopsFrom: 2, hops: [hop(2, { gps: [31.230416, 121.473701] }), hop(3)] },
        { id: 'm-5', status: 'delivered', hopsFrom: 1, hops: [hop(1, { odometerKm: 12.345678 })] },
        // A hop's change (the hop under way when last sent) can carry its translated payload too.
        { id: 'm-6', status: 'delivered', hopsFrom: 2, hops: [], changedHop: { status: 'delivered', payload: { lat: 31.230416 } } },
        { id: 'm-7', status: 'delivered', hopsFrom: 2, hops: [], changedHop: { status: 'delivered', deliveredAt: 12.345678 } },
      ],
      total: 5,
      reset: false,
    } as unknown as MessageBatch;
    const before = structuredClone(mixed);
    const masked = forRenderer(mixed, false);
    expect(masked).toEqual(coarsenLocation(mixed as unknown as Json).value);
    expect(masked.envelopes[0]!.hops[1]!.payload).toEqual({ params: { destLng: 121.47 } }); // a hop's translation too
    expect(masked.updates![0]!.hops[0]!.payload).toEqual({ gps: [31.23, 121.47] });
    expect(masked.envelopes[2]!.payload).toEqual([{ path: 'Vehicle.CurrentLocation.Latitude', value: 31.23 }]);
    expect(mixed).toEqual(before); // not mutated
    expect(masked.envelopes[1]).toBe(mixed.envelopes[1]); // nothing to coarsen: not copied
    expect(masked.updates![1]).toBe(mixed.updates![1]);
    expect(masked.updates![2]!.changedHop).toEqual({ status: 'delivered', payload: { lat: 31.23 } });
    expect(masked.updates![3]).toBe(mixed.updates![3]);
  });

  it('sends precise locations once the user opts in', () => {
    expect(forRenderer(batch, true).envelopes[0]!.payload).toEqual({ attributes: { latitude: 31.230416, longitude: 121.473701 } });
    expect(forRenderer(view, true)).toBe(view);
  });
});

describe('EngineHost location privacy', () => {
  let host: EngineHost | undefined;
  afterEach(() => host?.dispose());
  const twoDecimals = (x: unknown): boolean => typeof x === 'number' && Math.round(x * 100) / 100 === x;

  it('coarsens a twin view\'s position until setPreciseLocations, and message batches too', async () => {
    host = new EngineHost({ recordingFile: null, batchMs: 5 });
    const batches: MessageBatch[] = [];
    host.listen('messages', (batch) => batches.push(batch));
    await host.invoke('loadScenario', { file: 'scenarios/commute.yaml', architecture: 'direct', handsOn: false });
    const coarse = await host.invoke('getTwin', { address: 'vehicle/car1/drive' });
    const context = coarse.context as { latitude: number; longitude: number };
    expect(twoDecimals(context.latitude) && twoDecimals(context.longitude)).toBe(true);
    expect(twoDecimals(coarse.signals?.['Vehicle.CurrentLocation.Latitude'])).toBe(true);

    // The speaker sends the car the usual destination (latitude/longitude) right away: step until it is out.
    const destination = (): Record<string, unknown> | undefined => {
      const env = batches.flatMap((b) => b.envelopes).find((e) => e.topic === 'vehicle_navigation/set_destination');
      return (env?.payload as { attributes?: Record<string, unknown> } | undefined)?.attributes;
    };
    for (let i = 0; i < 50; i++) await host.invoke('step', undefined);
    await vi.waitFor(() => expect(destination()).toBeDefined()); // batches go out on the session's timer
    expect(twoDecimals(destination()!['latitude'])).toBe(true);

    expect(await host.invoke('setPreciseLocations', { precise: true })).toEqual({ precise: true });
    const precise = await host.invoke('getTwin', { address: 'vehicle/car1/drive' });
    expect(twoDecimals((precise.context as { latitude: number }).latitude)).toBe(false);
  });
});
