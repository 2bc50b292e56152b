// What the renderer shows ~10 times a second: where each car is, how each home looks (lit, lock, climate,
// charging) and what the watched screens display. Built from the twins' current state; nothing here decides
// anything, it only reads.
import type { FlowSnapshot, HomeStatus, ScreenInfo, ScreenStatus, Snapshot, VehicleTuple } from '../../protocol';
import type { HomeTwin } from '../../twins/sim/home-twin';
import type { ScreenContext } from '../../twins/home/screen.machine';
import type { Simulation } from '../../twins/sim/simulation';
import type { TwinActor } from '../../twins/sim/twin-actor';
import { liveHousehold, routeVersion } from './household-view';

const DAY_MS = 86_400_000;

export function timeOfDay(t: number, startTimeOfDayMs: number): string {
  const ms = (((startTimeOfDayMs + t) % DAY_MS) + DAY_MS) % DAY_MS;
  const s = Math.floor(ms / 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

export function vehicleTuples(sim: Simulation): VehicleTuple[] {
  const t = sim.now;
  const out: VehicleTuple[] = [];
  for (const vehicle of sim.vehicles.values()) {
    const p = vehicle.positionAt(t);
    out.push([vehicle.id, round1(p.x), round1(p.y), Math.round(p.headingDeg), round1(p.speedKph)]);
  }
  return out;
}

export function homeStatus(home: HomeTwin): HomeStatus {
  return homeStatusOf(home.id, [...home.devices.values()]);
}

/** A home's status from its devices' kinds and states, in creation order: a live home's or a replayed one's. */
export function homeStatusOf(id: string, devices: readonly { kind: string; state: string }[]): HomeStatus {
  const lightsOn = devices.filter((d) => d.kind === 'light' && d.state === 'on').length;
  const first = (kind: string): { state: string } | undefined => devices.find((d) => d.kind === kind);
  return {
    id,
    lit: lightsOn > 0,
    lightsOn,
    lock: first('lock')?.state ?? null,
    hvacMode: first('climate')?.state ?? null,
    charging: first('evse')?.state === 'charging',
  };
}

export function screenStatus(twin: TwinActor): ScreenStatus {
  return screenStatusOf(twin.id, twin.context as unknown as ScreenContext);
}

/** What a screen shows, from its machine's context: a live twin's, or one rebuilt from a recording. */
export function screenStatusOf(address: string, ctx: ScreenContext): ScreenStatus {
  const prompt = ctx.activePrompt;
  return {
    address,
    // The panel shows a handful; the twin keeps up to its own bound.
    notifications: ctx.notifications.slice(0, 5).map((n) => ({ ...n })),
    prompt: prompt === null ? null : {
      id: prompt.id, question: prompt.question, options: [...prompt.options], shownAt: prompt.shownAt, expiresAt: prompt.shownAt + prompt.expiresAfterMs,
    },
    pip: ctx.pictureInPicture === null ? null : { ...ctx.pictureInPicture },
  };
}

/**
 * The screens of one household, in the order the panel lays them out: car screen, central panel, TV, phone.
 * The household is the first user's (or the first home and car when the scene has no users): a 1,000-home
 * neighbourhood would otherwise send 2,000 screens ten times a second.
 */
export function watchedScreens(sim: Simulation): ScreenInfo[] {
  const user = [...sim.users.values()][0];
  const homeId = user?.homeId ?? [...sim.homes.keys()][0];
  const vehicleId = user?.vehicleId ?? [...sim.vehicles.keys()][0];
  const screens: ScreenInfo[] = [];
  if (vehicleId !== undefined && sim.vehicles.has(vehicleId)) screens.push({ address: `vehicle/${vehicleId}/screen`, role: 'car', label: `Car screen (${vehicleId})` });
  if (homeId !== undefined && sim.homes.has(homeId)) {
    for (const screen of sim.home(homeId).devicesOfType('screen')) {
      const tv = screen.id.endsWith('.tv');
      const panel = screen.id.includes('central_panel');
      screens.push({ address: screen.id, role: tv ? 'tv' : panel ? 'panel' : 'screen', label: `${tv ? 'TV' : panel ? 'Central panel' : screen.id.split('/').pop()} (${homeId})` });
    }
  }
  if (user !== undefined && sim.phones.has(user.id)) screens.push({ address: `phone/${user.id}/screen`, role: 'phone', label: `Phone (${user.id})` });
  return screens;
}

export function buildSnapshot(
  sim: Simulation, screens: readonly ScreenInfo[], firedSteps: { id: string; t: number }[], messageCount: number,
): Snapshot {
  return {
    t: sim.now,
    timeOfDay: timeOfDay(sim.now, sim.spec.startTimeOfDayMs ?? 0),
    vehicles: vehicleTuples(sim),
    homes: [...sim.homes.values()].map(homeStatus),
    screens: screens.flatMap((s) => {
      const twin = sim.twin(s.address);
      return twin ? [screenStatus(twin)] : [];
    }),
    firedSteps: firedSteps.map((s) => ({ ...s })),
    messageCount,
    ...flowsOf(sim),
    routeVersion: routeVersion(sim),
    household: liveHousehold(sim),
  };
}

function flowsOf(sim: Simulation): { flows?: FlowSnapshot[] } {
  const flows = sim.flows.network.views();
  return flows.length === 0 ? {} : { flows: flows.map((f) => ({ ...f, links: [...f.links] })) };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
