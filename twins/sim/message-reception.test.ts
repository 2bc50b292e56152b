import { describe, expect, it } from 'vitest';
import type { MessageKind } from '../bus/envelope';
import type { Json } from '../kernel/types';
import { homePayload, type Intent } from './ecosystem-codec';
import { homeWithCar } from './test-support/world';

/** Sends `payload` raw (from the home cloud unless said) and returns the answer's intent (or the failure reason). */
function ask(destination: string, topic: string, kind: MessageKind, payload: Json, source = 'home-cloud'): { answer?: Intent; failure?: string; state?: string } {
  const { sim } = homeWithCar('cloud-cloud');
  const out: { answer?: Intent; failure?: string } = {};
  sim.sendRaw(source, destination, topic, kind, payload, {
    onResponse: (_env, intent) => (out.answer = intent),
    onFailure: (reason) => (out.failure = reason),
  });
  sim.kernel.clock.runUntil(20_000);
  return { ...out, state: sim.twin(destination)?.state };
}

const light = (name: string): Intent => ({ capability: 'light', name, deviceId: 'light.living_room', attributes: {} });

describe('message reception', () => {
  it('a device answers a get_state query with its attributes, and does not move', () => {
    const { answer } = ask('home/h1/light.living_room', 'light/get_state', 'query', homePayload(light('get_state'), 'query'));
    expect(answer).toMatchObject({ name: 'get_state', success: true });
  });

  it('a query that would change a device is refused, naming the device, and the device does not move', () => {
    const before = ask('home/h1/light.living_room', 'light/get_state', 'query', homePayload(light('get_state'), 'query')).state;
    const { answer, state } = ask('home/h1/light.living_room', 'light/turn_on', 'query', homePayload(light('turn_on'), 'query'));
    expect(answer?.success).toBe(false);
    expect(answer?.error).toBe("a query only reads (get_state): send 'turn_on' to home/h1/light.living_room as a command");
    expect(state).toBe(before);
  });

  it('a device answers a payload it cannot read with a failed response, not silence', () => {
    const { answer } = ask('home/h1/light.living_room', 'light/turn_on', 'command', 'not an intent');
    expect(answer).toMatchObject({ success: false, error: 'unreadable payload' });
  });

  it('a request no app handles is answered with a failure naming the party and the topic', () => {
    const { answer, failure } = ask('home-cloud', 'nothing/here', 'command', homePayload({ capability: 'nothing', name: 'here', deviceId: 'x', attributes: {} }, 'command'), 'home/h1/gateway');
    expect(failure).toBeUndefined();
    expect(answer).toMatchObject({ success: false, error: 'home-cloud has no handler for nothing/here' });
  });
});
