import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { homeGatewayMachine, HOME_GATEWAY_REBOOT_MS } from './home-gateway.machine';

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(homeGatewayMachine, { clock, input: { address: 'home/h1/gateway' } }).start();
  return { clock, actor };
}

describe('home gateway', () => {
  it('loses and regains its WAN uplink independently of its health', () => {
    const { actor } = start();
    actor.send({ type: 'WAN.DOWN' });
    expect(actor.getSnapshot().value).toEqual({ health: 'online', wan: 'down' });
    actor.send({ type: 'WAN.UP' });
    expect(actor.getSnapshot().value).toEqual({ health: 'online', wan: 'up' });
  });

  it('restores a WAN outage given for a duration', () => {
    const { actor, clock } = start();
    actor.send({ type: 'WAN.DOWN', durationMs: 30_000 });
    clock.increment(29_999);
    expect(actor.getSnapshot().value).toMatchObject({ wan: 'down' });
    clock.increment(1);
    expect(actor.getSnapshot().value).toMatchObject({ wan: 'up' });
  });

  it('is offline while it reboots, then back online by itself', () => {
    const { actor, clock } = start();
    actor.send({ type: 'GATEWAY.REBOOT' });
    expect(actor.getSnapshot().value).toMatchObject({ health: 'offline' });
    expect(actor.getSnapshot().context.reason).toBe('rebooting');
    clock.increment(HOME_GATEWAY_REBOOT_MS);
    expect(actor.getSnapshot().value).toMatchObject({ health: 'online' });
  });
});
