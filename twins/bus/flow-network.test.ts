import { describe, expect, it } from 'vitest';
import { createKernel, type SimEvent } from '../kernel';
import { FlowNetwork } from './flow-network';

const CAR_TO_CLOUD = ['vehicle/car1', 'vehicle-cloud'];
const CLOUD_TO_CAR = ['vehicle-cloud', 'vehicle/car1'];

function setup(capacities = {}) {
  const kernel = createKernel({ seed: 1 });
  const events: SimEvent[] = [];
  kernel.events.onEvent((e) => events.push(e));
  const flows = new FlowNetwork(kernel, capacities);
  // Rows typed loosely on purpose: each test reads the keys of the event type it asked for.
  type Row = { t: number; flow: string; ttffMs: number; rebufferRatio: number; throughputKbps: number };
  const of = (type: string) => events.filter((e) => e.type === type).map((e) => ({ t: e.t, ...e.data }) as unknown as Row);
  return { kernel, flows, of };
}

describe('FlowNetwork transfers', () => {
  it('completes a transfer at size / capacity (8 Mbit over a 5 Mbit/s uplink: 1.6 s)', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'clip', kind: 'transfer', from: 'vehicle/car1', to: 'vehicle-cloud', sizeBytes: 1_000_000 }, CAR_TO_CLOUD, ['cellular']);
    kernel.clock.runUntilIdle();
    expect(of('flow.completed')).toEqual([{ t: 1600, flow: 'clip', ms: 1600, bytes: 1_000_000, throughputKbps: 5000 }]);
  });

  it('shares the uplink between two transfers and speeds the second up when the first ends', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'a', kind: 'transfer', from: 'vehicle/car1', to: 'vehicle-cloud', sizeBytes: 625_000 }, CAR_TO_CLOUD, ['cellular']); // 5 Mbit
    flows.start({ id: 'b', kind: 'transfer', from: 'vehicle/car1', to: 'vehicle-cloud', sizeBytes: 1_250_000 }, CAR_TO_CLOUD, ['cellular']); // 10 Mbit
    kernel.clock.runUntilIdle();
    // Both at 2.5 Mbit/s: a done at 2 s (b has 5 Mbit), then b alone at 5 Mbit/s: 1 s more.
    expect(of('flow.completed').map((e) => [e.flow, e.t])).toEqual([['a', 2000], ['b', 3000]]);
  });

  it('does not let a download slow an upload (each direction is its own resource)', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'up', kind: 'transfer', from: 'vehicle/car1', to: 'vehicle-cloud', sizeBytes: 625_000 }, CAR_TO_CLOUD, ['cellular']);
    flows.start({ id: 'down', kind: 'transfer', from: 'vehicle-cloud', to: 'vehicle/car1', sizeBytes: 2_500_000 }, CLOUD_TO_CAR, ['cellular']);
    kernel.clock.runUntilIdle();
    expect(of('flow.completed').map((e) => [e.flow, e.t])).toEqual([['up', 1000], ['down', 1000]]);
  });

  it('fails an abandoned transfer with the bytes it got, and refuses a second flow with the same id', () => {
    const { kernel, flows, of } = setup();
    const spec = { id: 'x', kind: 'transfer' as const, from: 'vehicle/car1', to: 'vehicle-cloud', sizeBytes: 10_000_000 };
    flows.start(spec, CAR_TO_CLOUD, ['cellular']);
    expect(() => flows.start(spec, CAR_TO_CLOUD, ['cellular'])).toThrow(/already running/);
    kernel.clock.runUntil(1000);
    flows.stop('x', 'out of local range');
    expect(of('flow.failed')).toEqual([{ t: 1000, flow: 'x', kind: 'transfer', from: 'vehicle/car1', to: 'vehicle-cloud', reason: 'out of local range', bytes: 625_000 }]);
    expect(of('flow.completed')).toEqual([]);
  });
});

describe('FlowNetwork streams', () => {
  it('shows the first frame once the start-up buffer is in and plays without stalls when the link suffices', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'cam', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 2000, startupMs: 500, durationMs: 10_000 }, CLOUD_TO_CAR, ['cellular']);
    kernel.clock.runUntilIdle();
    expect(of('flow.first_frame')).toEqual([{ t: 500, flow: 'cam', ttffMs: 500 }]);
    expect(of('flow.stalled')).toEqual([]);
    expect(of('flow.ended')).toEqual([expect.objectContaining({ t: 10_000, stalls: 0, rebufferRatio: 0, throughputKbps: 2000, ttffMs: 500 })]);
  });

  it('stalls when the link is too slow for the bitrate, and reports the rebuffer ratio', () => {
    // 1.5 Mbit/s down for a 2 Mbit/s stream: each 500 ms of buffer takes 667 ms to fill and 2 s to drain.
    const { kernel, flows, of } = setup({ cellular: { downKbps: 1500 } });
    flows.start({ id: 'film', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 2000, startupMs: 500, durationMs: 10_000 }, CLOUD_TO_CAR, ['cellular']);
    kernel.clock.runUntilIdle();
    expect(of('flow.first_frame')[0]!.ttffMs).toBeCloseTo(666.667, 2);
    expect(of('flow.stalled').length).toBeGreaterThanOrEqual(3);
    const ended = of('flow.ended')[0]!;
    expect(ended.rebufferRatio).toBeGreaterThan(0.2);
    expect(ended.throughputKbps).toBeCloseTo(1500, 0);
  });

  it('recovers when a degraded link comes back', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'cam', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 2000, durationMs: 20_000 }, CLOUD_TO_CAR, ['cellular']);
    kernel.clock.runUntil(2000);
    flows.setCapacity('cellular/vehicle/car1', { downKbps: 500 });
    kernel.clock.runUntil(8000);
    flows.setCapacity('cellular/vehicle/car1', { downKbps: 20_000 });
    kernel.clock.runUntilIdle();
    expect(of('flow.stalled').length).toBeGreaterThan(0);
    expect(of('flow.resumed').at(-1)!.t).toBeLessThan(8500);
  });

  it('never shows a frame over a dead link: ttff is null and the whole wait counts as rebuffering', () => {
    const { kernel, flows, of } = setup({ cellular: { downKbps: 0 } });
    flows.start({ id: 'cam', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 2000, durationMs: 5000 }, CLOUD_TO_CAR, ['cellular']);
    kernel.clock.runUntilIdle();
    expect(of('flow.ended')).toEqual([expect.objectContaining({ t: 5000, ttffMs: null, rebufferRatio: 1, bytes: 0 })]);
  });

  it('gives the same events twice from the same start (determinism)', () => {
    const run = () => {
      const { kernel, flows } = setup({ cellular: { downKbps: 1700 } });
      flows.start({ id: 'a', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 1000, durationMs: 30_000 }, CLOUD_TO_CAR, ['cellular']);
      flows.start({ id: 'b', kind: 'transfer', from: 'vehicle-cloud', to: 'vehicle/car1', sizeBytes: 3_000_000 }, CLOUD_TO_CAR, ['cellular']);
      kernel.clock.runUntilIdle();
      return kernel.events.lines().join('\n');
    };
    expect(run()).toBe(run());
  });

  it('shows the first frame only after the path\'s one-way latency, and completes a transfer that much later', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'cam', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 2000, startupMs: 500, durationMs: 5000 }, CLOUD_TO_CAR, ['cellular'], 60);
    flows.start({ id: 'clip', kind: 'transfer', from: 'vehicle/car1', to: 'vehicle-cloud', sizeBytes: 1_000_000 }, CAR_TO_CLOUD, ['cellular'], 60);
    kernel.clock.runUntilIdle();
    expect(of('flow.first_frame')).toEqual([{ t: 560, flow: 'cam', ttffMs: 560 }]);
    expect(of('flow.completed')[0]).toMatchObject({ t: 1660, ms: 1660 });
  });

  it('stalls a stream through a link outage and resumes it after', () => {
    const { kernel, flows, of } = setup();
    flows.start({ id: 'cam', kind: 'stream', from: 'vehicle-cloud', to: 'vehicle/car1', bitrateKbps: 2000, durationMs: 20_000 }, CLOUD_TO_CAR, ['cellular']);
    kernel.clock.runUntil(3000);
    flows.blackout('cellular', 5000);
    flows.blackout('lan', 1000); // another link type: no effect on this flow
    kernel.clock.runUntilIdle();
    // The 500 ms buffer runs dry at 3.5 s; the link is back at 8 s, and the buffer refills by 8.5 s.
    expect(of('flow.stalled').map((e) => e.t)).toEqual([3500]);
    expect(of('flow.resumed')).toEqual([{ t: 8500, flow: 'cam', stalledMs: 5000 }]);
  });
});
