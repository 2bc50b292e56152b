// An EV twin: its part machines (battery, body, HVAC, drive, sentry, tyres, car screen) wired to each other,
// and its trips on the map. A trip is computed once; arrival and geofence crossings are scheduled as single
// events on the virtual clock, and position is evaluated only when someone asks — nothing ticks.
import type { Kernel } from '../kernel';
import type { SimTime, TimerHandle } from '../kernel/types';
import { vehicleMachines, type VehiclePart } from '../vehicle';
import { vehicleSignals, type VehicleSnapshots, type VssPath, type VssValue } from '../vehicle/vss';
import {
  createTrip, crossingsAlongTrip, energyUsedKwh, findRoute, nearestNode, positionAt, remainingTimeS, toLonLat,
  type CityMap, type Geofence, type Place, type Point, type Trip,
} from '../world';
import type { VehicleSpec } from './spec';
import { TwinActor } from './twin-actor';

export interface VehicleFenceCrossing {
  vehicleId: string;
  fenceId: string;
  kind: 'enter' | 'exit';
}

/** The input each part machine of a vehicle starts from (the name catalogue reads the parts' context from it too). */
export function vehiclePartInputs(
  spec: Pick<VehicleSpec, 'id' | 'batteryKwh' | 'socPercent'>,
  start: { lat: number; lon: number },
): Record<VehiclePart, unknown> {
  return {
    battery: { vehicleId: spec.id, capacityKwh: spec.batteryKwh, socPercent: spec.socPercent },
    body: { vehicleId: spec.id },
    hvac: { vehicleId: spec.id },
    drive: { vehicleId: spec.id, latitude: start.lat, longitude: start.lon },
    sentry: { vehicleId: spec.id },
    tires: { vehicleId: spec.id },
    screen: { entityId: `vehicle/${spec.id}/screen` },
  };
}

export class VehicleTwin {
  readonly parts: Record<VehiclePart, TwinActor>;
  private trip: Trip | undefined;
  private tripSeq = 0;
  private tripTimers: TimerHandle[] = [];
  private parkedAt: Point;
  /** Where the current trip goes (place id), if driving. */
  destination: Place | undefined;

  constructor(
    readonly spec: VehicleSpec,
    readonly vin: string,
    startPlace: Place,
    private readonly kernel: Kernel,
    private readonly city: CityMap,
    private readonly onCrossing: (crossing: VehicleFenceCrossing) => void,
    private readonly fencesFor: (vehicleId: string) => readonly Geofence[],
  ) {
    this.parkedAt = { x: startPlace.x, y: startPlace.y };
    this.location = startPlace;
    const base = `vehicle/${spec.id}`;
    const start = toLonLat(city.projection, this.parkedAt);
    const inputs = vehiclePartInputs(spec, start);
    const parts = {} as Record<VehiclePart, TwinActor>;
    for (const part of Object.keys(vehicleMachines) as VehiclePart[]) {
      parts[part] = new TwinActor(`${base}/${part}`, part, vehicleMachines[part], inputs[part], kernel);
    }
    this.parts = parts;
    // The wiring the machines document (twins/vehicle/index.ts): energy driven drains the battery.
    parts.drive.onEmitted((_twin, event) => {
      if (event.type === 'energy.consumed') parts.battery.send({ type: 'BATTERY.ENERGY_USED', energyKwh: event.energyKwh });
    });
  }

  /** The place the car is parked at, or undefined while driving. */
  location: Place | undefined;

  get id(): string {
    return this.spec.id;
  }

  get isDriving(): boolean {
    return this.trip !== undefined;
  }

  /** How many trips this car has started: with isDriving, tells a viewer its route changed. */
  get tripsStarted(): number {
    return this.tripSeq;
  }

  /** Start driving to `place` now. Crossings of the fences this car watches are scheduled as events. */
  driveTo(place: Place, onArrive?: (place: Place) => void): Trip {
    this.cancelTrip();
    const now = this.kernel.scheduler.now();
    const from = this.location?.nodeId ?? nearestNode(this.city.graph, this.positionAt(now)).id;
    const route = findRoute(this.city.graph, from, place.nodeId);
    const trip = createTrip(route, now, { random: this.kernel.random.stream(`routes/${this.id}`) });
    const tripId = `${this.id}-trip-${++this.tripSeq}`;
    this.trip = trip;
    this.location = undefined;
    this.destination = place;
    this.parts.drive.send({ type: 'TRIP.START', tripId });
    for (const crossing of crossingsAlongTrip(trip, this.fencesFor(this.id))) {
      this.tripTimers.push(this.kernel.scheduler.scheduleAt(Math.round(crossing.atTime), () => {
        this.report('TRIP.PROGRESS', tripId);
        this.onCrossing({ vehicleId: this.id, fenceId: crossing.fenceId, kind: crossing.kind });
      }, 'geofence'));
    }
    this.tripTimers.push(this.kernel.scheduler.scheduleAt(Math.round(trip.arriveAt), () => {
      this.report('TRIP.END', tripId);
      this.trip = undefined;
      this.tripTimers = [];
      this.parkedAt = { x: place.x, y: place.y };
      this.location = place;
      this.destination = undefined;
      onArrive?.(place);
    }, 'arrival'));
    return trip;
  }

  private report(type: 'TRIP.PROGRESS' | 'TRIP.END', tripId: string): void {
    const trip = this.trip;
    if (trip === undefined) return;
    const t = this.kernel.scheduler.now();
    const p = positionAt(trip, t);
    const lonLat = toLonLat(this.city.projection, p);
    this.parts.drive.send({
      type, tripId, speedKmh: p.speedKph, distanceKm: p.distanceM / 1000, energyKwh: energyUsedKwh(trip, t),
      latitude: lonLat.lat, longitude: lonLat.lon,
    });
  }

  private cancelTrip(): void {
    for (const timer of this.tripTimers) this.kernel.scheduler.cancel(timer);
    this.tripTimers = [];
    this.trip = undefined;
  }

  positionAt(t: SimTime): Point & { headingDeg: number; speedKph: number } {
    if (this.trip === undefined) return { ...this.parkedAt, headingDeg: 0, speedKph: 0 };
    const p = positionAt(this.trip, t);
    return { x: p.x, y: p.y, headingDeg: p.headingDeg, speedKph: p.speedKph };
  }

  /** Seconds to arrival, or 0 when parked. */
  etaSeconds(t: SimTime): number {
    return this.trip === undefined ? 0 : remainingTimeS(this.trip, t);
  }

  get currentTrip(): Trip | undefined {
    return this.trip;
  }

  /** Every VSS signal at virtual time t (position from the trip model). */
  signals(t: SimTime): Record<VssPath, VssValue> {
    const snapshot = (part: VehiclePart): unknown => this.parts[part].actor.getSnapshot();
    const signals = vehicleSignals({
      battery: snapshot('battery'), body: snapshot('body'), hvac: snapshot('hvac'), drive: snapshot('drive'), tires: snapshot('tires'),
    } as VehicleSnapshots, t);
    const here = toLonLat(this.city.projection, this.positionAt(t));
    return {
      ...signals,
      'Vehicle.CurrentLocation.Latitude': here.lat,
      'Vehicle.CurrentLocation.Longitude': here.lon,
      'Vehicle.Speed': this.positionAt(t).speedKph,
    } as Record<VssPath, VssValue>;
  }
}
