// What a device card says about a window, a sensor, a room and a lock — and when it warns.
import { describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../protocol';
import { describeReading } from './HouseholdDevices';

const reading = (over: Partial<DeviceReading>): DeviceReading => ({ address: 'home/h1/x', kind: 'cover', name: 'X', state: 'closed', ...over });

describe('describeReading', () => {
  it('warns about an open window, not an open curtain', () => {
    expect(describeReading(reading({ deviceClass: 'window', state: 'open', position: 100 }))).toEqual({ text: 'open (100 %)', alert: true });
    expect(describeReading(reading({ deviceClass: 'window', state: 'closing', position: 40 }))).toEqual({ text: 'closing (40 %)', alert: true });
    expect(describeReading(reading({ deviceClass: 'window', state: 'closed', position: 0 }))).toEqual({ text: 'closed (0 %)', alert: false });
    expect(describeReading(reading({ deviceClass: 'curtain', state: 'open' })).alert).toBe(false);
  });

  it('names what a sensor detected, and says clear otherwise', () => {
    expect(describeReading(reading({ kind: 'binary_sensor', deviceClass: 'moisture', state: 'on' }))).toEqual({ text: 'LEAK', alert: true });
    expect(describeReading(reading({ kind: 'binary_sensor', deviceClass: 'smoke', state: 'on' }))).toEqual({ text: 'SMOKE', alert: true });
    expect(describeReading(reading({ kind: 'binary_sensor', deviceClass: 'smoke', state: 'off' }))).toEqual({ text: 'clear', alert: false });
    expect(describeReading(reading({ kind: 'binary_sensor', deviceClass: 'door', state: 'on' }))).toEqual({ text: 'OPEN', alert: true });
    expect(describeReading(reading({ kind: 'binary_sensor', deviceClass: 'door', state: 'off' }))).toEqual({ text: 'closed', alert: false });
    expect(describeReading(reading({ kind: 'binary_sensor', state: 'on' }))).toEqual({ text: 'DETECTED', alert: true });
  });

  it('gives a room\'s temperature and target, and a lock that is not locked as a warning', () => {
    expect(describeReading(reading({ kind: 'climate', state: 'cool', temperature: 26.04, targetTemperature: 24 }))).toEqual({ text: '26.0 °C → 24 °C · cool', alert: false });
    expect(describeReading(reading({ kind: 'climate', state: 'off' })).text).toBe('— · off');
    expect(describeReading(reading({ kind: 'lock', state: 'unlocked' })).alert).toBe(true);
    expect(describeReading(reading({ kind: 'lock', state: 'locked' })).alert).toBe(false);
    expect(describeReading(reading({ kind: 'alarm_control_panel', state: 'triggered' })).alert).toBe(true);
  });
});
