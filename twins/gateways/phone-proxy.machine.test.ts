import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { phoneProxyMachine } from './phone-proxy.machine';

describe('phone proxy', () => {
  it('starts projected and follows the projection session', () => {
    const actor = createActor(phoneProxyMachine, { clock: new SimulatedClock(), input: { address: 'phone/u1' } }).start();
    expect(actor.getSnapshot().value).toEqual({ health: 'online', projection: 'connected' });
    actor.send({ type: 'PROJECTION.DISCONNECT' });
    expect(actor.getSnapshot().value).toEqual({ health: 'online', projection: 'disconnected' });
    actor.send({ type: 'GATEWAY.FAIL', reason: 'battery empty' });
    actor.send({ type: 'PROJECTION.CONNECT' });
    expect(actor.getSnapshot().value).toEqual({ health: 'offline', projection: 'connected' });
  });
});
