import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { hubMachine, HUB_PROCESSING_MS } from './hub.machine';
import { HOME_CLOUD_PROCESSING_MS } from './home-cloud.machine';
import { VEHICLE_CLOUD_PROCESSING_MS } from './vehicle-cloud.machine';

function start() {
  const clock = new SimulatedClock();
  return { clock, actor: createActor(hubMachine, { clock, input: { address: 'hub' } }).start() };
}

describe('hub', () => {
  it('is the slowest gateway: protocol translation costs more than forwarding', () => {
    expect(HUB_PROCESSING_MS).toBeGreaterThan(Math.max(VEHICLE_CLOUD_PROCESSING_MS, HOME_CLOUD_PROCESSING_MS));
    expect(start().actor.getSnapshot().context.processingMs).toBe(HUB_PROCESSING_MS);
  });

  it('drifts out of schema sync until synced, or for the given duration', () => {
    const { actor, clock } = start();
    actor.send({ type: 'HUB.SCHEMA_DRIFT' });
    clock.increment(1_000_000);
    expect(actor.getSnapshot().value).toEqual({ health: 'online', schema: 'drifted' });
    actor.send({ type: 'HUB.SCHEMA_SYNC' });
    expect(actor.getSnapshot().value).toMatchObject({ schema: 'inSync' });
    actor.send({ type: 'HUB.SCHEMA_DRIFT', durationMs: 3_600_000 });
    clock.increment(3_600_000);
    expect(actor.getSnapshot().value).toMatchObject({ schema: 'inSync' });
  });
});
