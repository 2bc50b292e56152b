// Lanes and filters of the flow view: an address must land in the right party, or a cloud-to-cloud path would
// be drawn through the wrong lanes and the "failed only" / party filters would hide the wrong messages.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol';
import { NO_FILTER, endToEndMs, matchesFilter, partiesOf, partyOf } from './parties';

const envelope = (over: Partial<Envelope>): Envelope => ({
  id: 'm-1', traceId: 't', spanId: 's', source: 'vehicle/car1', destination: 'home/h1/lock.front_door', topic: 'lock/unlock', kind: 'command',
  payload: null, architecture: 'cloud-cloud', createdAt: 100, path: ['vehicle/car1', 'vehicle-cloud', 'hub', 'home-cloud', 'home/h1/gateway', 'home/h1/lock.front_door'],
  hops: [], status: 'delivered', completedAt: 180, ...over,
});

describe('parties', () => {
  it('puts each address in its lane', () => {
    expect(['vehicle/car1', 'phone/alice', 'vehicle-cloud', 'hub', 'home-cloud', 'home/h1/gateway', 'local/h1', 'home/h1/lock.front_door', 'home/h1/matter-controller'].map(partyOf))
      .toEqual(['car', 'phone', 'vehicle cloud', 'hub', 'home cloud', 'gateway', 'gateway', 'devices', 'home controller']);
  });

  it("puts a brand's own cloud in its kind's lane (many brands), and nothing that merely looks like one", () => {
    expect(['vehicle-cloud/volta', 'home-cloud/thermia', 'home/vehicle-cloud/x'].map(partyOf)).toEqual(['vehicle cloud', 'home cloud', 'devices']);
  });

  it('shows an OCPP CSMS in the home cloud lane, so a wallbox\'s CALLs read right to left', () => {
    expect(partyOf('csms')).toBe('home cloud');
    expect(partiesOf(envelope({ path: ['home/h1/evse.wallbox', 'csms'] }))).toEqual(new Set(['devices', 'home cloud']));
  });

  it('filters by party along the path, topic, kind and failure', () => {
    const unlock = envelope({});
    expect(matchesFilter(unlock, { ...NO_FILTER, party: 'hub' })).toBe(true);
    expect(matchesFilter(unlock, { ...NO_FILTER, party: 'phone' })).toBe(false);
    expect(matchesFilter(unlock, { ...NO_FILTER, topic: 'UNLOCK' })).toBe(true);
    expect(matchesFilter(unlock, { ...NO_FILTER, kind: 'event' })).toBe(false);
    expect(matchesFilter(unlock, { ...NO_FILTER, failedOnly: true })).toBe(false);
    expect(matchesFilter(envelope({ status: 'failed' }), { ...NO_FILTER, failedOnly: true })).toBe(true);
    expect(endToEndMs(unlock)).toBe(80);
    expect(endToEndMs(envelope({ completedAt: undefined, status: 'in-flight' }))).toBeUndefined();
  });
});
