// The agent is a party like any other: its commands travel the bus and change twins, its critical ones meet the
// car's policy (no grant → unauthorized; a grant but no occupant confirmation → still refused), and whatever it
// gets wrong is a clear error before anything is sent.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../twins/kernel';
import { loadRunnableScenario } from '../cli/scenario-check';
import { AgentInputError, AgentSession, MAX_ADVANCE_S } from './agent-session';

const DOORBELL = path.resolve(import.meta.dirname, '../../scenarios/doorbell.yaml');

function session(grants: string[] = []): { agent: AgentSession; events: SimEvent[] } {
  const events: SimEvent[] = [];
  const agent = new AgentSession(loadRunnableScenario(DOORBELL), 'cloud-cloud', { grants, listenersFor: () => [(e) => void events.push(e)] });
  return { agent, events };
}

describe('AgentSession', () => {
  it('turns a light on through the bus: the twin changes and the messages are in the canonical stream', () => {
    const { agent, events } = session();
    const outcome = agent.invoke('h1/light.living_room', 'light', 'turn_on', { brightness_pct: 40 });
    expect(outcome).toMatchObject({ ok: true, target: 'home/h1/light.living_room', topic: 'light/turn_on', answer: { state: 'on' } });
    expect(agent.state('home/h1/light.living_room')).toMatchObject({ state: 'on', context: { brightness: 102 } });
    const delivered = events.filter((e) => e.type === 'msg.delivered' && e.data.topic === 'light/turn_on');
    expect(delivered.map((e) => e.data.kind)).toEqual(['command', 'response']);
    expect(outcome.trace.some((e) => e.type === 'msg.delivered')).toBe(true);
  });

  it('an unlock without a grant is refused as unauthorized, a security.refused event, and the door stays locked', () => {
    const { agent, events } = session();
    const outcome = agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {});
    expect(outcome.ok).toBe(false);
    expect(outcome.ok === false && outcome.reason).toMatch(/refused \(unauthorized\)/);
    expect(events.some((e) => e.type === 'security.refused' && e.data.reason === 'unauthorized' && e.data.command === 'lock/unlock')).toBe(true);
    expect(agent.state('home/h1/lock.front_door')).toMatchObject({ state: 'locked' });
  });

  it('a granted unlock still needs the occupant\'s confirmation; a made-up one is refused too', () => {
    const { agent } = session(['home.lock:unlock']);
    const bare = agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {});
    expect(bare.ok === false && bare.reason).toMatch(/refused \(\w+\).*confirm/i);
    const forged = agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, 'doorbell:h1:made-up');
    expect(forged.ok).toBe(false);
    expect(agent.state('home/h1/lock.front_door')).toMatchObject({ state: 'locked' });
  });

  it('cannot take over the occupant\'s doorbell prompt: it was shown to the car, not to the agent', () => {
    const { agent, events } = session(['home.lock:unlock']);
    agent.advance(12); // the courier rings at 10 s; the prompt is on the car's screen
    const prompt = events.find((e) => e.type === 'prompt.shown')!.data.promptId as string;
    const hijack = agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, prompt);
    expect(hijack.ok === false && hijack.reason).toMatch(/was shown to vehicle\/car1, not party\/mcp-agent/);
    expect(events.filter((e) => e.type === 'security.refused').length).toBeGreaterThan(0);
    expect(agent.state('home/h1/lock.front_door')).toMatchObject({ state: 'locked' });
  });

  it('asking to unlock puts the question on the home screens; once the occupant confirms, the agent’s unlock opens the door, once', () => {
    const { agent, events } = session(['home.lock:unlock']);
    const ask = agent.askToUnlock('h1/lock.front_door');
    expect(ask.prompt).toMatch(/^consent:h1:\d+$/);
    expect(ask.screens.length).toBeGreaterThan(0);
    const screen = agent.run.sim.twin(ask.screens[0]!)!;
    expect((screen.context.activePrompt as { id: string; question: string }).question).toMatch(/party\/mcp-agent asks to unlock the front door/);
    // Before anyone answers, naming the prompt is not enough.
    expect(agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, ask.prompt)).toMatchObject({ ok: false, reason: expect.stringMatching(/no confirmation prompt/) });
    screen.send({ type: 'PROMPT.CONFIRM', promptId: ask.prompt });
    agent.advance(1);
    // The screen's answer travelled to the home cloud as a message; the home cloud recorded it as its own.
    expect(events.filter((e) => e.type === 'consent.answered')).toMatchObject([{ source: 'home-cloud', data: { prompt: ask.prompt, answer: 'confirmed', requester: 'party/mcp-agent', by: ask.screens[0] } }]);
    for (const other of ask.screens.slice(1)) expect(agent.run.sim.twin(other)!.context.activePrompt).toBeNull();
    expect(agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, ask.prompt)).toMatchObject({ ok: true });
    expect(agent.state('home/h1/lock.front_door')).toMatchObject({ state: 'unlocked' });
    agent.invoke('home/h1/lock.front_door', 'lock', 'lock', {});
    expect(agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, ask.prompt)).toMatchObject({ ok: false, reason: expect.stringMatching(/already authorised one/) });
    expect(agent.state('home/h1/lock.front_door')).toMatchObject({ state: 'locked' });
  });

  it('a declined question leaves the agent unable to unlock, and asking about anything but a lock is refused', () => {
    const { agent } = session(['home.lock:unlock']);
    const ask = agent.askToUnlock('home/h1/lock.front_door');
    agent.run.sim.twin(ask.screens[0]!)!.send({ type: 'PROMPT.DECLINE', promptId: ask.prompt });
    agent.advance(1);
    expect(agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, ask.prompt).ok).toBe(false);
    expect(agent.state('home/h1/lock.front_door')).toMatchObject({ state: 'locked' });
    expect(() => agent.askToUnlock('home/h1/light.living_room')).toThrow(/is not a door lock/);
  });

  it('an answer that does not come from the asked home’s screen records nothing', () => {
    const { agent } = session(['home.lock:unlock']);
    const ask = agent.askToUnlock('home/h1/lock.front_door');
    const sim = agent.run.sim;
    // A forged "confirmed" from a party that is not a screen of the home: the home cloud ignores it.
    sim.sendRaw('vehicle/car1', 'home-cloud', 'screen/prompt_answered', 'event', { deviceId: 'screen.kitchen', capability: 'screen', event: 'prompt_answered', attributes: { prompt_id: ask.prompt, answer: 'confirmed' } });
    agent.advance(2);
    expect(agent.invoke('home/h1/lock.front_door', 'lock', 'unlock', {}, ask.prompt).ok).toBe(false);
  });

  it('commands a car through its home, judged by the car', () => {
    const { agent } = session();
    expect(agent.invoke('vehicle/car1', 'vehicle_climate', 'precondition', {})).toMatchObject({ ok: true });
    const start = agent.invoke('vehicle/car1', 'vehicle_remote', 'remote_start', {});
    expect(start.ok).toBe(false);
    expect(agent.state('vehicle/car1')).toHaveProperty('signals');
  });

  it('refuses what it cannot send, naming the twin, the command or the attribute', () => {
    const { agent } = session();
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(AgentInputError);
        return (err as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(() => agent.invoke('home/h1/light.nowhere', 'light', 'turn_on', {}))).toMatch(/no twin "home\/h1\/light.nowhere"/);
    expect(refusal(() => agent.invoke('__proto__', 'light', 'turn_on', {}))).toMatch(/no twin/);
    expect(refusal(() => agent.invoke('home/h1/light.living_room', 'light', 'explode', {}))).toMatch(/no capability light\/explode; it has light\/turn_on/);
    expect(refusal(() => agent.invoke('home/h1/light.living_room', 'light', 'turn_on', { brightness_pct: 'max' }))).toMatch(/"brightness_pct" must be a number/);
    expect(refusal(() => agent.invoke('home/h1/light.living_room', 'light', 'turn_on', { brightness_pct: 1e308 }))).toMatch(/must be ≤ 100/);
    expect(refusal(() => agent.invoke('home/h1/cover.living_room_curtains', 'cover', 'set_cover_position', {}))).toMatch(/"position" is required/);
    expect(refusal(() => agent.state('home/h1'))).toMatch(/no twin/);
    expect(refusal(() => agent.signals('vehicle/nope'))).toMatch(/no vehicle/);
  });

  it('advances the virtual clock, bounded to a day per call; nonsense is refused', () => {
    const { agent } = session();
    expect(agent.advance(2.5)).toMatchObject({ t: 2_500, advancedS: 2.5, bounded: false });
    const huge = agent.advance(1e300);
    expect(huge).toMatchObject({ advancedS: MAX_ADVANCE_S, bounded: true, t: 2_500 + MAX_ADVANCE_S * 1000 });
    expect(() => agent.advance(-1)).toThrow(AgentInputError);
    expect(() => agent.advance(Number.NaN)).toThrow(AgentInputError);
  });

  it('play runs the clock at real time until pause; paused, it stands still', async () => {
    const { agent } = session();
    agent.play();
    agent.play(); // a second play is no second clock
    await new Promise((r) => setTimeout(r, 350));
    agent.pause();
    const t = agent.now;
    expect(t).toBeGreaterThanOrEqual(150);
    expect(t).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(agent.now).toBe(t);
    expect(agent.isPlaying).toBe(false);
  });

  it('the doorbell scene still plays while the agent watches: the ring reaches the car', () => {
    const { agent, events } = session();
    agent.advance(12);
    expect(events.some((e) => e.type === 'pip.shown' && e.source.startsWith('vehicle/car1'))).toBe(true);
  });

  it('judges and hands over the run when another scenario is loaded and when it closes', async () => {
    const ended: number[] = [];
    const agent = new AgentSession(loadRunnableScenario(DOORBELL), 'direct', { onRunEnd: async (run) => void ended.push(run.sim.now) });
    agent.advance(1);
    agent.load(loadRunnableScenario(DOORBELL), 'cloud-cloud');
    await agent.close();
    await agent.close();
    expect(ended).toEqual([1_000, 0]);
  });
});
