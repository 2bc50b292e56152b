// What a simulation is made of, as plain data. The engine turns a scenario file into this; benchmarks and tests
// build it directly. Nothing here refers to files or hosts, so the same spec runs headless, in the app or in a
// bare JS context.
import type { Architecture } from '../bus/envelope';
import type { CapacityOverrides } from '../bus/flow-network';
import type { LinkModel } from '../bus/links';
import type { CityMap, CityOptions } from '../world';

export interface DeviceSpec {
  /** Home Assistant domain (`climate`, `light`, `lock`, `binary_sensor` …). */
  type: string;
  /** Entity id within the home, e.g. `climate.living_room`. */
  entityId: string;
  deviceClass?: string;
}

export interface UserPreferences {
  temperature?: number;
  hvacMode?: string;
  lighting?: 'soft' | 'bright' | 'off';
  playlist?: string;
}

export interface UserSpec {
  id: string;
  homeId?: string;
  vehicleId?: string;
  preferences?: UserPreferences;
}

export interface HomeSpec {
  id: string;
  devices: DeviceSpec[];
  /** Place of the map this home sits at; defaults to the n-th home place. */
  placeId?: string;
}

export interface VehicleSpec {
  id: string;
  ownerId?: string;
  homeId?: string;
  batteryKwh?: number;
  socPercent?: number;
  /** Where the car starts: `home`, `work` or a place id. */
  at?: string;
}

export type MapSpec =
  | { kind: 'generate'; options: Partial<CityOptions> }
  | { kind: 'geojson'; text: string; fileName: string }
  | { kind: 'city'; city: CityMap };

export interface SimulationSpec {
  seed: number;
  architecture: Architecture;
  /** Time of day at t = 0, in ms after midnight (tariffs and load profiles follow the clock on the wall). */
  startTimeOfDayMs?: number;
  map: MapSpec;
  users?: UserSpec[];
  homes: HomeSpec[];
  vehicles: VehicleSpec[];
  /** Initial gateway states by address (`vehicle-cloud`, `hub`, `home-cloud`, `home/h1/gateway` …). */
  gateways?: Record<string, 'online' | 'degraded' | 'offline'>;
  links?: Record<string, Partial<LinkModel>>;
  /** Link capacities for streams and transfers, by link type (`cellular`) or one party's link (`cellular/vehicle/car1`). */
  bandwidth?: CapacityOverrides;
  /** Radius of each home's "community" geofence that triggers arrival scenes. Default 1,000 m. */
  homeGeofenceRadiusM?: number;
  /** Distance within which the local direct link (near-field / home Wi-Fi) reaches a car. Default 150 m. */
  localRangeM?: number;
  /** Security of critical commands (twins/security); the defaults suit every shipped scene. */
  security?: SecuritySpec;
  /** Keep canonical lines in memory (tests); large runs only hash. Default true. */
  retainEventLines?: boolean;
}

export interface SecuritySpec {
  /** How old a signed command's timestamp may be when it arrives, ms. Default 30,000. */
  freshnessWindowMs?: number;
  /** Lifetime of an access grant, ms; a grant is renewed when next used after it lapsed. Default 1 h. */
  grantTtlMs?: number;
}
