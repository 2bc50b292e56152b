// Hands-on mode re-triggers only the steps that are a person's answer on one screen, and leaves the rest of the
// story as written — including `ignore`, which is the absence of a tap.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../scenario';
import { handsOnScenario, isAnsweredByHand, screenTwinAddress } from './hands-on';

const scenarios = path.resolve(import.meta.dirname, '../../scenarios');

describe('handsOnScenario', () => {
  it('makes the confirm step wait for the confirmed answer on that screen', () => {
    const { scenario } = loadScenarioFile(path.join(scenarios, 'doorbell.yaml'));
    const handsOn = handsOnScenario(scenario);
    const confirm = handsOn.steps.find((s) => s.id === 'confirm')!;
    expect(confirm.trigger).toEqual({ kind: 'event', event: { type: 'prompt.answered', source: 'vehicle/car1/screen', data: { answer: 'confirmed' } } });
    expect(confirm.actions).toEqual([]);
    expect(handsOn.steps.find((s) => s.id === 'ring')).toEqual(scenario.steps.find((s) => s.id === 'ring'));
    expect(scenario.steps.find((s) => s.id === 'confirm')!.trigger.kind).toBe('after'); // the original is untouched
  });

  it('leaves an ignored prompt to expire, as written', () => {
    const { scenario } = loadScenarioFile(path.join(scenarios, 'doorbell-declined.yaml'), { set: { answer: 'ignore' } });
    const answer = scenario.steps.find((s) => s.id === 'answer')!;
    expect(isAnsweredByHand(answer)).toBe(false);
    expect(handsOnScenario(scenario).steps.find((s) => s.id === 'answer')).toEqual(answer);
  });

  it('names the screen twin behind a scenario screen reference', () => {
    expect(['vehicle/car1', 'phone/alice', 'home/h1/screen.tv'].map(screenTwinAddress)).toEqual(['vehicle/car1/screen', 'phone/alice/screen', 'home/h1/screen.tv']);
  });
});
