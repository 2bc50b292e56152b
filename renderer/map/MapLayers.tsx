// The city map as stacked canvases sharing one camera: the city (districts, roads, places, homes) below, the cars
// (with the message arcs and pulses) on a transparent canvas above, and the cars' routes on one between them. Both render on demand, so while cars move under a still camera only the cars'
// layer redraws, and the browser composites the two. Without a GPU (SwiftShader) the cars alone cost about a third
// of the whole scene (7 of 18 ms a frame in one run): the city, which covers the whole canvas, is drawn when the
// camera moves or a home changes colour, not 60 times a second. Drawing the city into a texture and copying it
// under the cars every frame was tried too: the copy alone cost SwiftShader 5 ms a frame, while the browser
// composites the two canvases on its compositor thread, off the path of the page's frame.
import { Canvas } from '@react-three/fiber';
import { memo, useMemo, useState } from 'react';
import { useAppState, useModel } from '../app/ModelContext';
import { PerspectiveCamera } from 'three';
import type { SessionInfo } from '../../protocol';
import { symbolUnit } from './coordinates';
import { Districts } from './Districts';
import { Geofences } from './Geofences';
import { Homes } from './Homes';
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

const FILL = { position: 'absolute', inset: 0 } as const;

// Memoised: the panel re-renders whenever a home's light changes (its title counts the lit homes), and re-rendering
// this re-renders every canvas's scene graph — a thousand-car city's lights change several times a second.
export const MapLayers = memo(function MapLayers({ session, software }: { session: SessionInfo; software: boolean }) {
  // The element both canvases take pointer events from (and the orbit camera listens on), once it exists.
  const [layers, setLayers] = useState<HTMLDivElement | null>(null);
  const camera = useMemo(() => new PerspectiveCamera(45, 1, 1, 100_000), []);
  // The cars' canvas is created first, so its frame loop runs first in each animation frame: a camera moved there
  // (following a car, damping) reaches the city's canvas in the same frame. Its click handlers also run first.
  const [carsReady, setCarsReady] = useState(false);
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
      {layers !== null && <Canvas style={{ ...FILL, zIndex: 2 }} eventSource={layers} camera={camera} frameloop="demand" dpr={dpr} gl={gl}
        onCreated={() => setCarsReady(true)}>
        <RedrawOnChange />
        {/* Message arcs and pulses move every frame while they last, as the cars do: they ride on the cars' canvas. */}
        <MessageArcs session={session} unit={unit} thin={software} />
        <Pulses placer={placer} unit={unit} icons={pulseIcons} />
        <Vehicles capacity={session.vehicles.length} unit={unit} />
        <OrbitCamera bounds={map.bounds} element={layers} />
        <LabelProjector labels={labels} elements={labelElements} unit={unit} />
        <SpeechProjector slot={speech} placer={placer} unit={unit} />
      </Canvas>}
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
      {layers !== null && carsReady && (
        // The routes have a canvas of their own between the city and the cars: a thousand of them cover the city
        // like a second street map, which a CPU renderer pays for per pixel, and they change only when a snapshot
        // (a segment driven) or the camera does — not at the cars' 60 frames a second.
        <Canvas style={{ ...FILL, zIndex: 1 }} eventSource={layers} camera={camera} frameloop="demand" dpr={dpr} gl={gl}>
          <RedrawOnChange />
          <Routes story={storyCars} />
        </Canvas>
      )}
      {layers !== null && carsReady && (
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
