import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../twins/bus/envelope';
import { topicMatches } from '../../twins/bus/topics';
import { TopicScheme, addressLevel, levelAddress } from './topics';

describe('topic scheme v1', () => {
  const topics = new TopicScheme();

  it('keeps a twin’s address as its topic path', () => {
    expect(topics.twin('home/h1/lock.front_door', 'state')).toBe('twinbench/v1/home/h1/lock.front_door/state');
    expect(topics.twin('vehicle/car1', 'state')).toBe('twinbench/v1/vehicle/car1/state');
    expect(topics.command('home/h1/light.living_room', 'brightness')).toBe('twinbench/v1/home/h1/light.living_room/command/brightness');
    expect(topics.status()).toBe('twinbench/v1/status');
  });

  it('parses exactly the device command topics its filters match', () => {
    const cases: [string, ReturnType<TopicScheme['parseCommand']>][] = [
      ['twinbench/v1/home/h1/light.living_room/command', { address: 'home/h1/light.living_room' }],
      ['twinbench/v1/home/h1/light.living_room/command/brightness', { address: 'home/h1/light.living_room', attribute: 'brightness' }],
      ['twinbench/v1/home/h1/light.living_room/state', undefined],
      ['twinbench/v1/vehicle/car1/command', undefined],
      ['other/v1/home/h1/light.living_room/command', undefined],
    ];
    for (const [topic, parsed] of cases) {
      expect(topics.parseCommand(topic)).toEqual(parsed);
      expect(topics.commandFilters().some((f) => topicMatches(f, topic))).toBe(parsed !== undefined);
    }
  });

  it('puts each envelope address in one level, so + filters by party', () => {
    const env = { architecture: 'cloud-cloud', source: 'vehicle/car1', destination: 'home/h1/lock.front_door' } as Envelope;
    const topic = topics.envelope(env, 'failed');
    expect(topic).toBe('twinbench/v1/bus/cloud-cloud/vehicle:car1/home:h1:lock.front_door/failed');
    expect(topicMatches('twinbench/v1/bus/+/+/home:h1:lock.front_door/+', topic)).toBe(true);
    expect(topicMatches('twinbench/v1/bus/+/+/+/failed', topic)).toBe(true);
    expect(levelAddress(addressLevel('home/h1/lock.front_door'))).toBe('home/h1/lock.front_door');
  });

  it('refuses roots that would break the scheme', () => {
    expect(() => new TopicScheme('lab/+/v1')).toThrow(/wildcards/);
    expect(() => new TopicScheme('lab/')).toThrow(/not end with/);
    expect(new TopicScheme('lab/bench-7/twinbench/v1').status()).toBe('lab/bench-7/twinbench/v1/status');
  });
});
