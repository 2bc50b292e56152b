import { describe, expect, it } from 'vitest';
import { SubscriptionIndex, topicMatches } from './topics';

describe('topicMatches (MQTT filters)', () => {
  it.each([
    ['home/h1/climate', 'home/h1/climate', true],
    ['home/+/climate', 'home/h1/climate', true],
    ['home/+/climate', 'home/h1/light', false],
    ['home/+', 'home/h1/climate', false],
    ['home/#', 'home/h1/climate', true],
    ['home/#', 'home', true],
    ['#', 'vehicle/v1/status', true],
    ['+/+/status', 'vehicle/v1/status', true],
    ['vehicle/v1', 'vehicle/v1/status', false],
  ])('%s vs %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

describe('SubscriptionIndex', () => {
  it('returns matching handlers in subscription order and forgets unsubscribed ones', () => {
    const index = new SubscriptionIndex<string>();
    index.add('home/#', 'all-home');
    const off = index.add('home/+/climate', 'climate');
    index.add('vehicle/#', 'vehicle');
    expect(index.match('home/h1/climate')).toEqual(['all-home', 'climate']);
    off();
    expect(index.match('home/h1/climate')).toEqual(['all-home']);
  });

  it('rejects filters MQTT would reject', () => {
    const index = new SubscriptionIndex<string>();
    expect(() => index.add('home/#/climate', 'x')).toThrow(/must be the last level/);
    expect(() => index.add('home/h+', 'x')).toThrow(/stand alone/);
  });
});
