// The map's canvas renders on demand (frameloop="demand"): a frame is drawn only when something on it changes, so
// a paused or finished run costs no rendering and leaves the page's main thread to the other panels. This asks for
// a frame whenever the store changes a fact the map shows: a new snapshot (cars, home colours), the selection or
// the followed car. The cars' easing and the camera's damping ask for their own next frames.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { useModel } from '../app/ModelContext';

export function RedrawOnChange() {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    let last = model.store.get();
    return model.store.subscribe(() => {
      const now = model.store.get();
      if (now.snapshot !== last.snapshot || now.selectedTwin !== last.selectedTwin || now.followedVehicle !== last.followedVehicle || now.storyLayers !== last.storyLayers) invalidate();
      last = now;
    });
  }, [model, invalidate]);
  return null;
}
