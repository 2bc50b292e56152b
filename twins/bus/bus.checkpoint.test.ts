// Parties on the path refuse at their own hop (BusOptions.checkpoint): the request stops at that node, at the time
// its hop arrived there, failed as `refused`; the node's response travels back along the part of the path the
// request crossed, and the requester gets that response. A request its own source refuses never leaves.
import { describe, expect, it } from 'vitest';
import type { Json } from '../kernel/types';
import type { TransitCheck } from './bus-types';
import type { Envelope } from './envelope';
import { busHarness, hopList } from './test-support/bus-harness';
import { staticTopology } from './topology';

const CAR = 'vehicle/v1';
const LOCK = 'home/h1/lock.front_door';
const unlock = { deviceId: 'lock.front_door', capability: 'lock', command: 'unlock', attributes: {} };
const refusedBy = (node: string): TransitCheck => (at) => (at === node ? { reason: `${node} says no`, response: { success: false, error: `${node} says no` } } : undefined);

function requestUnlock(checkpoint: TransitCheck, architecture: 'cloud-cloud' | 'local' = 'cloud-cloud') {
  const harness = busHarness({ architecture, checkpoint, topology: staticTopology({ phones: { v1: 'u1' }, inLocalRange: () => true }) });
  const lock = harness.endpoint(LOCK);
  harness.endpoint(CAR);
  const answers: { response: Envelope; payload: Json }[] = [];
  const failures: string[] = [];
  const request = harness.bus.request({ source: CAR, destination: LOCK, topic: 'lock/unlock', kind: 'command', payload: unlock }, {
    timeoutMs: 10_000, onResponse: (response, payload) => answers.push({ response, payload }), onFailure: (reason) => failures.push(reason),
  });
  harness.k.clock.runUntilIdle();
  return { ...harness, lock, request, answers, failures };
}

describe('bus: a refusal at a hop', () => {
  it('stops the request at the refusing node, at its hop’s arrival time, and answers from there along the partial path', () => {
    const { request, lock, answers, failures, events } = requestUnlock(refusedBy('home-cloud'));
    expect(hopList(request)).toEqual(['vehicle/v1 → vehicle-cloud [cellular]', 'vehicle-cloud → hub [internet]', 'hub → home-cloud [internet]']);
    expect(request).toMatchObject({ status: 'failed', failure: 'refused', error: 'refused by home-cloud: home-cloud says no', completedAt: 120 });
    expect(request.hops.at(-1)!.deliveredAt).toBe(120);
    expect(lock).toEqual([]);
    expect(failures).toEqual([]);
    expect(answers).toHaveLength(1);
    const { response, payload } = answers[0]!;
    expect(response).toMatchObject({ source: 'home-cloud', destination: CAR, kind: 'response', correlationId: request.id, traceId: request.traceId, createdAt: 120 });
    expect(response.path).toEqual(['home-cloud', 'hub', 'vehicle-cloud', CAR]);
    expect(payload).toEqual({ success: false, error: 'home-cloud says no' });
    expect(events('msg.failed').map((e) => e.data.id)).toEqual([request.id]);
  });

  it('lets the request through when no node refuses it, and asks every node on the way but the destination', () => {
    const asked: string[] = [];
    const { request, lock } = requestUnlock((at) => void asked.push(at));
    expect(request.status).toBe('delivered');
    expect(lock).toHaveLength(1);
    expect(asked).toEqual([CAR, 'vehicle-cloud', 'hub', 'home-cloud', 'home/h1/gateway']);
  });

  it('under local, the gateway one hop from the car refuses and answers over the same near-field link', () => {
    const { request, answers } = requestUnlock(refusedBy('home/h1/gateway'), 'local');
    expect(hopList(request)).toEqual(['vehicle/v1 → home/h1/gateway [near-field]']);
    expect(answers[0]!.response.path).toEqual(['home/h1/gateway', CAR]);
  });

  it('a request its own source refuses never leaves: no hop, and the requester hears of the failure', () => {
    const { request, answers, failures, lock } = requestUnlock(refusedBy(CAR));
    expect(request).toMatchObject({ status: 'failed', failure: 'refused', hops: [] });
    expect(failures).toEqual(['refused by vehicle/v1: vehicle/v1 says no']);
    expect(answers).toEqual([]);
    expect(lock).toEqual([]);
  });

  it('a one-way send refused on the way fails visibly to its sender, with no response', () => {
    const { k, bus, endpoint } = busHarness({ checkpoint: refusedBy('hub') });
    const lock = endpoint(LOCK);
    const failures: string[] = [];
    const env = bus.send({ source: CAR, destination: LOCK, topic: 'lock/unlock', kind: 'command', payload: unlock }, { onFailure: (reason) => failures.push(reason) });
    k.clock.runUntilIdle();
    expect(env).toMatchObject({ status: 'failed', failure: 'refused' });
    expect(failures).toEqual(['refused by hub: hub says no']);
    expect(lock).toEqual([]);
    expect(bus.stats()).toMatchObject({ sent: 1, failed: 1, inFlight: 0 });
  });
});
