import { describe, expect, it } from 'vitest';
import { FleetPlanError, homeOfVehicle, isSimulatedHere, parseBrokers, parseDuration, parseMqttVersion, parseShard, shardMembers, vehicleOfHome } from './fleet-plan';

describe('fleet plan: sharding', () => {
  it('one shard simulates everybody, with deterministic ids and client k on broker k mod n', () => {
    const members = shardMembers({ vehicles: 3, homes: 2, brokers: ['mqtt://a', 'mqtt://b'], shard: { index: 1, total: 1 } });
    expect(members.map((m) => [m.clientId, m.broker])).toEqual([
      ['tb-fleet-vehicle-000000', 'mqtt://a'], ['tb-fleet-vehicle-000001', 'mqtt://b'], ['tb-fleet-vehicle-000002', 'mqtt://a'],
      ['tb-fleet-home-000000', 'mqtt://b'], ['tb-fleet-home-000001', 'mqtt://a'],
    ]);
  });

  it('n shards partition cars and homes: each exactly once', () => {
    const n = 3;
    const all = [1, 2, 3].flatMap((index) => shardMembers({ vehicles: 10, homes: 7, brokers: ['mqtt://a'], shard: { index, total: n } }).map((m) => m.id));
    expect(all).toHaveLength(17);
    expect(new Set(all).size).toBe(17);
  });

  it('with n dividing M, every car\'s home is simulated by another shard (every command crosses)', () => {
    for (const n of [2, 3, 4]) {
      const homes = 12;
      for (let car = 0; car < 40; car++) {
        const carShard = [...Array(n).keys()].map((i) => i + 1).find((k) => isSimulatedHere('vehicle', car, { index: k, total: n }))!;
        expect(isSimulatedHere('home', homeOfVehicle(car, homes), { index: carShard, total: n }), `car ${car}, ${n} shards`).toBe(false);
      }
    }
  });

  it('a home commands a car of its own household, never one beyond the fleet', () => {
    for (const draw of [0, 0.3, 0.999]) {
      const car = vehicleOfHome(2, 10, 3, draw)!;
      expect(car % 3).toBe(2);
      expect(car).toBeLessThan(10);
    }
    expect(vehicleOfHome(5, 3, 6, 0.5)).toBeUndefined();
  });
});

describe('fleet plan: bounds', () => {
  it.each(['0/1', '2/1', '1/0', 'a/b', '1/2/3', '', '1/100000', ' / '])('refuses the shard "%s"', (text) => {
    expect(() => parseShard(text)).toThrow(FleetPlanError);
  });
  it('accepts a shard k/n', () => expect(parseShard('3/4')).toEqual({ index: 3, total: 4 }));

  it.each(['http://h', 'tcp://h:1883', 'file:///etc/passwd', 'javascript:alert(1)', 'mqtt://', '', 'h:1883'])('refuses the broker "%s"', (url) => {
    expect(() => parseBrokers(url)).toThrow(/--broker/);
  });
  it('accepts every MQTT scheme', () => expect(parseBrokers('mqtt://a:1,mqtts://b,ws://c/mqtt,wss://d/mqtt')).toHaveLength(4));

  it.each(['0', '-1', '24h1s', '86401', '1d', 'NaN', 'Infinity', '1e3'])('refuses the duration "%s"', (text) => {
    expect(() => parseDuration(text)).toThrow(/--duration/);
  });
  it('reads durations with units', () => {
    expect([parseDuration('90'), parseDuration('90s'), parseDuration('5m'), parseDuration('24h'), parseDuration('500ms')]).toEqual([90, 90, 300, 86_400, 0.5]);
  });

  it('knows MQTT 3.1.1 and 5 only', () => {
    expect([parseMqttVersion('3.1.1'), parseMqttVersion('5')]).toEqual([4, 5]);
    expect(() => parseMqttVersion('3.1')).toThrow(/--mqtt-version/);
  });
});
