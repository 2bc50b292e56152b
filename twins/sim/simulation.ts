// A running world: the map, every twin, the gateways and the message bus, wired on one deterministic kernel.
// Scenario logic (who reacts to what) lives in apps (./apps) that plug in through SimApp; this class only builds
// the world, routes each arriving message to its reception (message-reception.ts), and offers the messaging calls the apps and runner use.
import { createBus, type MessageBus } from '../bus';
import { gatewayAddress, homeCloudAddress, HOME_CLOUD, phoneAddress, vehicleAddress, vehicleCloudAddress, VEHICLE_CLOUD } from '../bus/addresses';
import type { Envelope, MessageKind } from '../bus/envelope';
import { createBrandReader } from '../gateways/brand-translation';
import { createGatewayFleet, type GatewayFleet } from '../gateways/gateway-fleet';
import { screenMachine } from '../home/screen.machine';
import { createKernel, type Kernel } from '../kernel';
import type { Json } from '../kernel/types';
import { CommandSecurity, defaultCheckersOf, nobleEd25519 } from '../security';
import { generateVin } from '../vehicle/vin';
import { edgesInCell, findPlace, placesOfKind, type CityMap, type FloodCell, type Geofence, type Place } from '../world';
import { FenceBook } from './fence-book';
import { buildCity, placeFor as placeOnMap } from './places';
import { buildTopology } from './topology';
import { SimFlows } from './flows';
import { CommandGuard } from './command-guard';
import { carPayload, carResponsePayload, decodeIntent, homePayload, type Intent } from './ecosystem-codec';
import { MessageReception } from './message-reception';
import { HomeTwin } from './home-twin';
import type { SimulationSpec, UserSpec } from './spec';
import { TwinActor } from './twin-actor';
import { VehicleTwin, type EtaUpdate, type VehicleFenceCrossing, type VehicleWorld } from './vehicle-twin';

import type { MessageOptions, SimApp, SimulationOptions } from './simulation-contract';
export type { MessageOptions, SimApp, SimulationOptions } from './simulation-contract';

export const HOME_FENCE_PREFIX = 'home:';

export class Simulation {
  readonly kernel: Kernel;
  readonly city: CityMap;
  readonly gateways: GatewayFleet;
  readonly bus: MessageBus;
  /** Streams and transfers sharing the links' bandwidth (seed §3.4.4(2)). */
  readonly flows: SimFlows;
  readonly homes = new Map<string, HomeTwin>();
  readonly vehicles = new Map<string, VehicleTwin>();
  readonly users = new Map<string, UserSpec>();
  /** Each user's phone shows notifications like any other screen. */
  readonly phones = new Map<string, TwinActor>();
  /** Identities, keys, pairings, access grants and confirmations: who may send critical commands to whom. */
  readonly security: CommandSecurity;
  private readonly guard: CommandGuard;
  private readonly fences = new FenceBook();
  private readonly apps: SimApp[] = [];
  /** Road segments (edge ids) closed by flooding; cars route around them. */
  private readonly flooded = new Set<string>();
  private readonly reception: MessageReception;

  constructor(readonly spec: SimulationSpec, options: SimulationOptions = {}) {
    this.kernel = createKernel({ seed: spec.seed, retainLines: spec.retainEventLines ?? true, hasher: options.hasher, decodeUtf8: options.decodeUtf8 });
    // Listeners (a recorder) must see the stream from its first event — the twins' creation below.
    for (const listener of options.listeners ?? []) this.kernel.events.onEvent(listener);
    this.city = buildCity(this.kernel, spec);
    this.gateways = createGatewayFleet({
      kernel: this.kernel, vinOf: (id) => this.vehicles.get(id)?.vin ?? id,
      ...(spec.brands !== undefined ? { brands: spec.brands } : {}), ...(spec.hubAdapters !== undefined ? { hubAdapters: spec.hubAdapters } : {}),
    });
    this.security = new CommandSecurity({
      kernel: this.kernel, provider: options.signatures ?? nobleEd25519, vinOf: (id) => this.vehicles.get(id)?.vin,
      // The home's automation host authorises (it holds the grants and confirmations); its gateway verifies.
      checkersOf: (domain) => {
        const checkers = defaultCheckersOf(domain);
        if (checkers === undefined) return undefined;
        // Each domain's own brand cloud (the shared one when no brand is declared) is its authoriser.
        if (domain.startsWith('home:')) return { ...checkers, authoriser: this.automationHost(domain.slice('home:'.length)) };
        return { ...checkers, authoriser: this.vehicleCloudOf(domain.slice('vehicle:'.length)) };
      },
      ...(spec.security?.freshnessWindowMs !== undefined ? { freshnessWindowMs: spec.security.freshnessWindowMs } : {}),
      ...(spec.security?.grantTtlMs !== undefined ? { grantTtlMs: spec.security.grantTtlMs } : {}),
    });
    this.guard = new CommandGuard(this, this.security);
    this.reception = new MessageReception(this, this.guard, this.apps, createBrandReader(spec.brands ?? []));
    const topology = buildTopology(this, spec.localRangeM ?? 150);
    this.bus = createBus({
      kernel: this.kernel, architecture: spec.architecture, gateways: this.gateways, links: spec.links, topology,
      checkpoint: (at, env, payload) => this.guard.checkInTransit(at, env, payload),
    });
    // Median latencies only: a flow draws nothing from the links' random streams, so messages keep their numbers.
    this.flows = new SimFlows(this.kernel, spec.architecture, topology, spec.bandwidth, (links) => links.reduce((sum, link) => sum + this.bus.links.get(link).model.medianMs, 0));
    const homePlaces = placesOfKind(this.city, 'home');
    spec.homes.forEach((home, i) => {
      const place = home.placeId ? findPlace(this.city, home.placeId) : homePlaces[i];
      if (place === undefined) throw new Error(`home ${home.id}: the map has only ${homePlaces.length} home places`);
      const twin = new HomeTwin(home, place, this.kernel, spec.startTimeOfDayMs ?? 0);
      this.homes.set(home.id, twin);
      this.fences.setHomeFence(home.id, { id: `${HOME_FENCE_PREFIX}${home.id}`, center: { x: place.x, y: place.y }, radiusM: spec.homeGeofenceRadiusM ?? 1000 });
      for (const device of twin.devices.values()) this.adopt(device);
      // The home's own infrastructure is trusted in its domain; paired cars are admitted below.
      this.security.addAuthority(`home:${home.id}`, this.homeCloudOf(home.id));
      this.security.addAuthority(`home:${home.id}`, gatewayAddress(home.id));
    });
    for (const user of spec.users ?? []) {
      this.users.set(user.id, user);
      const phone = new TwinActor(`${phoneAddress(user.id)}/screen`, 'phone', screenMachine, { entityId: `${phoneAddress(user.id)}/screen` }, this.kernel);
      this.phones.set(user.id, this.adopt(phone));
      this.bus.register(phoneAddress(user.id), (env, payload) => this.reception.atParty(phoneAddress(user.id), env, payload));
    }
    const world: VehicleWorld = {
      onCrossing: (c) => this.crossed(c),
      fencesFor: (id) => this.fencesFor(id),
      onEta: (update) => this.etaChanged(update),
      onRouteChanged: (id, detail) => this.kernel.events.emit('route.changed', vehicleAddress(id), { ...detail }),
      onFloodEntered: (id, edge) => this.kernel.events.emit('flood.entered', vehicleAddress(id), { edge }),
      floodedEdges: () => this.flooded,
      arrivalLeadMs: (spec.arrivalLeadMinutes ?? 5) * 60_000,
    };
    for (const v of spec.vehicles) {
      const vin = generateVin(this.kernel.random.stream(`devices/${v.id}/vin`));
      const vehicle = new VehicleTwin(v, vin, this.startPlaceOf(v.at, v.homeId), this.kernel, this.city, world);
      this.vehicles.set(v.id, vehicle);
      for (const part of Object.values(vehicle.parts)) this.adopt(part);
      this.bus.register(vehicleAddress(v.id), (env, payload) => this.reception.atParty(vehicleAddress(v.id), env, payload));
      this.security.addAuthority(`vehicle:${v.id}`, this.vehicleCloudOf(v.id));
      if (v.homeId !== undefined && this.homes.has(v.homeId)) {
        const homeCloud = this.homeCloudOf(v.homeId);
        this.security.pair({
          vehicle: vehicleAddress(v.id), homeId: v.homeId, homeParties: [homeCloud, gatewayAddress(v.homeId)],
        });
      }
    }
    const brandClouds = (spec.brands ?? []).map((b) => (b.side === 'vehicle' ? vehicleCloudAddress(b.id) : homeCloudAddress(b.id)));
    for (const address of [HOME_CLOUD, VEHICLE_CLOUD, ...brandClouds, ...spec.homes.map((h) => gatewayAddress(h.id))]) {
      this.bus.register(address, (env, payload) => this.reception.atParty(address, env, payload));
    }
    for (const [address, state] of Object.entries(spec.gateways ?? {})) {
      if (state !== 'online') this.gateways.send(address, { type: state === 'offline' ? 'GATEWAY.FAIL' : 'GATEWAY.DEGRADE' });
    }
    this.kernel.events.emit('sim.started', 'sim', {
      seed: spec.seed, architecture: spec.architecture, homes: spec.homes.length, vehicles: spec.vehicles.length, map: this.city.name,
    });
  }

  /**
   * Watch a geofence for one vehicle (or every vehicle). A car only ever checks its own fences — its home's and
   * those a scenario names it in — which keeps a 1,000-car city linear: strangers' home fences are not its concern.
   */
  addFence(fence: Geofence, vehicleId?: string): void {
    this.fences.add(fence, vehicleId);
  }

  /** The fences a vehicle's trips are checked against: its home's, its own and the ones for every car. */
  fencesFor(vehicleId: string): Geofence[] {
    return this.fences.for(vehicleId, this.vehicles.get(vehicleId)?.spec.homeId);
  }

  use(app: SimApp): this {
    this.apps.push(app);
    return this;
  }

  get now(): number {
    return this.kernel.scheduler.now();
  }

  home(id: string): HomeTwin {
    const home = this.homes.get(id);
    if (home === undefined) throw new Error(`no home "${id}" (homes: ${[...this.homes.keys()].join(', ') || 'none'})`);
    return home;
  }

  vehicle(id: string): VehicleTwin {
    const vehicle = this.vehicles.get(id);
    if (vehicle === undefined) throw new Error(`no vehicle "${id}" (vehicles: ${[...this.vehicles.keys()].join(', ') || 'none'})`);
    return vehicle;
  }

  /** Any twin by address: `home/h1/lock.front_door`, `vehicle/car1/screen`, `phone/alice/screen`. */
  twin(address: string): TwinActor | undefined {
    const [kind, id, ...rest] = address.split('/');
    const name = rest.join('/');
    if (kind === 'home') return this.homes.get(id ?? '')?.devices.get(name);
    if (kind === 'vehicle') return this.vehicles.get(id ?? '')?.parts[(name || 'drive') as keyof VehicleTwin['parts']];
    if (kind === 'phone') return this.phones.get(id ?? '');
    return undefined;
  }

  /** Send from the car: its ecosystem's schema for this architecture. Commands and queries expect a response. */
  sendFromCar(vehicleId: string, destination: string, intent: Intent, kind: MessageKind, options: MessageOptions = {}): Envelope {
    const payload = carPayload(intent, kind, this.spec.architecture, this.vehicle(vehicleId).vin, this.now);
    if (options.member !== undefined) payload.member = options.member;
    this.guard.signIfCritical(vehicleAddress(vehicleId), destination, intent, kind, payload, options.confirmation);
    return this.post(vehicleAddress(vehicleId), destination, `${intent.capability}/${intent.name}`, kind, payload, options);
  }

  /** Send from a party of the home ecosystem (device, gateway, home cloud, phone). */
  sendFromHome(source: string, destination: string, intent: Intent, kind: MessageKind, options: MessageOptions = {}): Envelope {
    const payload = homePayload(intent, kind === 'response' ? 'response' : kind);
    this.guard.signIfCritical(options.signer ?? source, destination, intent, kind, payload, options.confirmation);
    return this.post(source, destination, `${intent.capability}/${intent.name}`, kind, payload, options);
  }

  /**
   * Post a payload exactly as given, unsigned and untranslated by the sender's apps: what an attacker injects on a
   * link, or a fuzzer throws at an endpoint. Commands and queries still expect a response.
   */
  sendRaw(source: string, destination: string, topic: string, kind: MessageKind, payload: Json, options: MessageOptions = {}): Envelope {
    return this.post(source, destination, topic, kind, payload, options);
  }

  /** Answer a request in the responder's ecosystem schema. */
  respond(request: Envelope, intent: Intent): Envelope {
    return this.bus.respond(request, this.responsePayload(request.destination, request, intent));
  }

  /** A response from `responder` in its ecosystem's schema: a car's (or its cloud's, for a car) or the home's. */
  responsePayload(responder: string, request: Envelope, intent: Intent): Json {
    const carAddress = responder.startsWith('vehicle/') ? responder : responder === VEHICLE_CLOUD && request.destination.startsWith('vehicle/') ? request.destination : undefined;
    const car = carAddress === undefined ? undefined : this.vehicles.get(carAddress.slice('vehicle/'.length));
    return car ? carResponsePayload(intent, this.spec.architecture, car.vin, this.now) : homePayload(intent, 'response');
  }

  /** Where the home's automations run: the home's cloud, or the home gateway when the architecture is local. */
  automationHost(homeId: string): string {
    return this.spec.architecture === 'local' ? gatewayAddress(homeId) : this.homeCloudOf(homeId);
  }

  /** The cloud of the home's brand (home-cloud/<brand>), or the shared home-cloud. */
  homeCloudOf(homeId: string): string {
    return homeCloudAddress(this.homes.get(homeId)?.spec.brand);
  }

  /** The cloud of the car's brand (vehicle-cloud/<brand>), or the shared vehicle-cloud. */
  vehicleCloudOf(vehicleId: string): string {
    return vehicleCloudAddress(this.vehicles.get(vehicleId)?.spec.brand);
  }

  private post(source: string, destination: string, topic: string, kind: MessageKind, payload: Json, o: MessageOptions): Envelope {
    const msg = { source, destination, topic, kind, payload, ...(o.causedBy ? { causedBy: o.causedBy } : {}) };
    if (kind === 'command' || kind === 'query') {
      return this.bus.request(msg, {
        timeoutMs: o.timeoutMs ?? 10_000,
        onResponse: (env, p) => o.onResponse?.(env, decodeIntent(p)),
        onFailure: (reason, env) => o.onFailure?.(reason, env),
      });
    }
    return this.bus.send(msg, { onFailure: (reason, env) => o.onFailure?.(reason, env) });
  }

  private adopt(twin: TwinActor): TwinActor {
    twin.onEmitted((t, event) => {
      for (const app of this.apps) app.onTwinEvent?.(t, event);
    });
    if (twin.id.startsWith('home/')) {
      this.bus.register(twin.id, (env, payload) => this.reception.atDevice(twin, env, payload));
    }
    return twin;
  }

  /**
   * A rain cell floods the roads through it: they stay closed for the rest of the run (the seed's storms outlast
   * its scenes), every car re-plans, and the edge ids closed are returned.
   */
  flood(cell: FloodCell): string[] {
    const edges = edgesInCell(this.city.graph, cell).filter((e) => !this.flooded.has(e));
    for (const e of edges) this.flooded.add(e);
    this.kernel.events.emit('road.flooded', 'environment', { segments: edges.length, radiusM: cell.radiusM });
    for (const vehicle of this.vehicles.values()) vehicle.floodsChanged();
    return edges;
  }

  get floodedEdges(): ReadonlySet<string> {
    return this.flooded;
  }

  private etaChanged(update: EtaUpdate): void {
    const { vehicleId, ...data } = update;
    this.kernel.events.emit('vehicle.eta', vehicleAddress(vehicleId), { ...data, etaMinutes: Math.round(update.etaSeconds / 60) });
    for (const app of this.apps) app.onEta?.(update);
  }

  private crossed(crossing: VehicleFenceCrossing): void {
    this.kernel.events.emit(`geofence.${crossing.kind}`, `vehicle/${crossing.vehicleId}`, { fence: crossing.fenceId });
    for (const app of this.apps) app.onGeofence?.(crossing);
  }

  /** `home`, `work` or a place id; `home` is the vehicle's home place, `work` the workplace across town from it. */
  placeFor(where: string, homeId?: string): Place {
    const named = where === 'home' || where === 'work';
    return placeOnMap(this.city, where, named && homeId !== undefined ? this.home(homeId).place : undefined);
  }

  private startPlaceOf(at: string | undefined, homeId: string | undefined): Place {
    return this.placeFor(at ?? (homeId ? 'home' : 'work'), homeId);
  }
}
