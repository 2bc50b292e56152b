// The scene's users, homes (with their devices) and vehicles as the document declares them, and the lookups every
// cross-check makes against them: "is this a user?", "does this twin address name something in the scene?". It
// is its own module because steps, expectations and entity links all ask the same questions and must answer them
// the same way — with the same "unknown home "x" (homes: …)" wording and the same silence past a limit.
import { pathLabel, type PathProblem } from './issues';
import { asArray, asObject, asString, type Json } from './lenient-json';
import { SCENARIO_LIMITS } from './limits';
import { STANDARD_HOME_DEVICES } from './schema-devices';
import { expandedHomeIds, expandedVehicleIds } from './schema-entities';
import { RESERVED_IDS, parseTwinRef, type TwinRef } from './twin-refs';
import type { Path } from './yaml-source';

const STANDARD_ENTITY_IDS = STANDARD_HOME_DEVICES.map((device) => `${device.type}.${device.id}`);

/** Ids for a message: a long list is cut after eight. */
export function listed(ids: Iterable<string>): string {
  const all = [...ids];
  if (all.length === 0) return 'none declared';
  return all.length > 8 ? `${all.slice(0, 8).join(', ')}, …` : all.join(', ');
}

/** An entry's `count` when it is a usable one (a positive integer). */
export function countOf(entry: Json | undefined): number | undefined {
  const count = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry.count : undefined;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : undefined;
}

export class DeclaredEntities {
  /** Every problem the cross-checks found, in the order found (the checks share this one list). */
  readonly problems: PathProblem[] = [];
  readonly users = new Map<string, Json>();
  readonly vehicles = new Set<string>();
  /** Vehicle id → its home, for vehicles that have one. */
  readonly vehicleHomes = new Map<string, string>();
  /** Home id → entity ids of its devices. */
  readonly homes = new Map<string, string[]>();
  /** Kinds whose entities passed their limit (SCENARIO_LIMITS), so were not all collected. */
  readonly overLimit = new Set<'user' | 'home' | 'vehicle'>();

  /** Collects `root.entities`, reporting duplicate and reserved ids as it goes. */
  constructor(private readonly root: Json) {
    this.collect(asObject(root.entities) ?? {});
  }

  problem(path: Path, message: string, at: 'key' | 'value' = 'value'): void {
    this.problems.push({ path, at, message: `${pathLabel(path)}: ${message}` });
  }

  /** Registers `id` in `seen`, reporting a duplicate at `path`. */
  unique(seen: Map<string, Path>, id: string, path: Path, noun: string): void {
    const first = seen.get(id);
    if (first) this.problem(path, `duplicate ${noun} id "${id}" (first declared at ${pathLabel(first)})`);
    else seen.set(id, path);
  }

  /** `value` names an existing user, home or vehicle. */
  refers(kind: 'user' | 'home' | 'vehicle', value: unknown, path: Path): void {
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

  /** The twin `ref` addresses is in the scene: its vehicle, user, home, device or brand. */
  twinExists(ref: TwinRef, path: Path, at: 'key' | 'value' = 'value'): void {
    // A brand's cloud (vehicle-cloud/<brand>) names a declared brand: brand-references.ts checks the ones it
    // knows where to find (faults, gateway states); an event matcher's source is checked here.
    if (ref.kind === 'cloud' && ref.brand !== undefined && !path.includes('fault') && path[0] !== 'entities') {
      const side = ref.cloud === 'vehicle-cloud' ? 'vehicle' : 'home';
      const declared = asArray(asObject(this.root.brands)?.[side]).map((b) => asString(asObject(b)?.id));
      if (!declared.includes(ref.brand)) this.problem(path, `unknown ${side} brand "${ref.brand}" (${side} brands: ${listed(declared.filter((b): b is string => b !== undefined))})`, at);
      return;
    }
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

  /** A field that may hold a twin address: checked when it parses as one (the schema reports the rest). */
  twinField(value: unknown, path: Path): void {
    const ref = typeof value === 'string' ? parseTwinRef(value) : undefined;
    if (ref) this.twinExists(ref, path);
  }

  private collect(entities: Json): void {
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
}
