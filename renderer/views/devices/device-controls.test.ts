import { describe, expect, it } from 'vitest';
import type { Envelope, TwinView } from '../../../protocol';
import { commandOutcome } from './command-outcome';
import { deviceFace, deviceName } from './device-controls';

const view = (kind: string, state: string, context: object = {}, address = `home/h1/${kind}.x`): TwinView => ({ address, kind, state, context: context as never, acceptedEvents: [] });

describe('device cards', () => {
  it('offers the controls that fit the device\'s state, as home-cloud commands', () => {
    expect(deviceFace(view('light', 'off')).controls.map((c) => c.command)).toEqual(['turn_on']);
    expect(deviceFace(view('light', 'on', { brightness: 102 }))).toMatchObject({ headline: 'on · 40 %', active: true });
    expect(deviceFace(view('lock', 'locked')).controls).toEqual([{ label: 'Unlock', command: 'unlock' }]);
    expect(deviceFace(view('lock', 'jammed')).controls).toEqual([]); // nothing to press until the jam clears
    const climate = deviceFace(view('climate', 'cool', { hvacMode: 'cool', targetTemperature: 22, currentTemperature: 25.04 }));
    expect(climate.headline).toBe('cool → 22 °C · room 25.0 °C');
    expect(climate.controls.find((c) => c.command === 'set_temperature' && c.attributes?.temperature === 23)).toBeDefined();
    expect(deviceFace(view('evse', 'charging', { sessionActive: true, lastReportedPowerKw: 7.2, powerLimitKw: 7.2 })).controls[0]?.command).toBe('stop_charging');
    expect(deviceFace(view('alarm_control_panel', 'armed_away')).controls[0]?.command).toBe('alarm_disarm');
    expect(deviceFace(view('binary_sensor', 'on', { deviceClass: 'smoke' }))).toMatchObject({ headline: 'smoke: detected', controls: [] });
    expect(deviceFace(view('storage', 'online')).controls).toEqual([]);
  });

  it('survives a context that is not an object (hostile or missing data)', () => {
    expect(deviceFace({ ...view('climate', 'off'), context: null }).headline).toBe('off');
    expect(deviceFace({ ...view('light', 'on'), context: [1, 2] as never }).headline).toBe('on · 100 %');
  });

  it('names a device from its entity id', () => {
    expect(deviceName('home/h1/light.living_room')).toBe('Living room');
    expect(deviceName('home/h1/evse.wallbox')).toBe('Wallbox');
  });
});

const env = (id: string, kind: Envelope['kind'], status: Envelope['status'], payload: unknown, extra: Partial<Envelope> = {}): Envelope => ({
  id, traceId: 't', spanId: 's', source: 'a', destination: 'b', topic: 'lock/unlock', kind, payload: payload as never, architecture: 'cloud-cloud',
  createdAt: 0, path: [], hops: [], status, ...extra,
});
const logOf = (list: Envelope[]) => ({ get: (id: string) => list.find((m) => m.id === id), trace: () => list });

describe('command outcome', () => {
  it('is pending until the response arrives, then done or refused with the policy\'s words', () => {
    const request = env('m-1', 'command', 'delivered', {});
    expect(commandOutcome(logOf([]), 'm-1')).toEqual({ state: 'pending' });
    expect(commandOutcome(logOf([request]), 'm-1')).toEqual({ state: 'pending' });
    expect(commandOutcome(logOf([request, env('m-2', 'response', 'delivered', { success: true }, { correlationId: 'm-1' })]), 'm-1')).toEqual({ state: 'done' });
    const refusal = env('m-2', 'response', 'delivered', { success: false, error: 'refused (unauthorized): access grant g does not cover home.lock:unlock' }, { correlationId: 'm-1' });
    expect(commandOutcome(logOf([request, refusal]), 'm-1')).toEqual({ state: 'refused', reason: expect.stringContaining('does not cover home.lock:unlock') });
    // Another command's response in the same trace is not this one's answer.
    expect(commandOutcome(logOf([request, env('m-3', 'response', 'delivered', { success: false }, { correlationId: 'm-9' })]), 'm-1')).toEqual({ state: 'pending' });
  });

  it('reports a command refused at a checking party\'s hop as refused, not lost', () => {
    const stopped = env('m-1', 'command', 'failed', {}, { failure: 'refused', error: 'refused (unauthorized): access grant g does not cover home.lock:unlock' });
    expect(commandOutcome(logOf([stopped]), 'm-1')).toEqual({ state: 'refused', reason: expect.stringContaining('does not cover home.lock:unlock') });
  });

  it('reports a command lost on its way with the reason', () => {
    expect(commandOutcome(logOf([env('m-1', 'command', 'failed', {}, { error: 'timed out after 10 s' })]), 'm-1')).toEqual({ state: 'failed', reason: 'timed out after 10 s' });
  });
});
