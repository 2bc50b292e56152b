// What a simulation is made of, as plain data. The engine turns a scenario file into this; benchmarks and tests
// build it directly. Nothing here refers to files or hosts, so the same spec runs headless, in the app or in a
// bare JS context.
import type { Architecture } from '../bus/envelope';
import type { CapacityOverrides } from '../bus/flow-network';
import type { LinkModel } from '../bus/links';
import type { BrandSpec } from '../gateways/brand-adapter';
import type { HubAdapterConfig } from '../gateways/brand-translation';
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

/** An entry of the user's calendar (unified account): times of day, ms after midnight. */
export interface CalendarEntry {
  title: string;
  fromMs: number;
  toMs: number;
}

export interface UserSpec {
  id: string;
  homeId?: string;
  vehicleId?: string;
  preferences?: UserPreferences;
  /** When the user usually leaves work, ms after midnight: the home predicts the evening arrival from it. */
  leavesWorkAtMs?: number;
  /** Calendar entries; one running at the usual leaving time (overtime) moves the predicted departure to its end. */
  calendar?: CalendarEntry[];
}

/** A family's unified account (twins/sim/apps/account-app.ts). */
export interface AccountSpec {
  id: string;
  homeId: string;
  /** Family members (user ids); each may control the home from the car unless `homeControl` is false. */
  members: { userId: string; homeControl: boolean }[];
  /** A media subscription held by one member: what plays follows them into their car. */
  media?: { subscription: string; holder: string; playlist: string };
}

export interface HomeSpec {
  id: string;
  devices: DeviceSpec[];
  /** Place of the map this home sits at; defaults to the n-th home place. */
  placeId?: string;
  /**
   * In a heatwave, `plan` starts the AC early enough (room thermal model) to reach the precool setpoint by the
   * predicted arrival; `off` leaves cooling to home mode at the arrival lead. Default `plan`.
   */
  precool?: 'plan' | 'off';
  /** Home brand (ecosystem) whose cloud serves this home; the shared home-cloud when absent. */
  brand?: string;
  /** The home's wallbox is bidirectional (V2H/V2G) and draws at most this from the car, kW. */
  wallboxDischargeKw?: number;
}

export interface VehicleSpec {
  id: string;
  ownerId?: string;
  homeId?: string;
  batteryKwh?: number;
  socPercent?: number;
  /** Where the car starts: `home`, `work` or a place id. */
  at?: string;
  /** Navigation routes around flooded roads (and reroutes when a flood closes the road ahead). Default true. */
  avoidFloods?: boolean;
  /** Carmaker brand whose cloud serves this car; the shared vehicle-cloud when absent. */
  brand?: string;
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
  /** Unified accounts: families across car and home. */
  accounts?: AccountSpec[];
  /** Initial gateway states by address (`vehicle-cloud`, `hub`, `home-cloud`, `home/h1/gateway` …). */
  gateways?: Record<string, 'online' | 'degraded' | 'offline'>;
  links?: Record<string, Partial<LinkModel>>;
  /** Home mode and "X is N minutes away" fire when the car's ETA home falls to this. Default 5 (seed §2.2). */
  arrivalLeadMinutes?: number;
  /** Link capacities for streams and transfers, by link type (`cellular`) or one party's link (`cellular/vehicle/car1`). */
  bandwidth?: CapacityOverrides;
  /** Radius of each home's "community" geofence that triggers arrival scenes. Default 1,000 m. */
  homeGeofenceRadiusM?: number;
  /** Distance within which the local direct link (near-field / home Wi-Fi) reaches a car. Default 150 m. */
  localRangeM?: number;
  /** Security of critical commands (twins/security); the defaults suit every shipped scene. */
  security?: SecuritySpec;
  /** Carmaker and home brands, each with its own cloud and payload schema (many brands); none by default. */
  brands?: BrandSpec[];
  /** The hub's adapters for those brands: one per brand, exact, unless a scene stages an integration mistake. */
  hubAdapters?: HubAdapterConfig;
  /** Keep canonical lines in memory (tests); large runs only hash. Default true. */
  retainEventLines?: boolean;
}

export interface SecuritySpec {
  /** How old a signed command's timestamp may be when it arrives, ms. Default 30,000. */
  freshnessWindowMs?: number;
  /** Lifetime of an access grant, ms; a grant is renewed when next used after it lapsed. Default 1 h. */
  grantTtlMs?: number;
}
