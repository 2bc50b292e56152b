// Which things on the map get a name tag (issue 18: a map that tells the car–home story). Names are HTML over the
// canvas, placed by the frame loop (LabelProjector), so they stay sharp and cost nothing to draw; but a city of
// 1,000 homes and cars cannot name them all. The households the scene is about (those with device screens) are
// always named; everything is named in a small scene; past the caps, only those.
import type { SessionInfo } from '../../protocol';
import { toScene } from './coordinates';

export type LabelKind = 'home' | 'car' | 'workplace' | 'charger';

export interface MapLabel {
  key: string;
  kind: LabelKind;
  text: string;
  /** Fixed ground point in the scene (homes and places); cars are looked up each frame. */
  at?: [number, number, number];
  vehicleId?: string;
}

/** Past these counts a kind is named only where the scene is about it. */
export const LABEL_CAPS = { home: 24, car: 24, place: 24 } as const;

const idAt = (address: string, kind: 'home' | 'vehicle'): string | undefined => new RegExp(`^${kind}/([^/]+)/`).exec(address)?.[1];

export function mapLabels(session: SessionInfo): MapLabel[] {
  const storyHomes = new Set(session.screens.flatMap((s) => idAt(s.address, 'home') ?? []));
  const storyCars = new Set(session.screens.flatMap((s) => idAt(s.address, 'vehicle') ?? []));
  for (const v of session.vehicles) if (v.homeId !== undefined && storyHomes.has(v.homeId)) storyCars.add(v.id);
  const homes = session.homes.length <= LABEL_CAPS.home ? session.homes : session.homes.filter((h) => storyHomes.has(h.id));
  const cars = session.vehicles.length <= LABEL_CAPS.car ? session.vehicles : session.vehicles.filter((v) => storyCars.has(v.id));
  const places = session.map.places.filter((p) => p.kind === 'workplace' || p.kind === 'charger');
  const shownPlaces = places.length <= LABEL_CAPS.place ? places : [];
  return [
    ...homes.map((h): MapLabel => ({ key: `home-${h.id}`, kind: 'home', text: `⌂ ${h.id}`, at: toScene(h.x, h.y) })),
    ...shownPlaces.map((p): MapLabel => ({ key: `place-${p.id}`, kind: p.kind as 'workplace' | 'charger', text: p.name, at: toScene(p.x, p.y) })),
    ...cars.map((v): MapLabel => ({ key: `car-${v.id}`, kind: 'car', text: v.ownerId ? `${v.id} · ${v.ownerId}` : v.id, vehicleId: v.id })),
  ];
}
