import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel/event-log';
import { FlowMetricsCollector } from './flow-metrics';

let seq = 0;
const ev = (t: number, type: string, data: Record<string, unknown>): SimEvent => ({ seq: ++seq, t, type, source: 'vehicle/car1', data } as unknown as SimEvent);

describe('flow metrics', () => {
  it('reads a stream\'s first frame, stalls and rebuffer ratio, and a transfer\'s completion time', () => {
    const c = new FlowMetricsCollector();
    c.observe(ev(0, 'flow.started', { flow: 'cam', kind: 'stream', from: 'home/h1/camera.front_door', to: 'vehicle/car1', links: ['lan', 'cellular'], bitrateKbps: 2000 }));
    c.observe(ev(500, 'flow.first_frame', { flow: 'cam', ttffMs: 500 }));
    c.observe(ev(900, 'flow.stalled', { flow: 'cam', stall: 1 }));
    c.observe(ev(9000, 'flow.ended', { flow: 'cam', reason: 'duration', ttffMs: 500, playedMs: 8000, stalls: 1, stalledMs: 500, rebufferRatio: 0.059, throughputKbps: 1900, bytes: 1 }));
    c.observe(ev(0, 'flow.started', { flow: 'clip', kind: 'transfer', from: 'vehicle/car1', to: 'home/h1/storage.nas', links: ['near-field', 'lan'], sizeBytes: 1000 }));
    c.observe(ev(32_000, 'flow.completed', { flow: 'clip', ms: 32_000, bytes: 1000, throughputKbps: 50_000 }));
    expect(c.named()).toEqual({
      'flow.cam.ttff_ms': 500, 'flow.cam.stalls': 1, 'flow.cam.stalled_ms': 500, 'flow.cam.rebuffer_ratio': 0.059, 'flow.cam.throughput_kbps': 1900, 'flow.cam.failed': 0,
      'flow.clip.completion_ms': 32_000, 'flow.clip.throughput_kbps': 50_000, 'flow.clip.failed': 0,
      'flows.count': 2, 'flows.failed': 0, 'flows.stalls': 1, 'flows.rebuffer_ratio.max': 0.059, 'flows.ttff_ms.max': 500,
    });
    expect(c.list()[1]).toMatchObject({ id: 'clip', outcome: 'completed', completionMs: 32_000, links: ['near-field', 'lan'] });
  });

  it('gives a stream that never showed a frame no "no stalls" and no first frame to pass on', () => {
    const c = new FlowMetricsCollector();
    c.observe(ev(0, 'flow.failed', { flow: 'call', kind: 'stream', from: 'vehicle/car1', to: 'home/h1/screen.central_panel', reason: 'declined', bytes: 0 }));
    const named = c.named();
    expect(named['flow.call.stalls']).toBeUndefined();
    expect(named['flow.call.ttff_ms']).toBeUndefined();
    expect(named).toMatchObject({ 'flow.call.failed': 1, 'flow.call.rebuffer_ratio': 1, 'flows.failed': 1, 'flows.rebuffer_ratio.max': 1 });
    expect(c.list()[0]).toMatchObject({ outcome: 'failed', reason: 'declined' });
  });

  it('has no flow metric at all in a run without flows', () => {
    expect(new FlowMetricsCollector().named()).toEqual({});
  });
});
