// A canvas whose picture changes now and then (the routes: when a car finishes a segment) is still asked for a
// frame at every snapshot, so that its frame loop can look; r3f's demand frameloop then draws it each time. Without
// a GPU each such draw costs a clear, the redraw and a read-back of the canvas's pixels for the compositor, all for
// the same picture. This takes the drawing over (a frame callback with a positive priority: r3f then leaves
// gl.render to it) and draws only when the content says it changed, the camera moved or the canvas was resized.
// Not drawn to, a WebGL canvas keeps showing its last picture. The map's moving layer (a 2D canvas, MovingLayer.tsx)
// draws through it too, with its own `draw`.
import { useFrame, type RootState } from '@react-three/fiber';
import { useMemo } from 'react';
import { Matrix4 } from 'three';

/** What a layer's frame loop sets when its picture changed; the draw clears it. */
export interface ContentChange {
  changed: boolean;
}

const renderScene = ({ gl, scene, camera }: RootState): void => gl.render(scene, camera);

export function useDrawWhenChanged(content: ContentChange, draw: (state: RootState) => void = renderScene): void {
  const drawn = useMemo(() => ({ view: new Matrix4(), projection: new Matrix4(), width: -1, height: -1, dpr: -1 }), []);
  useFrame((state) => {
    const { camera, size, viewport } = state;
    camera.updateMatrixWorld();
    const moved = !drawn.view.equals(camera.matrixWorld) || !drawn.projection.equals(camera.projectionMatrix);
    const resized = size.width !== drawn.width || size.height !== drawn.height || viewport.dpr !== drawn.dpr;
    if (!content.changed && !moved && !resized) return;
    drawn.view.copy(camera.matrixWorld);
    drawn.projection.copy(camera.projectionMatrix);
    drawn.width = size.width;
    drawn.height = size.height;
    drawn.dpr = viewport.dpr;
    content.changed = false;
    draw(state);
  }, 1);
}
