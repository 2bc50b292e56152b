import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { createKernel } from '../kernel';
import { screenMachine, type ScreenEmitted, type ScreenPrompt } from './screen.machine';

function start(maxNotifications = 20) {
  const clock = new SimulatedClock();
  const actor = createActor(screenMachine, { clock, input: { entityId: 'screen.car', maxNotifications } });
  const emitted: ScreenEmitted[] = [];
  // The answers and acknowledgements under test; the "shown" events have their own test below.
  actor.on('*', (e) => !e.type.endsWith('.shown') && !e.type.endsWith('.closed') && emitted.push(e));
  actor.start();
  return { clock, actor, emitted };
}

const doorbell: ScreenPrompt = { id: 'p1', question: 'Someone is at the door. Unlock?', options: ['Unlock', 'Ignore'], expiresAfterMs: 30_000 };
const homeMode: ScreenPrompt = { id: 'p2', question: 'Turn on home mode?', options: ['Yes', 'No'], expiresAfterMs: 10_000 };

describe('screen prompts', () => {
  it('answers confirmed with the chosen option and the response time', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'PROMPT.SHOW', at: 1000, prompt: doorbell });
    expect(actor.getSnapshot().matches({ prompt: 'asking' })).toBe(true);
    clock.increment(4000);
    actor.send({ type: 'PROMPT.CONFIRM', at: 5000, promptId: 'p1', option: 'Unlock' });
    expect(actor.getSnapshot().matches({ prompt: 'idle' })).toBe(true);
    expect(actor.getSnapshot().context.activePrompt).toBeNull();
    expect(emitted).toEqual([
      { type: 'prompt.answered', entityId: 'screen.car', promptId: 'p1', answer: 'confirmed', option: 'Unlock', at: 5000, responseTimeMs: 4000 },
    ]);
  });

  it('answers timeout when nobody answers before expiry', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: doorbell });
    clock.increment(29_999);
    expect(emitted).toEqual([]);
    clock.increment(1);
    expect(actor.getSnapshot().matches({ prompt: 'idle' })).toBe(true);
    expect(emitted).toEqual([
      { type: 'prompt.answered', entityId: 'screen.car', promptId: 'p1', answer: 'timeout', option: null, at: 30_000, responseTimeMs: 30_000 },
    ]);
  });

  it('a declined prompt does not confirm, and does not time out later', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: doorbell });
    actor.send({ type: 'PROMPT.DECLINE', at: 2000 });
    actor.send({ type: 'PROMPT.CONFIRM', at: 3000, promptId: 'p1' });
    clock.increment(60_000);
    expect(emitted.map((e) => (e.type === 'prompt.answered' ? e.answer : e.type))).toEqual(['declined']);
  });

  it('ignores an answer naming another prompt', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: doorbell });
    actor.send({ type: 'PROMPT.CONFIRM', at: 10, promptId: 'stale' });
    expect(actor.getSnapshot().matches({ prompt: 'asking' })).toBe(true);
    expect(emitted).toEqual([]);
  });

  it('queues a second prompt and starts its expiry when it is shown', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: doorbell });
    actor.send({ type: 'PROMPT.SHOW', at: 1000, prompt: homeMode });
    expect(actor.getSnapshot().context.activePrompt?.id).toBe('p1');
    clock.increment(20_000);
    actor.send({ type: 'PROMPT.DECLINE', at: 20_000, promptId: 'p1' });
    expect(actor.getSnapshot().context.activePrompt).toMatchObject({ id: 'p2', shownAt: 20_000 });
    clock.increment(9_999);
    expect(emitted).toHaveLength(1);
    clock.increment(1);
    expect(emitted[1]).toMatchObject({ promptId: 'p2', answer: 'timeout', at: 30_000, responseTimeMs: 10_000 });
    expect(actor.getSnapshot().matches({ prompt: 'idle' })).toBe(true);
  });

  it('closes a prompt answered on another screen without answering it here', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: doorbell });
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: homeMode });
    actor.send({ type: 'PROMPT.WITHDRAW', at: 100, promptId: 'p2' });
    actor.send({ type: 'PROMPT.WITHDRAW', at: 200, promptId: 'p1' });
    clock.increment(60_000);
    expect(actor.getSnapshot().matches({ prompt: 'idle' })).toBe(true);
    expect(emitted).toEqual([]);
  });

  it('expires prompts on the kernel virtual clock too', () => {
    const kernel = createKernel({ seed: 1 });
    const actor = createActor(screenMachine, { clock: kernel.clock.xstateClock, input: { entityId: 'screen.tv' } });
    const answers: string[] = [];
    actor.on('prompt.answered', (e) => answers.push(e.answer));
    actor.start();
    actor.send({ type: 'PROMPT.SHOW', at: kernel.clock.now(), prompt: homeMode });
    kernel.clock.runUntilIdle();
    expect(answers).toEqual(['timeout']);
    expect(kernel.clock.now()).toBe(10_000);
  });
});

describe('screen notifications and picture-in-picture', () => {
  it('keeps a bounded list, newest first, replacing a re-posted id', () => {
    const { actor } = start(3);
    for (let i = 1; i <= 4; i++) {
      actor.send({ type: 'NOTIFICATION.POST', notification: { id: `n${i}`, title: 'Leak', body: `sensor ${i}`, severity: 'critical', at: i } });
    }
    actor.send({ type: 'NOTIFICATION.POST', notification: { id: 'n3', title: 'Leak', body: 'again', severity: 'critical', at: 9 } });
    expect(actor.getSnapshot().context.notifications.map((n) => n.id)).toEqual(['n3', 'n4', 'n2']);
  });

  it('acknowledges a notification and reports it', () => {
    const { actor, emitted } = start();
    actor.send({ type: 'NOTIFICATION.POST', notification: { id: 'n1', title: 'Smoke', body: 'kitchen', severity: 'critical', at: 0 } });
    actor.send({ type: 'NOTIFICATION.ACKNOWLEDGE', id: 'n1' });
    expect(actor.getSnapshot().context.notifications[0]?.acknowledged).toBe(true);
    expect(emitted).toEqual([{ type: 'notification.acknowledged', entityId: 'screen.car', notificationId: 'n1' }]);
  });

  it('shows, replaces and closes picture-in-picture independently of prompts', () => {
    const { actor } = start();
    actor.send({ type: 'PIP.SHOW', pip: { source: 'camera.front_door', title: 'Front door' } });
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: doorbell });
    expect(actor.getSnapshot().matches({ pictureInPicture: 'shown', prompt: 'asking' })).toBe(true);
    actor.send({ type: 'PIP.SHOW', pip: { source: 'camera.garage', title: 'Garage' } });
    expect(actor.getSnapshot().context.pictureInPicture?.source).toBe('camera.garage');
    actor.send({ type: 'PIP.CLOSE' });
    expect(actor.getSnapshot().matches({ pictureInPicture: 'hidden' })).toBe(true);
    expect(actor.getSnapshot().context.pictureInPicture).toBeNull();
  });
});

describe('screen: what a viewer sees appear is emitted', () => {
  it('emits pip.shown / pip.closed, prompt.shown (also for the next queued prompt) and notification.shown', () => {
    const actor = createActor(screenMachine, { input: { entityId: 'screen.tv' }, clock: new SimulatedClock() }).start();
    const seen: string[] = [];
    actor.on('*', (e: { type: string; promptId?: string }) => seen.push(e.promptId ? `${e.type}:${e.promptId}` : e.type));
    actor.send({ type: 'PIP.SHOW', pip: { source: 'camera.front_door', title: 'Visitor' } });
    actor.send({ type: 'PIP.CLOSE' });
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: { id: 'p1', question: 'Unlock?', options: ['confirm', 'decline'], expiresAfterMs: 1000 } });
    actor.send({ type: 'PROMPT.SHOW', at: 0, prompt: { id: 'p2', question: 'Home mode?', options: ['confirm', 'decline'], expiresAfterMs: 1000 } });
    actor.send({ type: 'PROMPT.DECLINE', at: 10 });
    actor.send({ type: 'NOTIFICATION.POST', notification: { id: 'n1', title: 'Leak', body: '', severity: 'critical', at: 0 } });
    expect(seen).toEqual(['pip.shown', 'pip.closed', 'prompt.shown:p1', 'prompt.answered:p1', 'prompt.shown:p2', 'notification.shown']);
  });
});
