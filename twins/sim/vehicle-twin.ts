// An EV twin: its part machines (battery, body, HVAC, drive, sentry, tyres, car screen) wired to each other,
// and its trips on the map. A trip is computed once; arrival, geofence crossings and the arrival lead (ETA ≤ the
// lead) are scheduled as single events on the virtual clock, and position is evaluated only when someone asks —
// nothing ticks. Its navigation avoids flooded roads: a flood on the road ahead reroutes it from the next junction.
import type { Kernel } from '../kernel';
import type { SimTime, TimerHandle } from '../kernel/types';
import { vehicleMachines, type VehiclePart } from '../vehicle';
import { vehicleSignals, type VehicleSnapshots, type VssPath, type VssValue } from '../vehicle/vss';
import {
  arrivalLeadMoment, createTrip, crossingsAlongTrip, energyUsedKwh, findRoute, findRouteAvoiding, floodedSegmentsAhead, nearestNode,
  nextDecisionNode, positionAt, remainingTimeS, rerouteTrip, RouteError, toLonLat,
  type CityMap, type Geofence, type Place, type Point, type Route, type Trip,
} from '../world';
import type { VehicleSpec } from './spec';
import { TwinActor } from './twin-actor';

export interface VehicleFenceCrossing {
  vehicleId: string;
  fenceId: string;
  kind: 'enter' | 'exit';
}

/**
 * A change in when a car arrives where it is going (the `vehicle.eta` event): `departed` when a trip starts, `lead`
 * when the ETA falls to the arrival lead, `rerouted` when a new route changes it, `arrived` at the destination.
 */
export interface EtaUpdate {
  vehicleId: string;
  reason: 'departed' | 'lead' | 'rerouted' | 'arrived';
  /** Place id of the destination. */
  destination: string;
  /** Virtual time of the predicted arrival, ms. */
  arriveAt: SimTime;
  etaSeconds: number;
}

/** What a vehicle needs from the world it drives in (the Simulation provides it). */
export interface VehicleWorld {
  onCrossing(crossing: VehicleFenceCrossing): void;
  fencesFor(vehicleId: string): readonly Geofence[];
  onEta(update: EtaUpdate): void;
  /** The car re-planned its route (around flooded roads). */
  onRouteChanged(vehicleId: string, detail: { reason: 'flood'; lengthM: number; etaSeconds: number; avoided: number }): void;
  /** The car drives onto a flooded road segment (it ignores floods, or no route avoids them). */
  onFloodEntered(vehicleId: string, edgeId: string): void;
  /** Road segments closed by flooding now. */
  floodedEdges(): ReadonlySet<string>;
  /** The ETA at which the arrival lead fires, ms (arrivalLeadMinutes). */
  arrivalLeadMs: number;
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
  private tripId = '';
  /** The current trip's arrival lead has fired: a reroute does not ask twice. */
  private leadFired = false;
  private parkedAt: Point;
  /** Where the current trip goes (place id), if driving. */
  destination: Place | undefined;

  constructor(
    readonly spec: VehicleSpec,
    readonly vin: string,
    startPlace: Place,
    private readonly kernel: Kernel,
    private readonly city: CityMap,
    private readonly world: VehicleWorld,
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
    const trip = createTrip(this.routeTo(from, place.nodeId), now, { random: this.kernel.random.stream(`routes/${this.id}`) });
    this.tripId = `${this.id}-trip-${++this.tripSeq}`;
    this.trip = trip;
    this.leadFired = false;
    this.location = undefined;
    this.destination = place;
    this.onArrive = onArrive;
    this.parts.drive.send({ type: 'TRIP.START', tripId: this.tripId });
    this.scheduleTrip(-Infinity);
    this.eta('departed');
    return trip;
  }

  private onArrive: ((place: Place) => void) | undefined;

  /**
   * The roads flooded have changed: a car heading onto a flooded segment re-plans from the next junction (unless
   * it ignores floods, or no route avoids them — then it drives on and `onFloodEntered` says so).
   */
  floodsChanged(): void {
    const trip = this.trip;
    const now = this.kernel.scheduler.now();
    if (trip === undefined || floodedSegmentsAhead(trip, now, this.world.floodedEdges()).length === 0) return;
    const next = nextDecisionNode(trip, now);
    const route = next && this.spec.avoidFloods !== false ? this.avoidingFloods(next.nodeId, this.destination!.nodeId) : undefined;
    if (route !== undefined) {
      this.trip = rerouteTrip(trip, now, route, { random: this.kernel.random.stream(`routes/${this.id}`) });
      this.world.onRouteChanged(this.id, { reason: 'flood', lengthM: Math.round(this.trip.lengthM), etaSeconds: Math.round(remainingTimeS(this.trip, now)), avoided: floodedSegmentsAhead(trip, now, this.world.floodedEdges()).length });
    }
    this.cancelTimers();
    this.scheduleTrip(now);
    if (route !== undefined) this.eta('rerouted');
  }

  /** The fastest route, around flooded roads when the car avoids them and some route does. */
  private routeTo(from: string, to: string): Route {
    return (this.spec.avoidFloods !== false ? this.avoidingFloods(from, to) : undefined) ?? findRoute(this.city.graph, from, to);
  }

  private avoidingFloods(from: string, to: string): Route | undefined {
    try {
      return findRouteAvoiding(this.city.graph, from, to, this.world.floodedEdges());
    } catch (error) {
      if (error instanceof RouteError) return undefined; // cut off by water: drive the usual way, the flood is reported
      throw error;
    }
  }

  /** Timers of the current trip from `since` on (exclusive): fence crossings, flooded segments, the lead, the arrival. */
  private scheduleTrip(since: number): void {
    const trip = this.trip!;
    const tripId = this.tripId;
    const place = this.destination!;
    const at = (time: number, run: () => void, label: string): void => void this.tripTimers.push(this.kernel.scheduler.scheduleAt(Math.round(time), run, label));
    for (const crossing of crossingsAlongTrip(trip, this.world.fencesFor(this.id))) {
      if (crossing.atTime <= since) continue;
      at(crossing.atTime, () => {
        this.report('TRIP.PROGRESS', tripId);
        this.world.onCrossing({ vehicleId: this.id, fenceId: crossing.fenceId, kind: crossing.kind });
      }, 'geofence');
    }
    for (const segment of floodedSegmentsAhead(trip, Number.isFinite(since) ? since : trip.departAt - 1, this.world.floodedEdges())) {
      at(segment.startTime, () => this.world.onFloodEntered(this.id, segment.edgeId), 'flood');
    }
    if (!this.leadFired && trip.lengthM > 0) {
      at(Math.max(arrivalLeadMoment(trip, this.world.arrivalLeadMs), Number.isFinite(since) ? since : trip.departAt), () => {
        this.leadFired = true;
        this.eta('lead');
      }, 'arrival-lead');
    }
    at(trip.arriveAt, () => {
      this.report('TRIP.END', tripId);
      this.trip = undefined;
      this.tripTimers = [];
      this.parkedAt = { x: place.x, y: place.y };
      this.location = place;
      this.eta('arrived', trip.arriveAt);
      this.destination = undefined;
      this.onArrive?.(place);
    }, 'arrival');
  }

  private eta(reason: EtaUpdate['reason'], arriveAt = this.trip!.arriveAt): void {
    const now = this.kernel.scheduler.now();
    this.world.onEta({ vehicleId: this.id, reason, destination: this.destination!.id, arriveAt: Math.round(arriveAt), etaSeconds: Math.round(Math.max(0, arriveAt - now) / 1000) });
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

  private cancelTimers(): void {
    for (const timer of this.tripTimers) this.kernel.scheduler.cancel(timer);
    this.tripTimers = [];
  }

  private cancelTrip(): void {
    this.cancelTimers();
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
