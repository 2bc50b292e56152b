import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../protocol';
import { MessageLog } from '../../state/message-log';
import { HISTORY_PER_TOPIC, TopicIndex, topicHistory, topicPathOf } from './topic-index';

let n = 0;
const msg = (kind: Envelope['kind'], source: string, destination: string, topic: string, payload: unknown = {}): Envelope => {
  n++;
  return {
    id: `m-${n}`, traceId: `t${n}`, spanId: 's', source, destination, topic, kind, payload: payload as never, architecture: 'cloud-cloud',
    createdAt: n, path: [source, destination], hops: [], status: 'delivered',
  };
};

describe('topic tree', () => {
  it('files a command under its destination and an answer or event under its source', () => {
    expect(topicPathOf(msg('command', 'home-cloud', 'home/h1/evse.wallbox', 'evse/set_power_limit'))).toEqual(['home', 'h1', 'evse.wallbox', 'evse', 'set_power_limit']);
    expect(topicPathOf(msg('response', 'home/h1/evse.wallbox', 'home-cloud', 'evse/set_power_limit'))).toEqual(['home', 'h1', 'evse.wallbox', 'evse', 'set_power_limit']);
    expect(topicPathOf(msg('event', 'vehicle/car1', 'vehicle-cloud', 'telemetry//'))).toEqual(['vehicle', 'car1', 'telemetry']);
  });

  it('counts per topic and per branch, incrementally, and starts over with a new run', () => {
    const log = new MessageLog();
    const index = new TopicIndex(log);
    log.apply({ envelopes: [msg('command', 'hc', 'home/h1/light.hall', 'light/turn_on'), msg('command', 'hc', 'home/h1/light.hall', 'light/turn_on')], total: 2, reset: true });
    expect(index.update()).toBe(true);
    log.apply({ envelopes: [msg('command', 'hc', 'home/h1/lock.front', 'lock/unlock')], total: 3, reset: false });
    index.update();
    expect(index.update()).toBe(false); // nothing new: nothing refiled
    expect(index.get('home')?.total).toBe(3);
    expect(index.get('home/h1/light.hall/light/turn_on')).toMatchObject({ count: 2, total: 2 });
    expect(index.get('home/h1/lock.front')).toMatchObject({ count: 0, total: 1 });
    expect(index.root.total).toBe(3);

    log.apply({ envelopes: [msg('event', 'vehicle/car1', 'vc', 'state')], total: 1, reset: true });
    index.update();
    expect(index.get('home')).toBeUndefined();
    expect(index.root.total).toBe(1);
  });

  it('keeps a bounded history per topic and reads each message in its latest state', () => {
    const log = new MessageLog();
    const index = new TopicIndex(log);
    const list = Array.from({ length: HISTORY_PER_TOPIC * 3 }, (_, i) => msg('event', 'home/h1/meter', 'hc', 'power', { kw: i }));
    log.apply({ envelopes: list, total: list.length, reset: true });
    index.update();
    const topic = index.get('home/h1/meter/power')!;
    expect(topic.count).toBe(HISTORY_PER_TOPIC * 3);
    const history = topicHistory(topic, log);
    expect(history).toHaveLength(HISTORY_PER_TOPIC);
    expect(history.at(-1)?.payload).toEqual({ kw: HISTORY_PER_TOPIC * 3 - 1 });
    log.apply({ envelopes: [{ ...list.at(-1)!, status: 'failed' }], total: list.length, reset: false });
    expect(topicHistory(topic, log).at(-1)?.status).toBe('failed');
  });
});
