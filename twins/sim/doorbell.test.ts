// The doorbell scene end to end through the real bus: PiP on every screen, unlock only after the driver confirms.
import { describe, expect, it } from 'vitest';
import { ARCHITECTURES } from '../bus/envelope';
import { homeWithCar } from './test-support/world';

function ring(architecture: (typeof ARCHITECTURES)[number], answer: 'confirm' | 'decline' | 'none') {
  const { sim } = homeWithCar(architecture);
  sim.kernel.clock.runUntil(1_000);
  sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
  sim.kernel.clock.runUntil(5_000);
  const carScreen = sim.vehicle('car1').parts.screen;
  const shown = {
    carPip: carScreen.context.pictureInPicture !== null,
    carPrompt: (carScreen.context.activePrompt as { id: string } | null)?.id ?? null,
    panelPip: sim.home('h1').device('screen.central_panel').context.pictureInPicture !== null,
    tvPip: sim.home('h1').device('screen.tv').context.pictureInPicture !== null,
  };
  if (answer === 'confirm') carScreen.send({ type: 'PROMPT.CONFIRM' });
  if (answer === 'decline') carScreen.send({ type: 'PROMPT.DECLINE' });
  sim.kernel.clock.runUntil(60_000);
  return { sim, shown, lock: sim.home('h1').device('lock.front_door').state };
}

describe('doorbell across screens', () => {
  it.each(ARCHITECTURES)('under %s: PiP on panel, TV and car; confirm unlocks the door', (arch) => {
    const { shown, lock, sim } = ring(arch, 'confirm');
    expect(shown).toEqual({ carPip: true, carPrompt: 'doorbell:h1:1', panelPip: true, tvPip: true });
    expect(lock).toBe('unlocked');
    const unlock = sim.kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.type === 'msg.delivered' && e.data.topic === 'lock/unlock');
    expect(unlock.data.source).toBe('vehicle/car1');
    expect(unlock.data.hops.length).toBeGreaterThan(arch === 'local' ? 1 : 2);
  });

  it.each(ARCHITECTURES)('under %s: a decline or no answer keeps the door locked and sends no unlock', (arch) => {
    for (const answer of ['decline', 'none'] as const) {
      const { lock, sim } = ring(arch, answer);
      expect(lock).toBe('locked');
      expect(sim.kernel.events.lines().some((l) => l.includes('"topic":"lock/unlock"'))).toBe(false);
    }
  });

  it.each(ARCHITECTURES)('under %s: the call ends when it is answered, declined or left to expire: the video leaves every screen', (arch) => {
    for (const answer of ['confirm', 'decline', 'none'] as const) {
      const { sim } = ring(arch, answer);
      const pips = {
        car: sim.vehicle('car1').parts.screen.context.pictureInPicture,
        panel: sim.home('h1').device('screen.central_panel').context.pictureInPicture,
        tv: sim.home('h1').device('screen.tv').context.pictureInPicture,
      };
      expect(pips, `${arch}, ${answer}`).toEqual({ car: null, panel: null, tv: null });
      const failed = sim.kernel.events.lines().map((l) => JSON.parse(l)).filter((e) => e.type === 'msg.failed');
      expect(failed.map((e) => `${e.data.topic}: ${e.data.error}`), `${arch}, ${answer}`).toEqual([]);
    }
  });

  it('keeps the video while the call is still ringing (no answer yet, prompt not expired)', () => {
    const { sim } = homeWithCar('direct');
    sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
    sim.kernel.clock.runUntil(10_000);
    expect(sim.vehicle('car1').parts.screen.context.pictureInPicture).not.toBeNull();
    expect(sim.home('h1').device('screen.tv').context.pictureInPicture).not.toBeNull();
  });

  it('crosses the hub (with translation) only under cloud-cloud', () => {
    const paths = Object.fromEntries(ARCHITECTURES.map((arch) => {
      const { sim } = ring(arch, 'confirm');
      const unlock = sim.kernel.events.lines().map((l) => JSON.parse(l)).find((e) => e.data.topic === 'lock/unlock');
      return [arch, unlock.data.path.join(' > ')];
    }));
    expect(paths['cloud-cloud']).toBe('vehicle/car1 > vehicle-cloud > hub > home-cloud > home/h1/gateway > home/h1/lock.front_door');
    expect(paths.direct).toBe('vehicle/car1 > home-cloud > home/h1/gateway > home/h1/lock.front_door');
    expect(paths['phone-proxy']).toBe('vehicle/car1 > phone/alice > home-cloud > home/h1/gateway > home/h1/lock.front_door');
    expect(paths.local).toBe('vehicle/car1 > home/h1/gateway > home/h1/lock.front_door');
  });

  it('under local, a car out of range never gets the prompt: the failure is an event, and the door stays locked', () => {
    const { sim } = homeWithCar('local', 1, 'work');
    sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
    sim.kernel.clock.runUntil(60_000);
    const failed = sim.kernel.events.lines().map((l) => JSON.parse(l)).filter((e) => e.type === 'msg.failed');
    expect(failed.map((e) => `${e.data.topic}:${e.data.failure}`)).toContain('vehicle_display/prompt:out-of-range');
    expect(sim.vehicle('car1').parts.screen.context.activePrompt).toBeNull();
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
  });
});
