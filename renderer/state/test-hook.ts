// `window.__twinbench`: what end-to-end tests read instead of pixels — the cars' positions as the engine sent
// them, how many vehicle instances the 3D view drew, the message count, the virtual time and the last verdict.
import type { AppModel, MapLayerStats } from './app-model';

export interface TwinbenchTestHook {
  readonly vehiclePositions: [id: string, x: number, y: number][];
  readonly instanceCount: number;
  readonly framesRendered: number;
  readonly messageCount: number;
  readonly time: number;
  readonly runState: string;
  readonly lastVerdict: unknown;
  /** The car the map camera follows, or null. */
  readonly followedVehicle: string | null;
  /** The orbit camera's target in scene coordinates (x, y, z; the ground is y = 0). */
  readonly cameraTarget: [number, number, number];
  readonly cameraDistance: number;
  /** The map's story layers as last drawn (routes, message arcs, pulses), and the pulses seen this run by kind. */
  readonly mapLayers: MapLayerStats & { pulsesSeen: Record<string, number>; arcFrames: number };
  /** Where the map draws this car in the scene (x, z), or null when it is not drawn. */
  vehicleScenePoint(vehicleId: string): [number, number] | null;
  /** Where the map draws this car, in page pixels, or null when it is not drawn. */
  vehiclePagePoint(vehicleId: string): [number, number] | null;
}

export function installTestHook(model: AppModel, win: object): TwinbenchTestHook {
  const hook: TwinbenchTestHook = {
    get vehiclePositions() {
      return (model.store.get().snapshot?.vehicles ?? []).map(([id, x, y]) => [id, x, y] as [string, number, number]);
    },
    get instanceCount() {
      return model.renderStats.vehicleInstances;
    },
    get framesRendered() {
      return model.renderStats.frames;
    },
    get messageCount() {
      return model.messages.total;
    },
    get time() {
      return model.store.get().snapshot?.t ?? 0;
    },
    get runState() {
      return model.store.get().status.state;
    },
    get lastVerdict() {
      const { final, liveVerdicts } = model.store.get();
      return final ?? liveVerdicts.at(-1) ?? null;
    },
    get followedVehicle() {
      return model.store.get().followedVehicle;
    },
    get cameraDistance() {
      return model.renderStats.cameraDistance;
    },
    get cameraTarget() {
      return [...model.renderStats.cameraTarget] as [number, number, number];
    },
    get mapLayers() {
      const l = model.renderStats.layers;
      return { ...l, arcArchitectures: [...l.arcArchitectures], pulsesSeen: { ...model.mapEvents.pulseCounts }, arcFrames: model.renderStats.arcFrames };
    },
    vehicleScenePoint(vehicleId) {
      return model.renderStats.vehicleScenePoint?.(vehicleId) ?? null;
    },
    vehiclePagePoint(vehicleId) {
      const point = model.renderStats.vehicleCanvasPoint?.(vehicleId);
      const canvas = (win as { document?: Document }).document?.querySelector('[data-testid=city-map] canvas');
      if (point === undefined || canvas == null) return null;
      const rect = canvas.getBoundingClientRect();
      return [rect.left + point[0], rect.top + point[1]];
    },
  };
  Object.defineProperty(win, '__twinbench', { value: hook, configurable: true });
  return hook;
}
