// The map's routes and the household's cards read from a real run (home-controls-car: a car drives home while the
// speaker answers questions about it; rainstorm: a window opens, then closes), and from hostile twin contexts.
import { afterEach, describe, expect, it } from 'vitest';
import { deviceName, deviceReading, speakerStatus } from './household-view';
import { LiveSession } from './live-session';
import { PublishedEvents } from './test-support/recorder';

let session: LiveSession | undefined;
afterEach(() => session?.dispose());

function open(file: string): LiveSession {
  session = new LiveSession(new PublishedEvents().publish);
  session.load({ file, architecture: 'cloud-cloud', handsOn: false });
  return session;
}

const stepUntil = (s: LiveSession, done: () => boolean): void => {
  for (let i = 0; i < 20_000 && !done(); i++) s.step();
  expect(done()).toBe(true);
};

describe('routes', () => {
  it('sends a driving car\'s trip with point times rising from departure to arrival, and a version that moves', () => {
    const s = open('scenarios/home-controls-car.yaml');
    expect(s.routes()).toEqual([]);
    const parked = s.snapshot()!.routeVersion;
    stepUntil(s, () => s.routes().length > 0);
    const [route] = s.routes();
    expect(route!.id).toBe('car1');
    expect(s.snapshot()!.routeVersion).not.toBe(parked);
    expect(route!.points.length).toBe(route!.times.length * 2);
    expect(route!.times[0]).toBe(route!.departAt);
    expect(route!.times.at(-1)).toBe(route!.arriveAt);
    for (let i = 1; i < route!.times.length; i++) expect(route!.times[i]).toBeGreaterThanOrEqual(route!.times[i - 1]!);
    const driving = s.snapshot()!.routeVersion;
    stepUntil(s, () => s.routes().length === 0);
    expect(s.snapshot()!.routeVersion).not.toBe(driving); // arrived: the map drops the route
  });
});

describe('household', () => {
  it('shows the window opening and closing, sensors clear, room temperatures, and what the speaker says', () => {
    const s = open('scenarios/rainstorm.yaml');
    const window = () => s.snapshot()!.household!.devices.find((d) => d.address === 'home/h1/cover.living_room_window')!;
    expect(window()).toMatchObject({ kind: 'cover', name: 'Living room window', deviceClass: 'window', state: 'closed', position: 0 });
    stepUntil(s, () => window().state === 'open');
    expect(window().position).toBe(100);
    stepUntil(s, () => window().state === 'closed' && s.snapshot()!.t > 5 * 60_000);
    const devices = s.snapshot()!.household!.devices;
    expect(devices.find((d) => d.name === 'Kitchen leak')).toMatchObject({ kind: 'binary_sensor', deviceClass: 'moisture', state: 'off' });
    expect(devices.find((d) => d.name === 'Smoke')).toMatchObject({ deviceClass: 'smoke', state: 'off' });
    const climate = devices.find((d) => d.kind === 'climate')!;
    expect(climate.temperature).toEqual(expect.any(Number));
    expect(climate.targetTemperature).toEqual(expect.any(Number));
    // Lights, screens and the speaker are not cards of their own here.
    expect(devices.some((d) => d.kind === 'light' || d.kind === 'screen' || d.kind === 'media_player')).toBe(false);
  });

  it('shows the speaker\'s answer while it is spoken, then silence', () => {
    const s = open('scenarios/home-controls-car.yaml');
    const speaker = () => s.snapshot()!.household!.speaker!;
    expect(speaker().speaking).toBeNull();
    // The first line is the arrival announcement ("alice is 5 minutes away", at the ETA lead); then the answer.
    stepUntil(s, () => speaker().speaking !== null);
    expect(speaker().speaking).toMatch(/minutes away/);
    stepUntil(s, () => /tyre|pressure|kPa|bar/i.test(speaker().speaking ?? ''));
    expect(speaker().address).toBe('home/h1/media_player.speaker');
    stepUntil(s, () => speaker().speaking === null);
  });

  it('reads a cover part way through its travel, and survives contexts that are missing or wrong', () => {
    const moving = { address: 'home/h1/cover.bedroom_window', kind: 'cover', state: 'opening', context: { position: 0, movingTowards: 100, movedAt: 1_000, travelTimeMs: 20_000 } };
    expect(deviceReading(moving, 11_000)?.position).toBe(50);
    expect(deviceReading(moving, 99_000)?.position).toBe(100);
    const closing = { ...moving, state: 'closing', context: { position: 100, movingTowards: 0, movedAt: 0, travelTimeMs: 20_000 } };
    expect(deviceReading(closing, 5_000)?.position).toBe(75);
    expect(deviceReading({ address: 'home/h1/cover.x', kind: 'cover', state: 'open', context: { position: 'wide' } }, 0)).toMatchObject({ deviceClass: 'curtain' });
    expect(deviceReading({ address: 'home/h1/climate.x', kind: 'climate', state: 'cool', context: { currentTemperature: Number.NaN } }, 0)?.temperature).toBeUndefined();
    expect(deviceReading({ address: 'home/h1/light.x', kind: 'light', state: 'on', context: {} }, 0)).toBeUndefined();
    expect(speakerStatus({ address: 'a', kind: 'media_player', state: 'speaking', context: { announcements: 'nope' } })).toMatchObject({ speaking: null, queued: 0 });
    expect(deviceName('home/h1/binary_sensor.kitchen_leak')).toBe('Kitchen leak');
    expect(deviceName('weird')).toBe('Weird');
  });
});
