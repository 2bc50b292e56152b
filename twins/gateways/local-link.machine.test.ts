import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { localLinkMachine } from './local-link.machine';

describe('local direct link radio', () => {
  it('can be switched off and on by the household, independently of its health', () => {
    const actor = createActor(localLinkMachine, { clock: new SimulatedClock(), input: { address: 'local/h1' } }).start();
    expect(actor.getSnapshot().value).toEqual({ health: 'online', radio: 'enabled' });
    actor.send({ type: 'RADIO.DISABLE' });
    actor.send({ type: 'GATEWAY.DEGRADE', reason: 'interference' });
    expect(actor.getSnapshot().value).toEqual({ health: 'degraded', radio: 'disabled' });
    actor.send({ type: 'RADIO.ENABLE' });
    expect(actor.getSnapshot().value).toEqual({ health: 'degraded', radio: 'enabled' });
  });
});
