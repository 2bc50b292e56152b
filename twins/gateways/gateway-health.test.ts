import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, type AnyStateMachine } from 'xstate';
import { DEFAULT_DEGRADED_LATENCY_MS, DEFAULT_DEGRADED_LOSS } from './gateway-health';
import { vehicleCloudMachine, VEHICLE_CLOUD_PROCESSING_MS } from './vehicle-cloud.machine';
import { homeCloudMachine } from './home-cloud.machine';

function start(machine: AnyStateMachine = vehicleCloudMachine) {
  const clock = new SimulatedClock();
  const actor = createActor(machine as typeof vehicleCloudMachine, { clock, input: { address: 'vehicle-cloud' } }).start();
  return { clock, actor };
}

describe('gateway health (shared by every gateway twin)', () => {
  it('starts online with its role’s processing time', () => {
    const { actor } = start();
    expect(actor.getSnapshot().value).toEqual({ health: 'online' });
    expect(actor.getSnapshot().context).toMatchObject({ role: 'vehicle-cloud', processingMs: VEHICLE_CLOUD_PROCESSING_MS, reason: null });
  });

  it('goes offline on GATEWAY.FAIL and back online on GATEWAY.RECOVER', () => {
    const { actor } = start();
    actor.send({ type: 'GATEWAY.FAIL', reason: 'data centre power loss' });
    expect(actor.getSnapshot().value).toEqual({ health: 'offline' });
    expect(actor.getSnapshot().context.reason).toBe('data centre power loss');
    actor.send({ type: 'GATEWAY.RECOVER' });
    expect(actor.getSnapshot().value).toEqual({ health: 'online' });
    expect(actor.getSnapshot().context.reason).toBeNull();
  });

  it('degrades with the given or default extra latency and loss', () => {
    const { actor } = start();
    actor.send({ type: 'GATEWAY.DEGRADE' });
    expect(actor.getSnapshot().context).toMatchObject({ degradedLatencyMs: DEFAULT_DEGRADED_LATENCY_MS, degradedLoss: DEFAULT_DEGRADED_LOSS });
    actor.send({ type: 'GATEWAY.DEGRADE', extraLatencyMs: 900, extraLoss: 0.2, reason: 'overload' });
    expect(actor.getSnapshot().context).toMatchObject({ degradedLatencyMs: 900, degradedLoss: 0.2, reason: 'overload' });
    actor.send({ type: 'GATEWAY.FAIL' });
    expect(actor.getSnapshot().context).toMatchObject({ degradedLatencyMs: 0, degradedLoss: 0, reason: 'failed' });
  });

  it('recovers by itself after a fault given for a duration, on the actor’s clock', () => {
    const { actor, clock } = start(homeCloudMachine);
    actor.send({ type: 'GATEWAY.FAIL', durationMs: 60_000 });
    clock.increment(59_999);
    expect(actor.getSnapshot().value).toEqual({ health: 'offline' });
    clock.increment(1);
    expect(actor.getSnapshot().value).toEqual({ health: 'online' });
  });

  it('lets a later fault replace the pending recovery', () => {
    const { actor, clock } = start();
    actor.send({ type: 'GATEWAY.FAIL', durationMs: 1000 });
    actor.send({ type: 'GATEWAY.DEGRADE', durationMs: 5000 });
    clock.increment(1000);
    expect(actor.getSnapshot().value).toEqual({ health: 'degraded' });
    clock.increment(4000);
    expect(actor.getSnapshot().value).toEqual({ health: 'online' });
    actor.send({ type: 'GATEWAY.FAIL', durationMs: 1000 });
    actor.send({ type: 'GATEWAY.FAIL' }); // indefinite now
    clock.increment(10_000);
    expect(actor.getSnapshot().value).toEqual({ health: 'offline' });
  });
});
