// The live session drives a real scenario the way the app does: load, step, answer a prompt by hand, play to the
// end, and publish snapshots, message batches and verdicts. Nothing here is mocked but the UI.
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, Verdict } from '../../protocol';
import { LiveSession } from './live-session';
import { messageStates, PublishedEvents } from './test-support/recorder';

let session: LiveSession | undefined;
afterEach(() => session?.dispose());

function open(): { session: LiveSession; out: PublishedEvents } {
  const out = new PublishedEvents();
  session = new LiveSession(out.publish);
  return { session, out };
}

const isFinal = (v: Verdict): v is Extract<Verdict, { kind: 'final' }> => v.kind === 'final';

describe('LiveSession', () => {
  it('lists the shipped scenarios by handle', () => {
    const { session } = open();
    const list = session.catalogue.list();
    const doorbell = list.find((s) => s.scenario === 'doorbell');
    expect(doorbell?.file).toBe('scenarios/doorbell.yaml');
    expect(doorbell?.architectures).toContain('cloud-cloud');
    expect(() => session.load({ file: '../package.json', architecture: 'direct' })).toThrow(/unknown scenario "..\/package.json".*scenarios\/doorbell.yaml/);
  });

  it('waits for the user to confirm the doorbell prompt, then judges the unlock from that tap', async () => {
    const { session, out } = open();
    const info = session.load({ file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud' });
    expect(info.steps.find((s) => s.id === 'confirm')).toMatchObject({ byHand: true });
    expect(info.screens.map((s) => s.role)).toEqual(['car', 'panel', 'tv', 'phone']);
    expect(info.map.roads.length).toBeGreaterThan(0);

    // Step the clock until the car screen asks; then, paused, the user taps Confirm.
    const carShows = (): boolean => {
      const car = session.snapshot()!.screens.find((s) => s.address === 'vehicle/car1/screen');
      return car?.prompt != null && car.pip !== null;
    };
    for (let i = 0; i < 10_000 && !carShows(); i++) session.step();
    const snapshot = session.snapshot()!;
    const carScreen = snapshot.screens.find((s) => s.address === 'vehicle/car1/screen')!;
    expect(carScreen.pip?.source).toContain('camera');
    expect(snapshot.homes.find((h) => h.id === 'h1')?.lock).toBe('locked');
    const t = snapshot.t;

    const answer = session.sendTwinEvent('vehicle/car1/screen', { type: 'PROMPT.CONFIRM', promptId: carScreen.prompt!.id });
    expect(answer.ok).toBe(true);
    session.play('max');
    const final = await out.waitFor('verdict', isFinal);
    if (!isFinal(final)) throw new Error('unreachable');

    expect(final.result.passed).toBe(true);
    expect(final.result.expectations.find((e) => e.id === 'unlocked-after-confirm')?.passed).toBe(true);
    expect(session.snapshot()!.firedSteps.find((s) => s.id === 'confirm')?.t).toBe(t); // fired by the tap, not at 15 s
    expect(session.snapshot()!.homes.find((h) => h.id === 'h1')?.lock).toBe('unlocked');
    expect(final.charts.latencySvg).toContain('<svg');
    // Event-based expectations settled live, before the final verdict.
    const live = out.all('verdict').filter((v) => v.kind === 'expectation');
    expect(live.map((v) => v.kind === 'expectation' && v.outcome.id)).toContain('pip-on-car');
    expect(session.status().state).toBe('finished');
    expect(() => session.play(1)).toThrow(/load the scenario again/);

    const batches = out.all('messages');
    expect(batches[0]?.reset).toBe(true);
    const unlock = messageStates(batches).filter((e: Envelope) => e.topic === 'lock/unlock' && e.kind === 'command' && e.status === 'delivered').at(-1);
    expect(unlock?.source).toBe('vehicle/car1');
    expect(unlock!.completedAt! - unlock!.createdAt).toBeGreaterThan(0);
  });

  it('declining by hand leaves the door locked and the confirm step unfired — the verdict says so', async () => {
    const { session, out } = open();
    session.load({ file: 'scenarios/doorbell.yaml', architecture: 'direct' });
    for (let i = 0; i < 10_000 && !session.snapshot()!.screens[0]!.prompt; i++) session.step();
    session.sendTwinEvent('vehicle/car1/screen', { type: 'PROMPT.DECLINE' });
    session.play('max');
    const final = await out.waitFor('verdict', isFinal);
    if (!isFinal(final)) throw new Error('unreachable');
    expect(final.result.passed).toBe(false);
    expect(final.result.expectations.find((e) => e.id === 'unlocked-after-confirm')?.detail).toMatch(/step confirm never fired/);
  });

  it('runs a scenario as written when hands-on is off, and draws both load curves of peak shaving', async () => {
    const { session, out } = open();
    const info = session.load({ file: 'scenarios/charging-peak-shaving.yaml', architecture: 'cloud-cloud', handsOn: false });
    expect(info.homes).toHaveLength(10);
    session.play('max');
    const final = await out.waitFor('verdict', isFinal);
    if (!isFinal(final)) throw new Error('unreachable');
    expect(final.result.passed).toBe(true);
    expect(final.result.metrics.grid!.uncontrolledPeakKw).toBeGreaterThan(final.result.metrics.grid!.peakKw);
    expect(final.charts.loadCurveSvg).toMatch(/uncontrolled/i);
    expect(out.all('snapshot').at(-1)!.vehicles).toHaveLength(6);
  });

  it('shows a twin with the events its machine accepts and refuses unknown twins by address', () => {
    const { session } = open();
    session.load({ file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud' });
    const lock = session.getTwin('home/h1/lock.front_door');
    expect(lock).toMatchObject({ kind: 'lock', state: 'locked' });
    expect(lock.acceptedEvents).toContain('DOOR.UNLOCK');
    expect(session.getTwin('vehicle/car1/battery').signals?.['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current']).toBeTypeOf('number');
    expect(() => session.getTwin('home/h1/lock.back_door')).toThrow(/no twin at home\/h1\/lock.back_door/);
    const refused = session.sendTwinEvent('home/h1/lock.front_door', { type: 'DOOR.UNLOCK', by: 'test' });
    expect(refused.twin.state).toBe('unlocked');
  });

  it('records an event sent from the inspector as a physical action at the device, whoever the form claims', () => {
    const { session } = open();
    session.load({ file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud' });
    type Event = { type: string; source: string; data: Record<string, unknown> };
    const sim = (session as unknown as { current: { run: { sim: { kernel: { events: { onEvent(l: (e: Event) => void): void } } } } } }).current.run.sim;
    const events: Event[] = [];
    sim.kernel.events.onEvent((e) => events.push(JSON.parse(JSON.stringify(e)) as Event));
    session.sendTwinEvent('home/h1/lock.front_door', { type: 'DOOR.UNLOCK', by: 'vehicle/car1' });
    expect(events.filter((e) => e.type === 'twin.physical_action')).toMatchObject([
      { source: 'home/h1/lock.front_door', data: { twin: 'home/h1/lock.front_door', by: 'in-person', event: { type: 'DOOR.UNLOCK', by: 'in-person' } } },
    ]);
    // The lock says a hand opened it, not the car; no message crossed the bus and no security check ran.
    expect(events.filter((e) => e.type === 'lock.unlocked')).toMatchObject([{ data: { by: 'in-person' } }]);
    expect(events.some((e) => e.type.startsWith('security.') || e.type.startsWith('msg.'))).toBe(false);
    expect(events.some((e) => e.type === 'ui.twin_event')).toBe(false);
  });
});
