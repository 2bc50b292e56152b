// A pulse where something happens (map-events.ts): a ring spreading on the ground in the moment's colour, and a
// badge naming it above it (an HTML element of a fixed pool, placed by the frame loop like the name tags). One instanced ring
// mesh for all pulses; a pulse ripples for PULSE_MS of wall time after it was seen, so it shows at any run speed.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { Color, DoubleSide, InstancedMesh, MeshBasicMaterial, Object3D, RingGeometry, Vector3 } from 'three';
import { useModel } from '../app/ModelContext';
import { MAX_PULSES, type Pulse, type PulseKind } from '../state/map-events';
import type { Placer } from './MessageArcs';

/** Each moment's colour and the badge over it (words, not emoji: a kiosk or CI browser may lack an emoji font). */
export const PULSE_LOOKS: Record<PulseKind, { colour: string; label: string }> = {
  doorbell: { colour: '#38bdf8', label: 'Doorbell' },
  alarm: { colour: '#ef4444', label: 'Alarm' },
  rain: { colour: '#818cf8', label: 'Rainstorm' },
  refused: { colour: '#facc15', label: 'Attack refused' },
};

export const PULSE_MS = 4_000;
/** Icons shown at once (the newest pulses). */
export const PULSE_ICONS = 6;
const RIPPLE_MS = 1_000;
const NO_PULSES: readonly Pulse[] = [];

export function Pulses({ placer, unit, icons }: { placer: Placer; unit: number; icons: readonly (HTMLElement | null)[] }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const mesh = useMemo(() => {
    const ring = new RingGeometry(0.8, 1, 40);
    ring.rotateX(-Math.PI / 2);
    const m = new InstancedMesh(ring, new MeshBasicMaterial({ transparent: true, opacity: 0.9, side: DoubleSide, depthWrite: false }), MAX_PULSES);
    m.count = 0;
    m.frustumCulled = false;
    m.renderOrder = 6;
    return m;
  }, []);
  useLayoutEffect(() => () => {
    mesh.geometry.dispose();
    (mesh.material as MeshBasicMaterial).dispose();
  }, [mesh]);
  useEffect(() => model.messages.subscribe(() => invalidate()), [model, invalidate]);

  const scratch = useMemo(() => ({ o: new Object3D(), c: new Color(), p: new Vector3(), colours: Object.fromEntries(Object.entries(PULSE_LOOKS).map(([k, v]) => [k, new Color(v.colour)])) as Record<PulseKind, Color> }), []);

  useFrame(({ camera, size }) => {
    // Off: no pulse is current, so none is drawn and every badge is hidden by the loops below.
    const pulses = model.store.get().storyLayers ? model.mapEvents.pulses : NO_PULSES;
    const now = performance.now();
    const { o, p, colours } = scratch;
    let n = 0;
    let shownIcons = 0;
    // Newest first, so the icons go to the latest moments.
    for (let i = pulses.length - 1; i >= 0; i--) {
      const pulse = pulses[i]!;
      const age = now - pulse.seenAt;
      if (age > PULSE_MS) break; // older ones are older still
      const at = placer(pulse.at);
      if (at === undefined) continue;
      const ripple = (age % RIPPLE_MS) / RIPPLE_MS;
      o.position.set(at[0], 3, at[1]);
      o.scale.setScalar(unit * (1.5 + 5 * ripple));
      o.updateMatrix();
      mesh.setMatrixAt(n, o.matrix);
      mesh.setColorAt(n, colours[pulse.kind]);
      n++;
      const el = shownIcons < icons.length ? icons[shownIcons] : null;
      if (el) {
        p.set(at[0], 7 * unit, at[1]).project(camera);
        const visible = p.z < 1 && Math.abs(p.x) <= 1.05 && Math.abs(p.y) <= 1.05;
        el.style.visibility = visible ? 'visible' : 'hidden';
        if (el.dataset['kind'] !== pulse.kind) {
          el.dataset['kind'] = pulse.kind;
          el.textContent = PULSE_LOOKS[pulse.kind].label;
          el.style.borderColor = PULSE_LOOKS[pulse.kind].colour;
        }
        el.style.transform = `translate(${Math.round(((p.x + 1) / 2) * size.width)}px, ${Math.round(((1 - p.y) / 2) * size.height)}px) translate(-50%, -100%)`;
        shownIcons++;
      }
    }
    for (let i = shownIcons; i < icons.length; i++) {
      const el = icons[i];
      if (el && el.style.visibility !== 'hidden') el.style.visibility = 'hidden';
    }
    if (n !== mesh.count || n > 0) {
      mesh.count = n;
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
    model.renderStats.layers.pulses = n;
    if (n > 0) invalidate();
  });

  return <primitive object={mesh} />;
}
