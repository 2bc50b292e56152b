// City map: the roads, districts, homes (lit by their device state), workplaces, chargers and cars in 3D, with an
// orbit camera. Click a car or a home to open it in the twin inspector.
import { Canvas } from '@react-three/fiber';
import { Component, useMemo, type ReactNode } from 'react';
import { Panel } from '../app/Panel';
import { useAppState } from '../app/ModelContext';
import { symbolUnit } from '../map/coordinates';
import { Districts } from '../map/Districts';
import { HOME_COLOURS, Homes } from '../map/Homes';
import { OrbitCamera } from '../map/OrbitCamera';
import { Places } from '../map/Places';
import { Roads } from '../map/Roads';
import { Vehicles } from '../map/Vehicles';

function webGlAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) !== null;
  } catch {
    return false;
  }
}

class CanvasErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(error: Error) {
    return { error: error.message };
  }
  override render() {
    return this.state.error === null ? this.props.children : <p className="map-message">The 3D map could not start: {this.state.error}</p>;
  }
}

export function CityMapPanel() {
  const session = useAppState((s) => s.session);
  const homeCount = useAppState((s) => s.snapshot?.homes.length ?? 0);
  const litCount = useAppState((s) => s.snapshot?.homes.filter((h) => h.lit).length ?? 0);
  const webgl = useMemo(webGlAvailable, []);
  const map = session?.map;
  const legend = (
    <span className="legend small">
      <i style={{ background: HOME_COLOURS.lit }} /> lit <i style={{ background: HOME_COLOURS.charging }} /> charging
      <i style={{ background: HOME_COLOURS.dark }} /> dark <i style={{ background: '#f97316' }} /> car <i style={{ background: HOME_COLOURS.selected }} /> selected
    </span>
  );
  return (
    <Panel title={map ? `City map — ${map.name} (${litCount}/${homeCount} homes lit)` : 'City map'} testId="city-map" tools={legend} flush>
      {!webgl && <p className="map-message">This browser has no WebGL, so the 3D map cannot be drawn. The other panels work without it.</p>}
      {webgl && map === undefined && <p className="map-message muted">Load a scenario to see its city.</p>}
      {webgl && map !== undefined && session !== null && (
        <CanvasErrorBoundary>
          <Canvas data-testid="map-canvas" camera={{ fov: 45, near: 1, far: 100_000 }} dpr={[1, 2]} gl={{ antialias: true }}>
            <color attach="background" args={['#0d1117']} />
            <ambientLight intensity={1.1} />
            <directionalLight position={[1000, 3000, 1500]} intensity={1.6} />
            <Districts districts={map.districts} />
            <Roads map={map} />
            <Places places={map.places} unit={symbolUnit(map.bounds)} />
            <Homes homes={session.homes} unit={symbolUnit(map.bounds)} />
            <Vehicles capacity={session.vehicles.length} unit={symbolUnit(map.bounds)} />
            <OrbitCamera bounds={map.bounds} />
          </Canvas>
        </CanvasErrorBoundary>
      )}
    </Panel>
  );
}
