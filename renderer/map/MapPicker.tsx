// The map's things as a list a keyboard can reach (issue 18, accessibility): every home, car and workplace or charger
// of the scene, grouped. Choosing one does what clicking it on the map does — a home opens its front-door lock in the
// inspector, a car its drive — and brings the camera over it; a place, which has no twin, brings the camera there.
import { invalidate } from '@react-three/fiber';
import { memo } from 'react';
import type { SessionInfo } from '../../protocol';
import { useAppState, useModel } from '../app/ModelContext';
import type { AppModel } from '../state/app-model';

/** The twin a map click on this home opens: its front-door lock, else its first device (as Homes.tsx does). */
export function homeTwin(session: SessionInfo, homeId: string): string | null {
  const twins = session.twins.filter((t) => t.address.startsWith(`home/${homeId}/`));
  return (twins.find((t) => t.kind === 'lock') ?? twins[0])?.address ?? null;
}

/** The picker's value for the current selection: `home:<id>`, `car:<id>`, or '' for anything else. */
export function pickedValue(selectedTwin: string | null): string {
  const home = /^home\/([^/]+)\//.exec(selectedTwin ?? '')?.[1];
  if (home !== undefined) return `home:${home}`;
  const car = /^vehicle\/([^/]+)\//.exec(selectedTwin ?? '')?.[1];
  return car === undefined ? '' : `car:${car}`;
}

/** Acts on a picked value; returns false for a value that names nothing in this session. */
export function pick(model: AppModel, session: SessionInfo, value: string): boolean {
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === 'home') {
    const home = session.homes.find((h) => h.id === id);
    if (home === undefined) return false;
    model.selectTwin(homeTwin(session, id));
    model.renderStats.mapFocus = [home.x, -home.y];
  } else if (kind === 'car') {
    if (!session.vehicles.some((v) => v.id === id)) return false;
    model.selectTwin(`vehicle/${id}/drive`);
    const at = model.renderStats.vehicleScenePoint?.(id);
    if (at !== undefined) model.renderStats.mapFocus = at;
  } else if (kind === 'place') {
    const place = session.map.places.find((p) => p.id === id);
    if (place === undefined) return false;
    model.renderStats.mapFocus = [place.x, -place.y];
  } else {
    return false;
  }
  invalidate(); // the map renders on demand: the camera moves on its next frame
  return true;
}

// Memoised: the panel's title re-renders it whenever a home's light changes, and a 1,000-home city lists 2,000 options.
export const MapPicker = memo(function MapPicker({ session }: { session: SessionInfo }) {
  const model = useModel();
  const value = useAppState((s) => pickedValue(s.selectedTwin));
  const places = session.map.places.filter((p) => p.kind === 'workplace' || p.kind === 'charger');
  return (
    <select className="map-picker" data-testid="map-picker" aria-label="Find on the map: homes, cars and places" value={value}
      onChange={(e) => void pick(model, session, e.target.value)}>
      <option value="">Find on the map…</option>
      <optgroup label="Homes">{session.homes.map((h) => <option key={h.id} value={`home:${h.id}`}>Home {h.id}</option>)}</optgroup>
      <optgroup label="Cars">{session.vehicles.map((v) => <option key={v.id} value={`car:${v.id}`}>Car {v.id}{v.ownerId ? ` · ${v.ownerId}` : ''}</option>)}</optgroup>
      {places.length > 0 && <optgroup label="Places">{places.map((p) => <option key={p.id} value={`place:${p.id}`}>{p.name} ({p.kind})</option>)}</optgroup>}
    </select>
  );
});
