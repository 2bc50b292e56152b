// What the map and the device cards show beyond positions: every driving car's planned route (the map draws it,
// dimming the part already driven), and the watched household's windows, sensors, climate and speaker (issue 18,
// outcomes). Read from the twins' state, live or rebuilt from a recording; nothing here decides anything.
import type { DeviceReading, HouseholdStatus, SpeakerStatus, VehicleRoute } from '../../protocol';
import { isWindowCover } from '../../twins/home/cover-kind';
import { currentTemperatureAt, type RoomThermalState } from '../../twins/home/room-thermal';
import type { Simulation } from '../../twins/sim/simulation';

/** The device kinds a card reads state from; lights, fans and screens have their own views. */
const SHOWN_KINDS = new Set(['cover', 'binary_sensor', 'climate', 'lock', 'alarm_control_panel']);

/** A device as `household` reads it: a live twin or one folded from a recording. */
export interface DeviceState {
  address: string;
  kind: string;
  state: string;
  context: Readonly<Record<string, unknown>>;
}

/** `living_room_window` → `Living room window`. */
export function deviceName(address: string): string {
  const entity = address.split('/').pop() ?? address;
  const words = entity.slice(entity.indexOf('.') + 1).replace(/_/g, ' ').trim();
  return words.length === 0 ? entity : words[0]!.toUpperCase() + words.slice(1);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** One card's reading. A cover's position is folded to `t` (it moves between events); so is a room's temperature. */
export function deviceReading(d: DeviceState, t: number): DeviceReading | undefined {
  if (!SHOWN_KINDS.has(d.kind)) return undefined;
  const reading: DeviceReading = { address: d.address, kind: d.kind, name: deviceName(d.address), state: d.state };
  const c = d.context;
  if (d.kind === 'cover') {
    reading.deviceClass = isWindowCover(d.address) ? 'window' : 'curtain';
    const position = num(c['position']);
    const towards = num(c['movingTowards']);
    const travel = num(c['travelTimeMs']) ?? 0;
    const movedAt = num(c['movedAt']) ?? 0;
    if (position !== undefined) {
      // The cover's own rule: it heads for `movingTowards` at 100 % per travel time from `movedAt`.
      const step = travel > 0 ? (100 * Math.max(0, t - movedAt)) / travel : 100;
      const now = towards === undefined ? position : towards > position ? Math.min(towards, position + step) : Math.max(towards, position - step);
      reading.position = Math.round(now);
    }
  } else if (d.kind === 'binary_sensor') {
    if (typeof c['deviceClass'] === 'string') reading.deviceClass = c['deviceClass'];
  } else if (d.kind === 'climate') {
    const room = c as unknown as RoomThermalState;
    if (num(room.currentTemperature) !== undefined) reading.temperature = round1(currentTemperatureAt(room, Math.max(t, room.updatedAt)));
    const target = num(room.targetTemperature);
    if (target !== undefined) reading.targetTemperature = target;
  }
  return reading;
}

/** The speaker's line being spoken now (the head of its announcement queue), or null when silent. */
export function speakerStatus(d: DeviceState): SpeakerStatus {
  const queue = Array.isArray(d.context['announcements']) ? (d.context['announcements'] as { text?: unknown }[]) : [];
  const head = queue[0];
  return {
    address: d.address,
    speaking: d.state.includes('speaking') && typeof head?.text === 'string' ? head.text : null,
    since: num(d.context['speakingSince']) ?? 0,
    queued: Math.max(0, queue.length - 1),
  };
}

/** The household's cards and speaker, from its devices in creation order. */
export function household(homeId: string, devices: readonly DeviceState[], t: number): HouseholdStatus {
  const speaker = devices.find((d) => d.kind === 'media_player');
  return {
    homeId,
    devices: devices.flatMap((d) => deviceReading(d, t) ?? []),
    speaker: speaker === undefined ? null : speakerStatus(speaker),
  };
}

/** The watched household of a live run: the first user's home (as watchedScreens picks it), or the first home. */
export function liveHousehold(sim: Simulation): HouseholdStatus | null {
  const homeId = [...sim.users.values()][0]?.homeId ?? [...sim.homes.keys()][0];
  if (homeId === undefined || !sim.homes.has(homeId)) return null;
  const devices = [...sim.home(homeId).devices.values()].map((twin) => ({ address: twin.id, kind: twin.kind, state: twin.state, context: twin.context }));
  return household(homeId, devices, sim.now);
}

/** Changes whenever any car starts a trip or arrives: cheap enough to send ten times a second. */
export function routeVersion(sim: Simulation): number {
  let version = 0;
  for (const v of sim.vehicles.values()) version += 2 * v.tripsStarted + (v.isDriving ? 1 : 0);
  return version;
}

/** Every driving car's trip: its start, each segment's end, and when the car gets there. */
export function vehicleRoutes(sim: Simulation): VehicleRoute[] {
  const routes: VehicleRoute[] = [];
  for (const v of sim.vehicles.values()) {
    const trip = v.currentTrip;
    if (trip === undefined || trip.segments.length === 0) continue;
    const first = trip.segments[0]!;
    const points = [round1(first.x0), round1(first.y0)];
    const times = [Math.round(first.startTime)];
    for (const s of trip.segments) {
      points.push(round1(s.x1), round1(s.y1));
      times.push(Math.round(s.endTime));
    }
    routes.push({ id: v.id, departAt: Math.round(trip.departAt), arriveAt: Math.round(trip.arriveAt), points, times });
  }
  return routes;
}
