import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { sentryMachine, type SentryEmitted } from './sentry.machine';

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(sentryMachine, { clock, input: { vehicleId: 'ev-1', clipDurationMs: 30_000, bytesPerSecond: 1000 } });
  const emitted: SentryEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { clock, actor, emitted };
}

describe('sentry mode', () => {
  it('ignores impacts while disarmed', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'SENTRY.IMPACT_DETECTED', at: 5 });
    expect(actor.getSnapshot().matches('disarmed')).toBe(true);
    expect(emitted).toEqual([]);
  });

  it('alerts with a clip id on an impact, then saves the clip when recording ends', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'SENTRY.ARM' });
    actor.send({ type: 'SENTRY.SCRAPE_DETECTED', at: 1000, zone: 'rear-left' });
    expect(actor.getSnapshot().matches({ armed: 'recording' })).toBe(true);
    expect(emitted).toEqual([
      { type: 'sentry.alert', vehicleId: 'ev-1', at: 1000, detection: 'scrape', zone: 'rear-left', clipId: 'ev-1/sentry-0001' },
    ]);
    clock.increment(30_000);
    expect(actor.getSnapshot().matches({ armed: 'watching' })).toBe(true);
    expect(emitted[1]).toEqual({
      type: 'sentry.clip_saved', vehicleId: 'ev-1', clipId: 'ev-1/sentry-0001', startedAt: 1000, durationMs: 30_000, sizeBytes: 30_000,
    });
  });

  it('reuses the rolling clip for hits during a recording and numbers the next clip', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'SENTRY.ARM' });
    actor.send({ type: 'SENTRY.IMPACT_DETECTED', at: 0 });
    actor.send({ type: 'SENTRY.IMPACT_DETECTED', at: 10_000 });
    clock.increment(30_000);
    actor.send({ type: 'SENTRY.IMPACT_DETECTED', at: 40_000 });
    const alerts = emitted.filter((e) => e.type === 'sentry.alert').map((e) => e.clipId);
    expect(alerts).toEqual(['ev-1/sentry-0001', 'ev-1/sentry-0001', 'ev-1/sentry-0002']);
  });

  it('saves a shortened clip when disarmed mid-recording', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'SENTRY.ARM' });
    actor.send({ type: 'SENTRY.IMPACT_DETECTED', at: 0 });
    clock.increment(12_000);
    actor.send({ type: 'SENTRY.DISARM', at: 12_000 });
    expect(actor.getSnapshot().matches('disarmed')).toBe(true);
    expect(emitted.at(-1)).toMatchObject({ type: 'sentry.clip_saved', durationMs: 12_000, sizeBytes: 12_000 });
    clock.increment(60_000);
    expect(emitted.filter((e) => e.type === 'sentry.clip_saved')).toHaveLength(1);
  });
});
