// A request waits for exactly one of: its response, a failure, or its timeout. Whichever comes first settles it;
// the others find nothing, and a settled request's timeout never fires. refusingNode names the first node or
// interface along a hop that refuses traffic, in the order a message meets them.
import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import type { Envelope } from './envelope';
import { refusingNode } from './flight';
import type { NodeCondition } from './nodes';
import { PendingRequests } from './pending-requests';
import type { HopPlan } from './routes';

const envelope = (id: string) => ({ id }) as unknown as Envelope;

function requests() {
  const kernel = createKernel({ seed: 1 });
  const pending = new PendingRequests(kernel.scheduler);
  const timedOut: string[] = [];
  const launch = (id: string, timeoutMs = 1_000) => {
    const p = pending.create({ timeoutMs, onResponse: () => {}, onFailure: () => {} });
    pending.watch(p, envelope(id), (x) => {
      timedOut.push(x.request.id);
      pending.expire(x);
    });
    return p;
  };
  return { kernel, pending, timedOut, launch };
}

describe('pending requests', () => {
  it('time out after exactly their timeout when nothing settles them, and then wait no more', () => {
    const { kernel, pending, timedOut, launch } = requests();
    const p = launch('r1', 1_000);
    expect(pending.isWaiting(p)).toBe(true);
    kernel.clock.runUntil(999);
    expect(timedOut).toEqual([]);
    kernel.clock.runUntil(1_000);
    expect(timedOut).toEqual(['r1']);
    expect(pending.isWaiting(p)).toBe(false);
    expect(pending.settle('r1')).toBeUndefined();
  });

  it('settle once: the response takes the request, cancels its timeout, and a second settle finds nothing', () => {
    const { kernel, pending, timedOut, launch } = requests();
    const p = launch('r1');
    const other = launch('r2');
    expect(pending.settle('r1')).toBe(p);
    expect(pending.isWaiting(p)).toBe(false);
    expect(pending.isWaiting(other)).toBe(true);
    expect(pending.settle('r1')).toBeUndefined();
    expect(pending.settle('nobody')).toBeUndefined();
    kernel.clock.runUntil(5_000);
    expect(timedOut).toEqual(['r2']);
  });

  it('keep the options they were created with', () => {
    const { pending } = requests();
    const onResponse = (): void => {};
    const p = pending.create({ timeoutMs: 250, onResponse, onFailure: () => {} });
    expect(p.timeoutMs).toBe(250);
    expect(p.onResponse).toBe(onResponse);
    expect(p.timer).toBeUndefined();
  });
});

describe('refusingNode', () => {
  const node = (refusal: string | null): NodeCondition => ({ refusal, refusalCode: 'node_offline', processingMs: 0, extraLatencyMs: 0 }) as unknown as NodeCondition;
  const plan = (parts: Partial<Record<'fromNode' | 'fromInterface' | 'toInterface' | 'toNode', NodeCondition>>) =>
    ({ from: 'a', to: 'b', fromNode: undefined, fromInterface: undefined, toInterface: undefined, toNode: undefined, ...parts }) as unknown as HopPlan;

  it('is nothing when every part passes traffic or is absent', () => {
    expect(refusingNode(plan({}))).toBeUndefined();
    expect(refusingNode(plan({ fromNode: node(null), fromInterface: node(null), toInterface: node(null), toNode: node(null) }))).toBeUndefined();
  });

  it('is the first refusing part in the order a message meets them', () => {
    const parts = { fromNode: node('sender down'), fromInterface: node('uplink down'), toInterface: node('downlink down'), toNode: node('receiver down') };
    expect(refusingNode(plan(parts))?.refusal).toBe('sender down');
    expect(refusingNode(plan({ ...parts, fromNode: node(null) }))?.refusal).toBe('uplink down');
    expect(refusingNode(plan({ ...parts, fromNode: node(null), fromInterface: node(null) }))?.refusal).toBe('downlink down');
    expect(refusingNode(plan({ toNode: node('receiver down') }))?.refusal).toBe('receiver down');
    expect(refusingNode(plan({ toInterface: node(null), toNode: node('receiver down') }))?.refusal).toBe('receiver down');
  });
});
