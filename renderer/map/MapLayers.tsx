// The city map as stacked layers sharing one camera: the city (districts, roads, places, homes) on a WebGL canvas
// below, the cars' routes on a WebGL canvas above it, and on top the moving layer — cars, message arcs, pulses — on a
// 2D canvas (MovingLayer.tsx says why not WebGL). The WebGL canvases render on demand and redraw only when their
// picture changes: while cars move under a still camera only the moving layer redraws, and the browser composites
// the three. The city, which covers the whole canvas, is drawn when the camera moves, not 60 times a second (a home's
// look is its roof on the moving layer: home-roofs.ts). Drawing the city into a texture and copying it under the cars every frame was tried too: the
// copy alone cost SwiftShader 5 ms a frame, while the browser composites the canvases on its compositor thread.
import { Canvas } from '@react-three/fiber';
import { memo, useMemo, useState } from 'react';
import { useAppState, useModel } from '../app/ModelContext';
import { PerspectiveCamera } from 'three';
import type { SessionInfo } from '../../protocol';
import { symbolUnit } from './coordinates';
import { Districts } from './Districts';
import { Geofences } from './Geofences';
import { Homes } from './Homes';
import { HomeRoofs } from './HomeRoofs';
import { ARCHITECTURE_COLOURS, MessageArcs, makePlacer } from './MessageArcs';
import { PULSE_ICONS, PULSE_LOOKS, Pulses } from './Pulses';
import { ROUTE_COLOUR, Routes } from './Routes';
import { LabelProjector, type LabelElements } from './LabelProjector';
import { mapLabels } from './map-labels';
import { OrbitCamera } from './OrbitCamera';
import { Places } from './Places';
import { RedrawOnChange } from './RedrawOnChange';
import { Roads } from './Roads';
import { SpeechBubbleOnMap, SpeechProjector, type SpeechSlot } from './SpeechOnMap';
import { Vehicles } from './Vehicles';
import { createMovingLayer, MovingLayerDraw } from './MovingLayer';

const FILL = { position: 'absolute', inset: 0 } as const;

// Memoised: the panel re-renders whenever a home's light changes (its title counts the lit homes), and re-rendering
// this re-renders every canvas's scene graph — a thousand-car city's lights change several times a second.
export const MapLayers = memo(function MapLayers({ session, software }: { session: SessionInfo; software: boolean }) {
  // The element every layer takes pointer events from (and the orbit camera listens on), once it exists.
  const [layers, setLayers] = useState<HTMLDivElement | null>(null);
  const camera = useMemo(() => new PerspectiveCamera(45, 1, 1, 100_000), []);
  // The routes' canvas hosts the map's frame loop (the moving layer's updates and draw, the camera, the tags) and is
  // created first, so its frame loop runs first in each animation frame: a camera moved there (following a car,
  // damping) reaches the city's canvas in the same frame. Its click handlers (the cars') also run first.
  const [loopReady, setLoopReady] = useState(false);
  const moving = useMemo(createMovingLayer, []);
  const { map } = session;
  const unit = symbolUnit(map.bounds);
  // A CPU renderer pays for every pixel and every multisample: one sample per CSS pixel there (render-profile.ts).
  const dpr = software ? 1 : ([1, 2] as [number, number]);
  const gl = { antialias: !software };
  const labels = useMemo(() => mapLabels(session), [session]);
  // The cars whose routes a crowded map still draws: those the name tags are for (the scene's household).
  const storyCars = useMemo(() => new Set(labels.flatMap((l) => (l.vehicleId === undefined ? [] : [l.vehicleId]))), [labels]);
  const labelElements = useMemo<LabelElements>(() => new Map(), []);
  const model = useModel();
  const storyLayers = useAppState((s) => s.storyLayers);
  const placer = useMemo(() => makePlacer(session, (id) => model.renderStats.vehicleScenePoint?.(id)), [session, model]);
  // The pulses' icons: a fixed pool of elements the pulse layer's frame loop fills and places.
  const pulseIcons = useMemo<(HTMLElement | null)[]>(() => Array.from({ length: PULSE_ICONS }, () => null), []);
  const speech = useMemo<SpeechSlot>(() => ({ el: null }), []);
  return (
    <div ref={setLayers} data-testid="map-canvas" data-geofences={session.geofences.length} style={{ position: 'relative' }}>
      <canvas ref={(el) => void (moving.canvas = el)} data-testid="map-moving-layer" style={{ ...FILL, zIndex: 2, width: '100%', height: '100%' }} />
      {layers !== null && (
        // The routes have a WebGL canvas of their own between the city and the moving layer: a thousand of them cover
        // the city like a second street map, which a CPU renderer pays for per pixel, and they change only when a
        // snapshot (a segment driven) or the camera does — not at the cars' 60 frames a second.
        <Canvas style={{ ...FILL, zIndex: 1 }} eventSource={layers} camera={camera} frameloop="demand" dpr={dpr} gl={gl}
          onCreated={() => setLoopReady(true)}>
          <RedrawOnChange />
          <HomeRoofs homes={session.homes} unit={unit} layer={moving} />
          <Vehicles capacity={session.vehicles.length} unit={unit} layer={moving} software={software} />
          <MessageArcs session={session} unit={unit} layer={moving} />
          <Pulses placer={placer} unit={unit} icons={pulseIcons} layer={moving} />
          <OrbitCamera bounds={map.bounds} element={layers} />
          <LabelProjector labels={labels} elements={labelElements} unit={unit} />
          <SpeechProjector slot={speech} placer={placer} unit={unit} />
          <Routes story={storyCars} />
          <MovingLayerDraw layer={moving} />
        </Canvas>
      )}
      <div className="map-labels" data-testid="map-labels" aria-hidden="true">
        {labels.map((l) => (
          <span key={l.key} className={`map-label map-label-${l.kind}`} data-testid="map-label" data-key={l.key} style={{ visibility: 'hidden' }}
            ref={(el) => void (el ? labelElements.set(l.key, el) : labelElements.delete(l.key))}>{l.text}</span>
        ))}
      </div>
      <div className="map-labels map-pulses" aria-hidden="true">
        {pulseIcons.map((_, i) => (
          <span key={i} className="map-pulse" data-testid="map-pulse" style={{ visibility: 'hidden' }} ref={(el) => void (pulseIcons[i] = el)} />
        ))}
      </div>
      <SpeechBubbleOnMap slot={speech} />
      {storyLayers && <LayersLegend architecture={session.architecture} />}
      {layers !== null && loopReady && (
        <Canvas style={FILL} eventSource={layers} camera={camera} frameloop="demand" dpr={dpr} gl={{ ...gl, alpha: false }}>
          <color attach="background" args={['#0d1117']} />
          <ambientLight intensity={1.1} />
          <directionalLight position={[1000, 3000, 1500]} intensity={1.6} />
          <Districts districts={map.districts} />
          <Roads map={map} />
          <Places places={map.places} unit={unit} />
          <Geofences fences={session.geofences} />
          <Homes homes={session.homes} unit={unit} />
        </Canvas>
      )}
    </div>
  );
});

/** What the story's layers mean, over the map's corner (the panel's header keeps the city's own legend). */
function LayersLegend({ architecture }: { architecture: SessionInfo['architecture'] }) {
  return (
    <ul className="map-legend small" data-testid="legend-layers" aria-label="Map layers">
      <li><i className="legend-line" style={{ borderColor: ROUTE_COLOUR }} /> route (dim: driven)</li>
      <li><i className="legend-arc" style={{ borderColor: ARCHITECTURE_COLOURS[architecture] }} /> message · {architecture}</li>
      {Object.entries(PULSE_LOOKS).map(([kind, look]) => (
        <li key={kind} data-kind={kind}><i className="legend-ring" style={{ borderColor: look.colour }} /> {look.label.toLowerCase()}</li>
      ))}
    </ul>
  );
}
