import { describe, expect, it } from 'vitest';
import { ARCHITECTURES, type Architecture } from '../../bus/envelope';
import { installStandardApps } from '.';
import { Simulation } from '../simulation';
import { standardHomeDevices } from '../standard-home';
import { homeWithCar } from '../test-support/world';

const CAMERA = 'home/h1/camera.front_door';
const NAS = 'home/h1/storage.nas';
const PANEL = 'home/h1/screen.central_panel';

const events = (sim: Simulation, type: string) => sim.kernel.events.lines().map((l) => JSON.parse(l) as { t: number; type: string; source: string; data: Record<string, unknown> }).filter((e) => e.type === type);

describe('viewing the home camera from the car', () => {
  it.each(ARCHITECTURES.filter((a) => a !== 'local'))('under %s is a signed command the car\'s grant covers, then a stream along the path', (arch) => {
    const { sim, apps } = homeWithCar(arch, 1, 'work');
    apps.media.stream({ id: 'cam', from: CAMERA, to: 'vehicle/car1', bitrateKbps: 2000, durationMs: 10_000 });
    sim.kernel.clock.runUntil(5_000);
    expect(sim.twin(CAMERA)!.context).toMatchObject({ viewers: ['vehicle/car1'] });
    sim.kernel.clock.runUntil(20_000);
    // Authorised at the home cloud's hop, verified at the gateway's (security at the hop that owns it).
    const checked = { command: 'camera/play_stream', from: 'vehicle/car1' };
    expect(events(sim, 'security.verified').map((e) => e.data)).toEqual([
      expect.objectContaining({ ...checked, stage: 'authorisation' }), expect.objectContaining({ ...checked, stage: 'verification' }),
    ]);
    const started = events(sim, 'flow.started')[0]!.data;
    const links: Record<Architecture, string[]> = {
      'cloud-cloud': ['lan', 'home-broadband', 'internet', 'internet', 'cellular'], direct: ['lan', 'home-broadband', 'cellular'],
      'phone-proxy': ['lan', 'home-broadband', 'phone-cellular', 'projection'], local: [],
    };
    expect(started.links).toEqual(links[arch]);
    expect(events(sim, 'flow.ended')[0]!.data).toMatchObject({ flow: 'cam', stalls: 0, rebufferRatio: 0 });
    // The first frame waits for the path's one-way latency on top of the 500 ms start-up buffer.
    expect(events(sim, 'flow.first_frame')[0]!.data.ttffMs).toBeGreaterThan(500);
    // The viewer left when the stream ended.
    expect(sim.twin(CAMERA)!.context).toMatchObject({ viewers: [] });
  });

  it('is refused to a car the home never paired (attack): no stream, no viewer, and the failure says why', () => {
    const sim = new Simulation({
      seed: 3, architecture: 'cloud-cloud', map: { kind: 'generate', options: { homes: 4 } },
      homes: [{ id: 'h1', devices: standardHomeDevices() }],
      vehicles: [{ id: 'stranger', at: 'work' }],
    });
    const apps = installStandardApps(sim);
    apps.media.stream({ id: 'peek', from: CAMERA, to: 'vehicle/stranger', bitrateKbps: 2000 });
    sim.kernel.clock.runUntil(20_000);
    expect(events(sim, 'security.refused')).toEqual([expect.objectContaining({ data: expect.objectContaining({ command: 'camera/play_stream', from: 'vehicle/stranger' }) })]);
    expect(events(sim, 'flow.started')).toEqual([]);
    expect(events(sim, 'flow.failed')).toEqual([expect.objectContaining({ data: expect.objectContaining({ flow: 'peek', reason: expect.stringMatching(/refused/) }) })]);
    expect(sim.twin(CAMERA)!.context).toMatchObject({ viewers: [] });
  });
});

describe('the NAS', () => {
  it('commits an upload once its last byte is in, with its size', () => {
    const { sim, apps } = homeWithCar('local');
    apps.media.transfer({ id: 'clip', from: 'vehicle/car1', to: NAS, sizeBytes: 50_000_000 });
    sim.kernel.clock.runUntil(60_000);
    // 400 Mbit over the 50 Mbit/s driveway link: 8 s, after the near-field and LAN latencies (3 + 4 ms).
    expect(events(sim, 'flow.completed')[0]).toMatchObject({ t: 8007, data: { flow: 'clip', bytes: 50_000_000 } });
    expect(events(sim, 'storage.clip_saved')).toEqual([expect.objectContaining({ data: expect.objectContaining({ clipId: 'clip', usedBytes: 50_000_000 }) })]);
  });

  it('under local, fails an upload the car drives away from, and never commits it', () => {
    const { sim, apps } = homeWithCar('local');
    apps.media.transfer({ id: 'clip', from: 'vehicle/car1', to: NAS, sizeBytes: 2_000_000_000 });
    sim.kernel.clock.runUntil(5_000);
    sim.vehicle('car1').driveTo(sim.placeFor('work', 'h1'));
    sim.kernel.clock.runUntil(300_000);
    expect(events(sim, 'flow.failed')).toEqual([expect.objectContaining({ data: expect.objectContaining({ flow: 'clip', reason: expect.stringMatching(/out of local range/) }) })]);
    expect(events(sim, 'storage.clip_saved')).toEqual([]);
  });

  it('under local, refuses to start an upload from a car out of range', () => {
    const { sim, apps } = homeWithCar('local', 1, 'work');
    apps.media.transfer({ id: 'clip', from: 'vehicle/car1', to: NAS, sizeBytes: 1_000 });
    expect(events(sim, 'flow.failed')[0]!.data).toMatchObject({ flow: 'clip', reason: 'vehicle/car1 is out of local range of home h1' });
  });

  it('refuses to open a film while offline, so the film never streams', () => {
    const { sim, apps } = homeWithCar('direct', 1, 'work');
    sim.twin(NAS)!.send({ type: 'STORAGE.WENT_OFFLINE' });
    apps.media.stream({ id: 'film', from: NAS, to: 'vehicle/car1', bitrateKbps: 2500 });
    sim.kernel.clock.runUntil(10_000);
    expect(events(sim, 'flow.started')).toEqual([]);
    expect(events(sim, 'flow.failed')[0]!.data).toMatchObject({ flow: 'film', reason: expect.stringMatching(/storage offline/) });
  });
});

describe('a call the car asks for on the central panel', () => {
  it('starts both directions only once the family confirms', () => {
    const { sim, apps } = homeWithCar('cloud-cloud', 1, 'work');
    apps.media.stream({ id: 'call', from: 'vehicle/car1', to: PANEL, bitrateKbps: 1500, twoWay: true, ask: 'Start a video call?' });
    sim.kernel.clock.runUntil(5_000);
    expect(events(sim, 'flow.started')).toEqual([]);
    sim.twin(PANEL)!.send({ type: 'PROMPT.CONFIRM' });
    sim.kernel.clock.runUntil(10_000);
    expect(events(sim, 'flow.started').map((e) => [e.data.flow, e.data.from, e.data.to])).toEqual([['call', 'vehicle/car1', PANEL], ['call-return', PANEL, 'vehicle/car1']]);
  });

  it('never starts when the family declines', () => {
    const { sim, apps } = homeWithCar('direct', 1, 'work');
    apps.media.stream({ id: 'call', from: 'vehicle/car1', to: PANEL, bitrateKbps: 1500, twoWay: true, ask: 'Start a video call?' });
    sim.kernel.clock.runUntil(5_000);
    sim.twin(PANEL)!.send({ type: 'PROMPT.DECLINE' });
    sim.kernel.clock.runUntil(10_000);
    expect(events(sim, 'flow.started')).toEqual([]);
    expect(events(sim, 'flow.failed')[0]!.data).toMatchObject({ flow: 'call', reason: `${PANEL} answered declined` });
  });
});

describe('the doorbell', () => {
  it('shows the visitor on the car screen and the driver at the door until the driver answers', () => {
    const { sim } = homeWithCar('direct', 1, 'work');
    sim.kernel.clock.runUntil(1_000);
    sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
    sim.kernel.clock.runUntil(6_000);
    sim.vehicle('car1').parts.screen.send({ type: 'PROMPT.DECLINE' });
    sim.kernel.clock.runUntil(10_000);
    expect(events(sim, 'flow.first_frame').map((e) => [e.data.flow, e.source])).toEqual([['doorbell-car1-1', 'vehicle/car1'], ['doorbell-car1-1-return', CAMERA]]);
    expect(events(sim, 'flow.ended').map((e) => [e.data.flow, e.data.reason, e.t])).toEqual([['doorbell-car1-1', 'stopped', 6000], ['doorbell-car1-1-return', 'stopped', 6000]]);
  });
});
