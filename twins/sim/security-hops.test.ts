// Each party checks at its own hop: the home's authoriser (the home cloud; the gateway under local) at the hop that
// reaches it, the gateway at its own. A refused command stops at that hop, at that hop's arrival time, and the
// refusal answers from there; it never reaches the parties behind it. Each test fails if its check were moved off
// its hop (refused later, by someone else) or removed (the door opens).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../bus/envelope';
import { SecurityAgent } from '../security';
import { Attacker } from './apps';
import { homeWithCar, legitimateUnlock } from './test-support/world';

type Line = { type: string; source: string; t: number; seq: number; data: Record<string, unknown> };
const lines = (sim: ReturnType<typeof homeWithCar>['sim']): Line[] => sim.kernel.events.lines().map((l) => JSON.parse(l) as Line);
const GATEWAY = 'home/h1/gateway';
const LOCK = 'home/h1/lock.front_door';

afterEach(() => vi.restoreAllMocks());

/** Doorbell rung, prompt on the car; then `act` runs with the attacker, and the clock runs on. */
function attackDuringDoorbell(arch: 'cloud-cloud' | 'local' | 'direct', act: (attacker: Attacker, sim: ReturnType<typeof homeWithCar>['sim']) => Envelope) {
  const { sim } = homeWithCar(arch);
  const attacker = new Attacker(sim);
  sim.kernel.clock.runUntil(1_000);
  sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
  sim.kernel.clock.runUntil(5_000);
  const request = act(attacker, sim);
  sim.kernel.clock.runUntil(20_000);
  const events = lines(sim);
  const response = events.find((e) => e.type === 'msg.delivered' && e.data.correlationId === request.id)?.data as unknown as Envelope | undefined;
  return { sim, request, events, response, lock: sim.home('h1').device('lock.front_door') };
}

describe('checks at the hop that owns them', () => {
  it('under cloud-cloud a forged unlock is refused by the home cloud at its hop: it never reaches the gateway or the lock', () => {
    const { request, events, response, lock } = attackDuringDoorbell('cloud-cloud', (a) => a.launch({ kind: 'forged-unlock', vehicleId: 'car1' }));
    expect(request.hops.map((h) => h.to)).toEqual(['vehicle-cloud', 'hub', 'home-cloud']);
    expect(request).toMatchObject({ status: 'failed', failure: 'refused' });
    const refused = events.filter((e) => e.type === 'security.refused');
    expect(refused).toMatchObject([{ source: 'home-cloud', data: { at: 'home-cloud', reason: 'forged', stage: 'authorisation', message: request.id } }]);
    // Refused at the moment its hop reached the home cloud, not later at the device.
    expect(refused[0]!.t).toBe(request.hops[2]!.deliveredAt);
    expect(request.completedAt).toBe(request.hops[2]!.deliveredAt);
    // The refusal travels back from the home cloud along the part of the path the command crossed.
    expect(response).toMatchObject({ source: 'home-cloud', destination: 'vehicle/car1', path: ['home-cloud', 'hub', 'vehicle-cloud', 'vehicle/car1'], createdAt: refused[0]!.t });
    expect(events.find((e) => e.type === 'attack.outcome')).toMatchObject({ data: { outcome: 'refused', error: expect.stringMatching(/^refused \(forged\)/) } });
    expect(events.some((e) => (e.type === 'security.verified' && e.data.command === 'lock/unlock') || (e.type === 'msg.delivered' && (e.data.hops as { to: string }[]).some((h) => h.to === GATEWAY) && e.data.topic === 'lock/unlock'))).toBe(false);
    expect(lock.state).toBe('locked');
  });

  it('under local the gateway refuses the forged unlock at its hop, one near-field hop from the car', () => {
    const { request, events, response } = attackDuringDoorbell('local', (a) => a.launch({ kind: 'forged-unlock', vehicleId: 'car1' }));
    expect(request.hops.map((h) => h.to)).toEqual([GATEWAY]);
    const refused = events.filter((e) => e.type === 'security.refused');
    expect(refused).toMatchObject([{ source: GATEWAY, data: { at: GATEWAY, reason: 'forged' } }]);
    expect(refused[0]!.t).toBe(request.hops[0]!.deliveredAt);
    expect(response?.path).toEqual([GATEWAY, 'vehicle/car1']);
  });

  it('a lapsed grant and an unsigned unlock are refused by the home cloud (authorisation), under direct too', () => {
    for (const kind of ['expired-token', 'unsigned-unlock'] as const) {
      const { request, events } = attackDuringDoorbell('direct', (a) => a.launch({ kind, vehicleId: 'car1' }));
      expect(request.hops.map((h) => h.to)).toEqual(['home-cloud']);
      expect(events.filter((e) => e.type === 'security.refused')).toMatchObject([{ source: 'home-cloud', data: { at: 'home-cloud', stage: 'authorisation' } }]);
    }
  });

  it('a stale nonce passes the home cloud and is refused by the gateway at its hop, as replayed', () => {
    const { sim, attacker } = confirmedUnlockThenLocked();
    const before = lines(sim).length;
    const replay = attacker.launch({ kind: 'replay-last-unlock', vehicleId: 'car1' });
    sim.kernel.clock.runUntil(20_000);
    const events = lines(sim).slice(before);
    // The home cloud's confirmation is bound to the captured command's nonce: the same command passes it…
    expect(events.filter((e) => e.type === 'security.verified')).toMatchObject([{ source: 'home-cloud', data: { message: replay.id, stage: 'authorisation' } }]);
    // …and the gateway, which remembers nonces, stops it at its hop.
    const refused = events.filter((e) => e.type === 'security.refused');
    expect(refused).toMatchObject([{ source: GATEWAY, data: { at: GATEWAY, reason: 'replayed', stage: 'verification', message: replay.id } }]);
    expect(replay.hops.map((h) => h.to)).toEqual(['vehicle-cloud', 'hub', 'home-cloud', GATEWAY]);
    expect(refused[0]!.t).toBe(replay.hops[3]!.deliveredAt);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
  });

  it('without the gateway’s own check the replay opens the door: no other hop stops it', () => {
    vi.spyOn(SecurityAgent.prototype, 'verify').mockImplementation(() => ({ ok: true, sender: { id: 'x', address: 'x', role: 'paired', since: 0, publicKey: new Uint8Array() }, grant: undefined }));
    const { sim, attacker } = confirmedUnlockThenLocked();
    attacker.launch({ kind: 'replay-last-unlock', vehicleId: 'car1' });
    sim.kernel.clock.runUntil(20_000);
    expect(sim.home('h1').device('lock.front_door').state).toBe('unlocked');
  });

  it('without the home cloud’s own check a forged unlock gets past it, to the gateway', () => {
    vi.spyOn(SecurityAgent.prototype, 'authorise').mockImplementation(() => ({ ok: true, sender: { id: 'x', address: 'x', role: 'paired', since: 0, publicKey: new Uint8Array() }, grant: undefined }));
    const { request, events } = attackDuringDoorbell('cloud-cloud', (a) => a.launch({ kind: 'forged-unlock', vehicleId: 'car1' }));
    expect(request.hops.map((h) => h.to)).toContain(GATEWAY);
    expect(events.filter((e) => e.type === 'security.refused')).toMatchObject([{ source: GATEWAY, data: { reason: 'forged' } }]);
  });

  it('a controller’s unlock posted through the gateway is refused there at its source, against the home cloud’s records, and never leaves', () => {
    const { sim } = homeWithCar('cloud-cloud');
    const failures: string[] = [];
    sim.security.enrol('party/ha-controller', 'home:h1', ['home.lock:unlock']);
    const env = sim.sendFromHome(GATEWAY, LOCK, { capability: 'lock', name: 'unlock', deviceId: 'lock.front_door', attributes: {} }, 'command', {
      signer: 'party/ha-controller', onFailure: (reason) => failures.push(reason),
    });
    sim.kernel.clock.runUntil(5_000);
    expect(env).toMatchObject({ status: 'failed', failure: 'refused', hops: [] });
    expect(failures).toEqual([expect.stringMatching(/^refused by home\/h1\/gateway: refused \(unauthorized\): lock\/unlock from party\/ha-controller needs the occupant's confirmation/)]);
    expect(lines(sim).filter((e) => e.type === 'security.refused')).toMatchObject([{ source: 'home-cloud', data: { at: GATEWAY, stage: 'authorisation' } }]);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
  });
});

describe('the occupant’s confirmation travels as a message', () => {
  it.each(['cloud-cloud', 'local'] as const)('under %s only the authoriser records the doorbell prompt, from the prompt it sends', (arch) => {
    const { sim } = homeWithCar(arch);
    sim.kernel.clock.runUntil(1_000);
    sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
    sim.kernel.clock.runUntil(5_000);
    const use = { domain: 'home:h1', requester: 'vehicle/car1', command: 'lock/unlock', now: sim.now };
    const authoriser = arch === 'local' ? GATEWAY : 'home-cloud';
    expect(sim.security.agent(authoriser).confirmations.check('doorbell:h1:1', use, false)).toEqual({ ok: true });
    for (const other of ['home-cloud', GATEWAY, 'vehicle-cloud'].filter((a) => a !== authoriser)) {
      expect(sim.security.agent(other).confirmations.check('doorbell:h1:1', use, false)).toMatchObject({ ok: false });
    }
  });

  it('a prompt that does not cross the home’s authoriser records nothing there', () => {
    const { sim } = homeWithCar('cloud-cloud');
    const prompt = { capability: 'vehicle_display', name: 'prompt', deviceId: 'vehicle.car1', attributes: { prompt_id: 'doorbell:h1:7', expires_after_ms: 30_000 } };
    // Sent by the car's own cloud: it never crosses the home cloud, so the home records no confirmation.
    sim.sendFromHome('vehicle-cloud', 'vehicle/car1', prompt, 'command');
    sim.kernel.clock.runUntil(5_000);
    expect(sim.security.agent('home-cloud').confirmations.check('doorbell:h1:7', { domain: 'home:h1', requester: 'vehicle/car1', command: 'lock/unlock', now: sim.now }, false)).toMatchObject({ ok: false });
  });
});

/** Doorbell, the driver confirms, the door opens on the signed unlock and is locked again: a command to replay. */
function confirmedUnlockThenLocked() {
  const { sim, attacker, lock } = legitimateUnlock('cloud-cloud');
  lock.send({ type: 'DOOR.LOCK' });
  return { sim, attacker };
}
