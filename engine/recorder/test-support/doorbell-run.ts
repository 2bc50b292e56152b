// A small but complete run for recorder tests: the seed's "doorbell across screens" scene — doorbell press,
// picture-in-picture on the car screen, occupant confirms, remote unlock — with a geofence location signal and
// optionally credentials inside payloads (which must never land in a recording).
import { cloudHops, RunBuilder, type SyntheticRun } from './synthetic-run';

export interface DoorbellVariant {
  idPrefix?: string;
  /** Target temperature asked of the AC (payload change tests). */
  targetTemperature?: number;
  /** Latencies of the three unlock hops. */
  unlockLatency?: [number, number, number];
  /** Leave out the car-screen notification. */
  dropNotification?: boolean;
  /** Send the unlock before the lock status query (order tests: same destination). */
  unlockBeforeQuery?: boolean;
  /** Final lock state. */
  lockEndState?: string;
  /** Put an access token and a password into payloads. */
  withSecrets?: boolean;
}

export function doorbellRun(v: DoorbellVariant = {}): SyntheticRun {
  const b = new RunBuilder(7, v.idPrefix ?? 'a');
  const lock = 'home/h1/lock.front_door';
  const car = 'vehicle/car1';
  b.twin(lock, 'lock', 'locked').twin('home/h1/climate.living_room', 'climate', 'off').twin(car, 'vehicle', 'driving');
  b.at(1000).event('doorbell.pressed', 'home/h1/doorbell', { device_class: 'doorbell' });
  if (!v.dropNotification) {
    b.at(1080).message({
      source: 'home/h1/doorbell', destination: `${car}/screen`, topic: 'home/h1/doorbell/ring', kind: 'event', flow: 'doorbell',
      payload: { picture_in_picture: true, camera: 'camera.front_door' },
      hops: cloudHops('home/h1/doorbell', `${car}/screen`).reverse().map((h) => ({ ...h, from: h.to, to: h.from })),
    });
  }
  b.at(1500).message({
    source: car, destination: 'home/h1/climate.living_room', topic: 'home/h1/climate/set', flow: 'climate',
    payload: { hvac_mode: 'cool', target_temperature: v.targetTemperature ?? 22 },
    hops: cloudHops(car, 'home/h1/climate.living_room'),
  });
  b.twin('home/h1/climate.living_room', 'climate', 'cool', { target_temperature: v.targetTemperature ?? 22 });
  b.at(2000).event('prompt.answered', `${car}/screen`, { answer: 'unlock', confirmed_safe: true });
  const query = {
    source: car, destination: lock, topic: 'home/h1/lock/get', kind: 'query' as const, flow: 'unlock',
    payload: { attributes: ['is_locked'] }, hops: cloudHops(car, lock),
  };
  const unlock = {
    source: car, destination: lock, topic: 'home/h1/lock/unlock', flow: 'unlock',
    payload: { code: 'signed', ...(v.withSecrets ? { accessToken: 'eyJhbGciOi.secret.token' } : {}), 'Vehicle.CurrentLocation.Latitude': 31.230416, 'Vehicle.CurrentLocation.Longitude': 121.473701 },
    hops: cloudHops(car, lock, v.unlockLatency ?? [40, 25, 15]),
  };
  const [first, second] = v.unlockBeforeQuery ? [unlock, query] : [query, unlock];
  b.at(2100).message(first);
  b.at(2300).message(second);
  b.twin(lock, 'lock', v.lockEndState ?? 'unlocked').event('lock.unlocked', lock, { method: 'remote' });
  b.at(2400).message({
    source: car, destination: 'cloud/vehicle', topic: 'vehicle/car1/status', kind: 'event', flow: 'status',
    payload: { position: { lat: 31.230416, lon: 121.473701 }, speed: 32.5, ...(v.withSecrets ? { auth: { password: 'hunter2', user: 'ana' } } : {}) },
    hops: [{ from: car, to: 'cloud/vehicle', link: 'cellular', latencyMs: 45 }], failure: 'lost',
  });
  return b.build();
}
