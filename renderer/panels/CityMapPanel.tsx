// City map: the roads, districts, homes (lit by their device state), workplaces, chargers and cars in 3D, with an
// orbit camera. Click a car or a home to open it in the twin inspector. The drawing is in map/MapLayers.tsx.
import { Component, useMemo, type ReactNode } from 'react';
import { Panel } from '../app/Panel';
import { Welcome } from '../app/Welcome';
import { useAppState, useModel } from '../app/ModelContext';
import { HOME_COLOURS } from '../map/home-roofs';
import { GEOFENCE_COLOUR } from '../map/Geofences';
import { MapLayers } from '../map/MapLayers';
import { MapPicker } from '../map/MapPicker';
import { probeRenderer, renderOverride } from '../map/render-profile';

class CanvasErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(error: Error) {
    return { error: error.message };
  }
  override render() {
    return this.state.error === null ? this.props.children : <p className="map-message">The 3D map could not start: {this.state.error}</p>;
  }
}

/** Routes, message arcs and pulses on or off: a calm map for a talk, the whole story for a demo. */
function StoryLayersToggle() {
  const model = useModel();
  const on = useAppState((s) => s.storyLayers);
  return (
    <label className="small story-layers" title="Routes, message arcs and event pulses">
      <input type="checkbox" data-testid="story-layers" checked={on} onChange={(e) => model.setStoryLayers(e.target.checked)} /> story layers
    </label>
  );
}

export function CityMapPanel() {
  const session = useAppState((s) => s.session);
  const homeCount = useAppState((s) => s.snapshot?.homes.length ?? 0);
  const litCount = useAppState((s) => s.snapshot?.homes.filter((h) => h.lit).length ?? 0);
  const { webgl, software } = useMemo(() => probeRenderer(renderOverride(window.location.search)), []);
  const map = session?.map;
  const legend = (
    <span className="legend small">
      <i style={{ background: HOME_COLOURS.lit }} /> lit <i style={{ background: HOME_COLOURS.charging }} /> charging
      <i style={{ background: HOME_COLOURS.dark }} /> dark <i style={{ background: '#f97316' }} /> car <i style={{ background: '#6b5b95' }} /> workplace
      <i style={{ background: '#22d3ee' }} /> charger <i className="legend-ring" style={{ borderColor: GEOFENCE_COLOUR }} /> geofence <i style={{ background: HOME_COLOURS.selected }} /> selected
    </span>
  );
  return (
    <Panel title={map ? `City map — ${map.name} (${litCount}/${homeCount} homes lit)` : 'City map'} testId="city-map" tools={<>{session !== null && <MapPicker session={session} />}<StoryLayersToggle />{legend}</>} flush>
      {!webgl && <p className="map-message">This browser has no WebGL, so the 3D map cannot be drawn. The other panels work without it.</p>}
      {map === undefined && <Welcome />}
      {webgl && map !== undefined && session !== null && (
        <CanvasErrorBoundary>
          <MapLayers session={session} software={software} />
        </CanvasErrorBoundary>
      )}
    </Panel>
  );
}
