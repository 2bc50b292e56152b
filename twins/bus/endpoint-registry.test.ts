// The bus's registry on its own: who receives a message (external party before endpoint), which hops leave the
// simulation, and which subscribers observe a delivery — without carrying a single message.
import { describe, expect, it } from 'vitest';
import type { EndpointHandler, ExternalParty } from './bus-types';
import { EndpointRegistry } from './endpoint-registry';
import type { Envelope } from './envelope';

const party = (deliver: EndpointHandler = () => {}): ExternalParty => ({ carry: () => {}, deliver });
const envelopeOn = (topic: string): Envelope => ({ topic }) as Envelope;

describe('EndpointRegistry', () => {
  it('finds the endpoint at an address, and nobody once it is unregistered', () => {
    const r = new EndpointRegistry();
    const handler: EndpointHandler = () => {};
    const unregister = r.register('home/h1/lock', handler);
    expect(r.receiverOf('home/h1/lock')).toBe(handler);
    expect(r.receiverOf('home/h1/light')).toBeUndefined();
    unregister();
    expect(r.receiverOf('home/h1/lock')).toBeUndefined();
  });

  it('refuses a second endpoint at an address, and a stale unregister does not remove its successor', () => {
    const r = new EndpointRegistry();
    const unregisterFirst = r.register('a', () => {});
    expect(() => r.register('a', () => {})).toThrow(/a already has an endpoint; unregister it first/);
    unregisterFirst();
    const second: EndpointHandler = () => {};
    r.register('a', second);
    unregisterFirst();
    expect(r.receiverOf('a')).toBe(second);
  });

  it('an external party takes precedence over the endpoint at its address, until it is brought back inside', () => {
    const r = new EndpointRegistry();
    const local: EndpointHandler = () => {};
    const remote: EndpointHandler = () => {};
    const outside = party(remote);
    r.register('hub', local);
    expect(r.externalAt('hub')).toBeUndefined();
    const inside = r.externalize('hub', outside);
    expect(() => r.externalize('hub', party())).toThrow(/hub is already external/);
    expect(r.externalAt('hub')).toBe(outside);
    expect(r.externalAt('other')).toBeUndefined();
    expect(r.receiverOf('hub')).toBe(remote);
    inside();
    expect(r.externalAt('hub')).toBeUndefined();
    expect(r.receiverOf('hub')).toBe(local);
  });

  it('hands a delivery to the matching subscribers in subscription order, and to none after they leave', () => {
    const r = new EndpointRegistry();
    const seen: string[] = [];
    const leave = r.subscribe('home/+/lock/#', (env) => void seen.push(`first ${env.topic}`));
    r.subscribe('home/#', (env) => void seen.push(`second ${env.topic}`));
    r.subscribe('vehicle/#', (env) => void seen.push(`never ${env.topic}`));
    r.notifySubscribers(envelopeOn('home/h1/lock/state'), null);
    leave();
    r.notifySubscribers(envelopeOn('home/h1/lock/state'), null);
    expect(seen).toEqual(['first home/h1/lock/state', 'second home/h1/lock/state', 'second home/h1/lock/state']);
  });

  it('rejects a malformed topic filter at subscribe time', () => {
    expect(() => new EndpointRegistry().subscribe('home/#/lock', () => {})).toThrow(/'#' must be the last level/);
  });
});
