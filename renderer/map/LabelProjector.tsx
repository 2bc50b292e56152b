// Places the map's name tags (HTML elements over the canvas) where their things are drawn: run in the map's
// frame loop (MapLayers), which runs whenever the camera or a car moves, so a tag follows its car without React state per
// frame. Each tag's element is written only when its pixel position changes.
import { useFrame } from '@react-three/fiber';
import { Vector3 } from 'three';
import { useModel } from '../app/ModelContext';
import type { MapLabel } from './map-labels';

/** The tags' elements by key, filled by the overlay's refs (MapLabelsOverlay). */
export type LabelElements = Map<string, HTMLElement>;

/** Height above the ground a tag points at, in symbol units (just above a home's roof). */
const LIFT = 2.2;

export function LabelProjector({ labels, elements, unit }: { labels: MapLabel[]; elements: LabelElements; unit: number }) {
  const model = useModel();
  const point = new Vector3();
  useFrame(({ camera, size }) => {
    for (const label of labels) {
      const el = elements.get(label.key);
      if (el === undefined) continue;
      let x: number;
      let z: number;
      if (label.at) [x, , z] = label.at;
      else {
        const at = model.renderStats.vehicleScenePoint?.(label.vehicleId!);
        if (at === undefined) {
          el.style.visibility = 'hidden';
          continue;
        }
        [x, z] = at;
      }
      point.set(x, LIFT * unit, z).project(camera);
      const visible = point.z < 1 && Math.abs(point.x) <= 1.05 && Math.abs(point.y) <= 1.05;
      el.style.visibility = visible ? 'visible' : 'hidden';
      if (!visible) continue;
      const transform = `translate(${Math.round(((point.x + 1) / 2) * size.width)}px, ${Math.round(((1 - point.y) / 2) * size.height)}px) translate(-50%, -100%)`;
      if (el.style.transform !== transform) el.style.transform = transform;
    }
  });
  return null;
}
