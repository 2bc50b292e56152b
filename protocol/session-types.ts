// What the engine tells the renderer about a loaded scenario: the scenario list, the load request and the static
// session (map, homes, cars, steps, expectations, screens, twins). Sent once per load.
import type { Architecture } from '../twins/bus/envelope';
import type { ReplayInfo } from './recording-types';

export interface ScenarioParameterInfo {
  name: string;
  default: string | number | boolean;
  description?: string;
  enum?: (string | number | boolean)[];
}

/** One shipped scenario, as the picker shows it. `file` is the handle `loadScenario` takes. */
export interface ScenarioSummary {
  file: string;
  scenario: string;
  title: string;
  description?: string;
  architectures: Architecture[];
  seed: number;
  durationMs: number;
  parameters: ScenarioParameterInfo[];
}

export interface LoadScenarioRequest {
  file: string;
  architecture: Architecture;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Parameter overrides, as `--set key=value` takes them. */
  set?: Record<string, string>;
  /**
   * Answer screen prompts by hand: the scenario's confirm/decline steps wait for the user's tap on the device
   * screen instead of tapping for them, and count as fired when the user answers. Default true.
   */
  handsOn?: boolean;
}

export interface MapDistrict {
  id: string;
  kind: 'residential' | 'business' | 'industrial' | 'park';
  name: string;
  /** Outline in local metres, flat [x0, y0, x1, y1, …]. */
  outline: number[];
}

export interface MapPlace {
  id: string;
  kind: 'home' | 'workplace' | 'charger' | 'poi';
  name: string;
  x: number;
  y: number;
}

/** The city in local metres (x east, y north), reduced to what the map view draws. */
export interface MapGeometry {
  name: string;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  /** Road segments, flat [x0, y0, x1, y1, …], one per road (a two-way road once). */
  roads: number[];
  /** Parallel to `roads` / 4: the road class of each segment. */
  roadClasses: ('arterial' | 'street' | 'highway')[];
  districts: MapDistrict[];
  places: MapPlace[];
}

export interface StepInfo {
  id: string;
  description?: string;
  /** `at 10s`, `after ring + 5s`, `on prompt.shown from vehicle/car1`, `geofence enter home` … */
  trigger: string;
  /** True when the step waits for the user's tap (hands-on mode). */
  byHand: boolean;
}

export interface ExpectationInfo {
  id: string;
  kind: string;
  description?: string;
}

/** A screen the device-screens panel shows: car screen, central panel, TV, phone. */
export interface ScreenInfo {
  address: string;
  role: 'car' | 'panel' | 'tv' | 'phone' | 'screen';
  label: string;
}

export interface TwinInfo {
  address: string;
  kind: string;
}

/** A geofence the map draws as a ring: its closed outline in local metres, flat [x0, y0, x1, y1, …]. */
export interface MapGeofence {
  id: string;
  outline: number[];
}

/** What `loadScenario` returns: everything static about the live session. */
export interface SessionInfo {
  scenario: string;
  title: string;
  file: string;
  architecture: Architecture;
  seed: number;
  parameters: Record<string, string | number | boolean>;
  endTime: number;
  startTimeOfDayMs: number;
  handsOn: boolean;
  map: MapGeometry;
  homes: { id: string; placeId: string; x: number; y: number }[];
  vehicles: { id: string; homeId?: string; ownerId?: string }[];
  steps: StepInfo[];
  expectations: ExpectationInfo[];
  screens: ScreenInfo[];
  /** The fences the scene's cars are checked against (their homes' and the scenario's). */
  geofences: MapGeofence[];
  twins: TwinInfo[];
  /** Present when the session replays a recorded run instead of running one. */
  replay?: ReplayInfo;
}
