// A running world: the map, every twin, the gateways and the message bus, wired on one deterministic kernel.
// Scenario logic (who reacts to what) lives in apps (./apps) that plug in through SimApp; this class only builds
// the world, delivers messages to the right twin, and offers the messaging calls the apps and runner use.
import { createBus, type MessageBus } from '../bus';
import { HOME_CLOUD, VEHICLE_CLOUD, gatewayAddress, phoneAddress, vehicleAddress } from '../bus/addresses';
import type { Envelope, MessageKind } from '../bus/envelope';
import { createGatewayFleet, type GatewayFleet } from '../gateways/gateway-fleet';
import { screenMachine } from '../home/screen.machine';
import { createKernel, type Kernel, type SimEventListener, type StreamHasher, type Utf8Decoder } from '../kernel';
import type { Json } from '../kernel/types';
import { CommandSecurity, nobleEd25519, type SignatureProvider } from '../security';
import { generateVin } from '../vehicle/vin';
import { findPlace, generateCity, loadGeoJsonMap, placesOfKind, type CityMap, type Geofence, type Place } from '../world';
import { buildTopology } from './topology';
import { SimFlows } from './flows';
import { CommandGuard } from './command-guard';
import { applyDeviceCommand } from './device-commands';
import { carPayload, carResponsePayload, decodeIntent, homePayload, type Intent } from './ecosystem-codec';
import { HomeTwin } from './home-twin';
import type { SimulationSpec, UserSpec } from './spec';
import { TwinActor, type EmittedEvent } from './twin-actor';
import { VehicleTwin, type VehicleFenceCrossing } from './vehicle-twin';

/** Scenario behaviour plugged into the world: the home's automations, the car's apps, the phone. */
export interface SimApp {
  /** A message arrived at `address` (a cloud, a gateway, a vehicle or a phone). Return true when handled. */
  onMessage?(address: string, envelope: Envelope, intent: Intent | undefined): boolean;
  /** A twin emitted a domain event (doorbell pressed, prompt answered, alarm raised …). */
  onTwinEvent?(twin: TwinActor, event: EmittedEvent): void;
  onGeofence?(crossing: VehicleFenceCrossing): void;
}

export interface MessageOptions {
  timeoutMs?: number;
  onResponse?(response: Envelope, intent: Intent | undefined): void;
  onFailure?(reason: string, envelope: Envelope): void;
  causedBy?: Envelope;
  /** Prompt the occupant confirmed, named in a critical command's signature block (the doorbell's unlock). */
  confirmation?: string;
  /**
   * The party whose key signs a critical command, when it is not the bus address the message leaves from: Home
   * Assistant's commands enter at the home gateway but are signed as `party/ha-controller`, under its own grant.
   */
  signer?: string;
}

export interface SimulationOptions {
  hasher?: StreamHasher;
  /** The host's UTF-8 decoder for the lines listeners get (see EventLogOptions). */
  decodeUtf8?: Utf8Decoder;
  listeners?: readonly SimEventListener[];
  /** Ed25519 for signed critical commands; the portable @noble/curves one by default, node:crypto in the engine. */
  signatures?: SignatureProvider;
}

export const HOME_FENCE_PREFIX = 'home:';
const ALL_VEHICLES = '*';

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
  /** Geofences by the vehicle that watches them; fences under ALL_VEHICLES concern every car. */
  private readonly fencesByVehicle = new Map<string, Geofence[]>();
  private readonly apps: SimApp[] = [];
  private readonly homeFences = new Map<string, Geofence>();

  constructor(readonly spec: SimulationSpec, options: SimulationOptions = {}) {
    this.kernel = createKernel({ seed: spec.seed, retainLines: spec.retainEventLines ?? true, hasher: options.hasher, decodeUtf8: options.decodeUtf8 });
    // Listeners (a recorder) must see the stream from its first event — the twins' creation below.
    for (const listener of options.listeners ?? []) this.kernel.events.onEvent(listener);
    this.city = buildCity(this, spec);
    this.gateways = createGatewayFleet({ kernel: this.kernel, vinOf: (id) => this.vehicles.get(id)?.vin ?? id });
    this.security = new CommandSecurity({
      kernel: this.kernel, provider: options.signatures ?? nobleEd25519, vinOf: (id) => this.vehicles.get(id)?.vin,
      ...(spec.security?.freshnessWindowMs !== undefined ? { freshnessWindowMs: spec.security.freshnessWindowMs } : {}),
      ...(spec.security?.grantTtlMs !== undefined ? { grantTtlMs: spec.security.grantTtlMs } : {}),
    });
    this.guard = new CommandGuard(this, this.security);
    const topology = buildTopology(this, spec.localRangeM ?? 150);
    this.bus = createBus({ kernel: this.kernel, architecture: spec.architecture, gateways: this.gateways, links: spec.links, topology });
    // Median latencies only: a flow draws nothing from the links' random streams, so messages keep their numbers.
    this.flows = new SimFlows(this.kernel, spec.architecture, topology, spec.bandwidth, (links) => links.reduce((sum, link) => sum + this.bus.links.get(link).model.medianMs, 0));
    const homePlaces = placesOfKind(this.city, 'home');
    spec.homes.forEach((home, i) => {
      const place = home.placeId ? findPlace(this.city, home.placeId) : homePlaces[i];
      if (place === undefined) throw new Error(`home ${home.id}: the map has only ${homePlaces.length} home places`);
      const twin = new HomeTwin(home, place, this.kernel, spec.startTimeOfDayMs ?? 0);
      this.homes.set(home.id, twin);
      this.homeFences.set(home.id, { id: `${HOME_FENCE_PREFIX}${home.id}`, center: { x: place.x, y: place.y }, radiusM: spec.homeGeofenceRadiusM ?? 1000 });
      for (const device of twin.devices.values()) this.adopt(device);
      // The home's own infrastructure is trusted in its domain; paired cars are admitted below.
      this.security.addAuthority(`home:${home.id}`, HOME_CLOUD);
      this.security.addAuthority(`home:${home.id}`, gatewayAddress(home.id));
    });
    for (const user of spec.users ?? []) {
      this.users.set(user.id, user);
      const phone = new TwinActor(`${phoneAddress(user.id)}/screen`, 'phone', screenMachine, { entityId: `${phoneAddress(user.id)}/screen` }, this.kernel);
      this.phones.set(user.id, this.adopt(phone));
      this.bus.register(phoneAddress(user.id), (env, payload) => this.dispatch(phoneAddress(user.id), env, payload));
    }
    for (const v of spec.vehicles) {
      const vin = generateVin(this.kernel.random.stream(`devices/${v.id}/vin`));
      const vehicle = new VehicleTwin(v, vin, this.startPlaceOf(v.at, v.homeId), this.kernel, this.city, (c) => this.crossed(c), (id) => this.fencesFor(id));
      this.vehicles.set(v.id, vehicle);
      for (const part of Object.values(vehicle.parts)) this.adopt(part);
      this.bus.register(vehicleAddress(v.id), (env, payload) => this.dispatch(vehicleAddress(v.id), env, payload));
      this.security.addAuthority(`vehicle:${v.id}`, VEHICLE_CLOUD);
      if (v.homeId !== undefined && this.homes.has(v.homeId)) {
        this.security.pair({
          vehicle: vehicleAddress(v.id), homeId: v.homeId, homeParties: [HOME_CLOUD, gatewayAddress(v.homeId)],
          homeIssuer: HOME_CLOUD, vehicleIssuer: VEHICLE_CLOUD,
        });
      }
    }
    for (const address of [HOME_CLOUD, VEHICLE_CLOUD, ...spec.homes.map((h) => gatewayAddress(h.id))]) {
      this.bus.register(address, (env, payload) => this.dispatch(address, env, payload));
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
  addFence(fence: Geofence, vehicleId: string = ALL_VEHICLES): void {
    const list = this.fencesByVehicle.get(vehicleId) ?? [];
    list.push(fence);
    this.fencesByVehicle.set(vehicleId, list);
  }

  /** The fences a vehicle's trips are checked against: its home's, its own and the ones for every car. */
  fencesFor(vehicleId: string): Geofence[] {
    const home = this.vehicles.get(vehicleId)?.spec.homeId;
    const homeFence = home === undefined ? undefined : this.homeFences.get(home);
    return [...(homeFence ? [homeFence] : []), ...(this.fencesByVehicle.get(vehicleId) ?? []), ...(this.fencesByVehicle.get(ALL_VEHICLES) ?? [])];
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
    const car = request.destination.startsWith('vehicle/') ? this.vehicles.get(request.destination.slice('vehicle/'.length)) : undefined;
    const payload = car ? carResponsePayload(intent, this.spec.architecture, car.vin, this.now) : homePayload(intent, 'response');
    return this.bus.respond(request, payload);
  }

  /** Where the home's automations run: the home cloud, or the home gateway when the architecture is local. */
  automationHost(homeId: string): string {
    return this.spec.architecture === 'local' ? gatewayAddress(homeId) : HOME_CLOUD;
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
      this.bus.register(twin.id, (env, payload) => this.deliverToDevice(twin, env, payload));
    }
    return twin;
  }

  private deliverToDevice(twin: TwinActor, env: Envelope, payload: Json): void {
    const intent = decodeIntent(payload);
    if (env.kind !== 'command' && env.kind !== 'query') return;
    if (intent === undefined) {
      this.bus.respond(env, homePayload({ capability: twin.kind, name: 'error', deviceId: twin.id, attributes: {}, success: false, error: 'unreadable payload' }, 'response'));
      return;
    }
    if (env.kind === 'query' && intent.name !== 'get_state') {
      this.respond(env, { ...intent, attributes: {}, success: false, error: `a query only reads (get_state): send '${intent.name}' to ${twin.id} as a command` });
      return;
    }
    if (!this.guard.admitToDevice(twin, env, intent, payload)) return;
    const outcome = applyDeviceCommand(twin, intent, env.source);
    const reply: Intent = { ...intent, attributes: outcome.ok ? outcome.attributes : {}, success: outcome.ok, ...(outcome.ok ? {} : { error: outcome.error }) };
    this.respond(env, reply);
  }

  private dispatch(address: string, env: Envelope, payload: Json): void {
    const intent = decodeIntent(payload);
    // Events too: the car's apps act on what a message says, whatever its kind, so a stranger's "event" is checked.
    if (env.kind !== 'response' && intent !== undefined && address.startsWith('vehicle/') && !this.guard.admitToVehicle(address, env, intent, payload)) return;
    for (const app of this.apps) if (app.onMessage?.(address, env, intent)) return;
    if (env.kind === 'command' || env.kind === 'query') {
      this.respond(env, { capability: intent?.capability ?? 'unknown', name: intent?.name ?? 'unknown', deviceId: address, attributes: {}, success: false, error: `${address} has no handler for ${env.topic}` });
    }
  }

  private crossed(crossing: VehicleFenceCrossing): void {
    this.kernel.events.emit(`geofence.${crossing.kind}`, `vehicle/${crossing.vehicleId}`, { fence: crossing.fenceId });
    for (const app of this.apps) app.onGeofence?.(crossing);
  }

  /** `home`, `work` or a place id; `home` is the vehicle's home place, `work` the workplace across town from it. */
  placeFor(where: string, homeId?: string): Place {
    if (where === 'home') {
      if (homeId === undefined) throw new Error('"home" needs the vehicle to have a home');
      return this.home(homeId).place;
    }
    if (where === 'work') {
      // The commute's workplace is the one across town from home (the farthest), so the drive crosses the
      // home geofence and the city; without a home, the first workplace.
      const workplaces = placesOfKind(this.city, 'workplace');
      if (workplaces.length === 0) throw new Error(`map "${this.city.name}" has no workplace`);
      if (homeId === undefined) return workplaces[0]!;
      const home = this.home(homeId).place;
      return workplaces.reduce((far, w) => (Math.hypot(w.x - home.x, w.y - home.y) > Math.hypot(far.x - home.x, far.y - home.y) ? w : far));
    }
    return findPlace(this.city, where);
  }

  private startPlaceOf(at: string | undefined, homeId: string | undefined): Place {
    return this.placeFor(at ?? (homeId ? 'home' : 'work'), homeId);
  }
}

function buildCity(sim: Simulation, spec: SimulationSpec): CityMap {
  const map = spec.map;
  if (map.kind === 'city') return map.city;
  if (map.kind === 'geojson') return loadGeoJsonMap(map.text, map.fileName);
  const homes = Math.max(spec.homes.length, map.options.homes ?? 0);
  const side = Math.max(16, Math.ceil(Math.sqrt(homes / 6)) + 4); // a few km across: commutes cross the home geofence
  return generateCity(sim.kernel.random.stream('city'), { blocksX: side, blocksY: side, workplaces: 3, chargers: 4, ...map.options, homes });
}
