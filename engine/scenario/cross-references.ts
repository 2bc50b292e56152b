// Checks no schema can express: ids are unique, every user, home, vehicle, device, step and gateway a
// scenario mentions exists, and nothing is scheduled after the run ends. Runs on the document as written
// (after parameter substitution) even when the schema found problems elsewhere, so it reads every value
// defensively and reports only what it can be sure of.
import { attackProblems } from './attack-references';
import { formatDuration, parseDuration } from './durations';
import { article, pathLabel, type PathProblem } from './issues';
import { ACTION_KINDS } from './schema-actions';
import { SCENARIO_LIMITS } from './limits';
import { LINK_IDS, STANDARD_HOME_DEVICES, expandedHomeIds, expandedVehicleIds } from './schema-entities';
import { EXPECTATION_KINDS, derivedId } from './schema-steps';
import { RESERVED_IDS, isGatewayRef, parseTwinRef, type TwinRef } from './twin-refs';
import { twinRefsIn } from './schema-matchers';
import type { Path } from './yaml-source';

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asMs = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' ? parseDuration(value) : undefined;

function listed(ids: Iterable<string>): string {
  const all = [...ids];
  if (all.length === 0) return 'none declared';
  return all.length > 8 ? `${all.slice(0, 8).join(', ')}, …` : all.join(', ');
}

const STANDARD_ENTITY_IDS = STANDARD_HOME_DEVICES.map((device) => `${device.type}.${device.id}`);

class CrossChecker {
  readonly problems: PathProblem[] = [];
  private readonly users = new Map<string, Json>();
  private readonly vehicles = new Set<string>();
  /** Vehicle id → its home, for vehicles that have one. */
  private readonly vehicleHomes = new Map<string, string>();
  /** Home id → entity ids of its devices. */
  private readonly homes = new Map<string, string[]>();
  /** Kinds whose entities passed their limit (SCENARIO_LIMITS), so were not all collected. */
  private readonly overLimit = new Set<'user' | 'home' | 'vehicle'>();
  private readonly steps = new Set<string>();

  constructor(private readonly root: Json) {}

  run(): PathProblem[] {
    const entities = asObject(this.root.entities) ?? {};
    this.collectEntities(entities);
    this.checkEntityLinks(entities);
    this.checkMap();
    this.checkSteps();
    this.checkExpectations();
    return this.problems;
  }

  private problem(path: Path, message: string, at: 'key' | 'value' = 'value'): void {
    this.problems.push({ path, at, message: `${pathLabel(path)}: ${message}` });
  }

  /** Registers `id` in `seen`, reporting a duplicate at `path`. */
  private unique(seen: Map<string, Path>, id: string, path: Path, noun: string): void {
    const first = seen.get(id);
    if (first) this.problem(path, `duplicate ${noun} id "${id}" (first declared at ${pathLabel(first)})`);
    else seen.set(id, path);
  }

  private collectEntities(entities: Json): void {
    const seen = new Map<string, Path>();
    asArray(entities.users).forEach((user, i) => {
      const id = asString(asObject(user)?.id);
      if (id === undefined) return;
      this.unique(seen, id, ['entities', 'users', i, 'id'], 'user');
      this.users.set(id, asObject(user)!);
    });
    seen.clear();
    // Past the limit on homes (or vehicles) in all, the schema has said so; expanding more ids would only
    // spend memory on a document that is refused anyway.
    let homesSoFar = 0;
    asArray(entities.homes).forEach((entry, i) => {
      const home = asObject(entry);
      const id = asString(home?.id);
      if (!home || id === undefined) return;
      const count = countOf(home);
      homesSoFar += count ?? 1;
      if (homesSoFar > SCENARIO_LIMITS.homes) return void this.overLimit.add('home');
      const devices = home.devices === undefined || home.devices === 'standard' ? STANDARD_ENTITY_IDS : this.devicesOf(home.devices, i);
      for (const homeId of expandedHomeIds({ id, count })) {
        if (RESERVED_IDS.includes(homeId)) this.problem(['entities', 'homes', i, 'id'], `"${homeId}" is reserved and cannot name a home`);
        this.unique(seen, homeId, ['entities', 'homes', i, 'id'], 'home');
        this.homes.set(homeId, devices);
      }
    });
    seen.clear();
    let vehiclesSoFar = 0;
    asArray(entities.vehicles).forEach((vehicle, i) => {
      const id = asString(asObject(vehicle)?.id);
      if (id === undefined) return;
      const home = asString(asObject(vehicle)?.home);
      const count = countOf(asObject(vehicle));
      vehiclesSoFar += count ?? 1;
      if (vehiclesSoFar > SCENARIO_LIMITS.vehicles) return void this.overLimit.add('vehicle');
      const homes = home === undefined ? [] : expandedHomeIds({ id: home, count });
      expandedVehicleIds({ id, count }).forEach((vehicleId, k) => {
        this.unique(seen, vehicleId, ['entities', 'vehicles', i, 'id'], 'vehicle');
        this.vehicles.add(vehicleId);
        if (homes[k] !== undefined) this.vehicleHomes.set(vehicleId, homes[k]!);
      });
    });
  }

  private devicesOf(devices: unknown, homeIndex: number): string[] {
    const seen = new Map<string, Path>();
    asArray(devices).forEach((device, j) => {
      const type = asString(asObject(device)?.type);
      const id = asString(asObject(device)?.id);
      if (type && id) this.unique(seen, `${type}.${id}`, ['entities', 'homes', homeIndex, 'devices', j, 'id'], 'device');
    });
    return [...seen.keys()];
  }

  private checkEntityLinks(entities: Json): void {
    asArray(entities.users).forEach((user, i) => {
      this.refers('home', asObject(user)?.home, ['entities', 'users', i, 'home']);
      this.refers('vehicle', asObject(user)?.vehicle, ['entities', 'users', i, 'vehicle']);
    });
    let vehiclesSoFar = 0;
    asArray(entities.vehicles).forEach((vehicle, i) => {
      vehiclesSoFar += countOf(asObject(vehicle)) ?? 1;
      if (vehiclesSoFar > SCENARIO_LIMITS.vehicles) return;
      const owner = asString(asObject(vehicle)?.owner);
      if (owner !== undefined && !this.users.has(owner)) {
        this.problem(['entities', 'vehicles', i, 'owner'], `owner "${owner}" is not a user (users: ${listed(this.users.keys())})`);
      }
      const count = countOf(asObject(vehicle));
      const home = asString(asObject(vehicle)?.home);
      if (count === undefined || home === undefined) this.refers('home', asObject(vehicle)?.home, ['entities', 'vehicles', i, 'home']);
      else for (const homeId of expandedHomeIds({ id: home, count })) this.refers('home', homeId, ['entities', 'vehicles', i, 'home']);
    });
    this.checkHousehold(asObject(entities.household));
    for (const key of Object.keys(asObject(entities.gateways) ?? {})) {
      const ref = parseTwinRef(key);
      if (ref) this.twinExists(ref, ['entities', 'gateways', key], 'key');
    }
  }

  /** A household's car must be a vehicle with a home (where it leaves from and comes back to), its user a user. */
  private checkHousehold(household: Json | undefined): void {
    if (household === undefined) return;
    this.refers('user', household.user, ['entities', 'household', 'user']);
    const vehicle = asString(household.vehicle);
    if (vehicle === undefined || this.overLimit.has('vehicle')) return;
    if (!this.vehicles.has(vehicle)) this.refers('vehicle', vehicle, ['entities', 'household', 'vehicle']);
    else if (!this.vehicleHomes.has(vehicle)) this.problem(['entities', 'household', 'vehicle'], `vehicle "${vehicle}" has no home: give it \`home:\` (the household leaves from it and comes back to it)`);
  }

  /** `value` names an existing user, home or vehicle. */
  private refers(kind: 'user' | 'home' | 'vehicle', value: unknown, path: Path): void {
    const id = asString(value);
    // Past a limit the entities were not all collected: "unknown home" would only bury the limit's message.
    if (id === undefined || this.overLimit.has(kind)) return;
    // A lookup, not a scan: 5,000 cars each naming one of 5,000 homes must stay linear.
    const exists = kind === 'user' ? this.users.has(id) : kind === 'home' ? this.homes.has(id) : this.vehicles.has(id);
    if (!exists) {
      const known = [...(kind === 'user' ? this.users.keys() : kind === 'home' ? this.homes.keys() : this.vehicles)];
      this.problem(path, `unknown ${kind} "${id}" (${kind}s: ${listed(known)})`);
    }
  }

  private twinExists(ref: TwinRef, path: Path, at: 'key' | 'value' = 'value'): void {
    if (this.overLimit.has(ref.kind === 'vehicle' ? 'vehicle' : 'home')) return;
    if (ref.kind === 'vehicle' && !this.vehicles.has(ref.vehicle)) {
      this.problem(path, `unknown vehicle "${ref.vehicle}" (vehicles: ${listed(this.vehicles)})`, at);
    } else if (ref.kind === 'phone' && !this.users.has(ref.user)) {
      this.problem(path, `unknown user "${ref.user}" for the phone (users: ${listed(this.users.keys())})`, at);
    } else if (ref.kind === 'device' || ref.kind === 'home-gateway' || ref.kind === 'local-link') {
      const devices = this.homes.get(ref.home);
      if (!devices) this.problem(path, `unknown home "${ref.home}" (homes: ${listed(this.homes.keys())})`, at);
      else if (ref.kind === 'device' && !devices.includes(ref.entityId)) {
        this.problem(path, `home "${ref.home}" has no device "${ref.entityId}" (devices: ${listed(devices)})`, at);
      }
    }
  }

  private twinField(value: unknown, path: Path): void {
    const ref = typeof value === 'string' ? parseTwinRef(value) : undefined;
    if (ref) this.twinExists(ref, path);
  }

  private checkMap(): void {
    const generate = asObject(asObject(this.root.map)?.generate);
    const plots = generate?.homes;
    if (typeof plots === 'number' && plots < this.homes.size) {
      this.problem(['map', 'generate', 'homes'], `the map has ${plots} home plots but ${this.homes.size} homes are declared`);
    }
  }

  private withinRun(value: unknown, path: Path, what: string): void {
    const ms = asMs(value);
    const duration = asMs(this.root.duration);
    if (ms !== undefined && duration !== undefined && ms > duration) {
      this.problem(path, `${what} is after the end of the run (it lasts ${formatDuration(duration)})`);
    }
  }

  private checkSteps(): void {
    const seen = new Map<string, Path>();
    const stepList = asArray(this.root.steps);
    const after = new Map<string, string>();
    stepList.forEach((entry, i) => {
      const step = asObject(entry);
      if (!step) return;
      const first = asObject(Array.isArray(step.do) ? step.do[0] : step.do);
      const id = asString(step.id) ?? derivedId(ACTION_KINDS.find((kind) => first?.[kind] !== undefined), i);
      this.unique(seen, id, step.id === undefined ? ['steps', i] : ['steps', i, 'id'], 'step');
      this.steps.add(id);
      const target = asString(asObject(step.after)?.step);
      if (target !== undefined) after.set(id, target);
    });
    stepList.forEach((entry, i) => {
      const step = asObject(entry);
      if (!step) return;
      this.withinRun(step.at, ['steps', i, 'at'], 'this step');
      const target = asString(asObject(step.after)?.step);
      if (target !== undefined) this.stepReference(target, ['steps', i, 'after', 'step']);
      const geofence = asObject(asObject(step.on)?.geofence);
      if (geofence) this.refers('vehicle', geofence.vehicle, ['steps', i, 'on', 'geofence', 'vehicle']);
      this.twinField(asObject(asObject(step.on)?.event)?.source, ['steps', i, 'on', 'event', 'source']);
      const actions = Array.isArray(step.do) ? step.do : [step.do];
      actions.forEach((action, j) => {
        const base: Path = Array.isArray(step.do) ? ['steps', i, 'do', j] : ['steps', i, 'do'];
        for (const kind of ACTION_KINDS) {
          const params = asObject(asObject(action)?.[kind]);
          if (params) this.checkAction(kind, params, [...base, kind]);
        }
      });
    });
    this.checkCycles(after, stepList);
  }

  private stepReference(target: string, path: Path): void {
    if (!this.steps.has(target)) this.problem(path, `no step "${target}" (steps: ${listed(this.steps)})`);
  }

  private checkCycles(after: Map<string, string>, stepList: unknown[]): void {
    const reported = new Set<string>();
    for (const start of after.keys()) {
      const chain = [start];
      let next = after.get(start);
      while (next !== undefined && !chain.includes(next)) {
        chain.push(next);
        next = after.get(next);
      }
      if (next === start && !chain.some((id) => reported.has(id))) {
        chain.forEach((id) => reported.add(id));
        const index = stepList.findIndex((entry) => asObject(entry)?.id === start);
        const message =
          chain.length === 1 ? `step "${start}" waits for itself` : `steps wait for each other in a cycle: ${[...chain, start].join(' → ')}`;
        this.problem(['steps', Math.max(index, 0), 'after', 'step'], message);
      }
    }
  }

  private checkAction(kind: string, params: Json, path: Path): void {
    for (const field of ['vehicle', 'home', 'user'] as const) {
      if (field === 'vehicle' && params[field] === '*') continue; // every vehicle (plugIn)
      if (params[field] !== undefined) this.refers(field, params[field], [...path, field]);
    }
    for (const field of ['device', 'screen', 'twin']) this.twinField(params[field], [...path, field]);
    if (kind === 'voice') this.checkVoice(params, path);
    if (kind === 'doorbell') {
      const devices = this.homes.get(asString(params.home) ?? '');
      if (devices && !devices.some((entity) => entity.startsWith('lock.'))) {
        this.problem([...path, 'home'], `home "${String(params.home)}" has no lock, and the doorbell is on the smart lock`);
      }
    }
    if (kind === 'sensor') {
      const ref = typeof params.device === 'string' ? parseTwinRef(params.device) : undefined;
      if (ref?.kind === 'device' && !ref.entityId.startsWith('binary_sensor.')) {
        this.problem([...path, 'device'], `"${ref.entityId}" is not a binary_sensor`);
      }
    }
    if (kind === 'fault') this.checkFault(params, path);
    if (kind === 'attack') {
      this.problems.push(...attackProblems(params, path, { vehicles: this.vehicles, vehicleHomes: this.vehicleHomes, homes: this.homes }));
    }
  }

  private checkVoice(params: Json, path: Path): void {
    const user = this.users.get(asString(params.user) ?? '');
    if (params.target === 'speaker' && params.home === undefined && user?.home === undefined) {
      this.problem(path, 'a voice command to the speaker needs `home` (or a `user` who has a home)');
    }
    if (params.target === 'car' && params.vehicle === undefined && user?.vehicle === undefined) {
      this.problem(path, 'a voice command to the car needs `vehicle` (or a `user` who has a vehicle)');
    }
  }

  private checkFault(params: Json, path: Path): void {
    const target = asString(params.target);
    const kind = asString(params.kind);
    if (target === undefined) return;
    const isLink = (LINK_IDS as readonly string[]).includes(target);
    const ref = isLink ? undefined : parseTwinRef(target);
    const isGateway = ref !== undefined && isGatewayRef(ref);
    if (!isLink && !isGateway) {
      this.problem([...path, 'target'], `unknown fault target "${target}": a link (${LINK_IDS.join(', ')}) or a gateway (home-cloud, h1/gateway…)`);
      return;
    }
    if (ref) this.twinExists(ref, [...path, 'target']);
    const linkFault = kind === 'outage' || kind === 'latency' || kind === 'loss';
    const gatewayFault = kind === 'offline' || kind === 'degraded' || kind === 'broker-restart';
    if ((isLink && gatewayFault) || (isGateway && linkFault)) {
      this.problem([...path, 'kind'], `${article(String(kind))} fault applies to ${isLink ? 'gateways' : 'links'}, and "${target}" is a ${isLink ? 'link' : 'gateway'}`);
    }
  }

  private checkExpectations(): void {
    const seen = new Map<string, Path>();
    asArray(this.root.expect).forEach((entry, i) => {
      const expectation = asObject(entry);
      if (!expectation) return;
      const kind = EXPECTATION_KINDS.find((key) => expectation[key] !== undefined);
      const id = asString(expectation.id) ?? derivedId(kind, i);
      this.unique(seen, id, expectation.id === undefined ? ['expect', i] : ['expect', i, 'id'], 'expectation');
      if (!kind) return;
      const params = asObject(expectation[kind]) ?? {};
      const path: Path = ['expect', i, kind];
      const ofStep = asString(asObject(params.of)?.step);
      if (ofStep !== undefined) this.stepReference(ofStep, [...path, 'of', 'step']);
      this.twinField(params.twin, [...path, 'twin']);
      for (const matcher of ['event', 'first', 'then']) this.twinField(asObject(params[matcher])?.source, [...path, matcher, 'source']);
      for (const ref of twinRefsIn(params, path)) this.twinField(ref.twin, ref.path);
      this.withinRun(params.at, [...path, 'at'], 'this check');
      this.withinRun(params.by, [...path, 'by'], 'this deadline');
    });
    seen.clear();
    asArray(this.root.failWhen).forEach((entry, i) => {
      const condition = asObject(entry);
      const id = asString(condition?.id) ?? derivedId('fail', i);
      this.unique(seen, id, condition?.id === undefined ? ['failWhen', i] : ['failWhen', i, 'id'], 'fail condition');
      this.twinField(asObject(condition?.event)?.source, ['failWhen', i, 'event', 'source']);
    });
  }
}

/** Every cross-reference problem of a scenario document (as written, parameters substituted). */
export function crossCheckScenario(document: unknown): PathProblem[] {
  const root = asObject(document);
  return root ? new CrossChecker(root).run() : [];
}

function countOf(entry: Json | undefined): number | undefined {
  const count = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry.count : undefined;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : undefined;
}
