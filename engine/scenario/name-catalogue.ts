// The names a scenario may use, as the checks see them: every event type with its data keys (the twins' and the
// runner's), every topic and attribute, and for a twin reference the events it accepts and the paths a `state`
// check may read — exactly as engine/runner resolves them (readTwinPath, twinAt), so what passes here exists there.
import {
  VEHICLE_DEFAULT_PART,
  capabilityCatalogue,
  deviceKindNames,
  inContextShape,
  machineEmitters,
  mergeCatalogues,
  phoneNames,
  topicNames,
  twinEventCatalogue,
  vehiclePartNames,
  vssSignalPaths,
  type CapabilityNames,
  type EventCatalogue,
  type TwinKindNames,
} from '../../twins/sim/catalogue';
import { DEVICE_TYPES } from '../../twins/home/devices';
import { ENGINE_EVENTS } from './engine-events';
import type { TwinRef } from './twin-refs';

let events: EventCatalogue | undefined;
let eventTypes: string[] | undefined;

/** Event type → data keys, for every event the canonical stream can carry. */
export function eventCatalogue(): EventCatalogue {
  return (events ??= mergeCatalogues([twinEventCatalogue(), ENGINE_EVENTS]));
}

export function eventTypeNames(): string[] {
  return (eventTypes ??= Object.keys(eventCatalogue()).sort());
}

/** The data keys of a known event type; undefined for an unknown one (and for `__proto__`). */
export function dataKeysOf(type: string): readonly string[] | undefined {
  const catalogue = eventCatalogue();
  return Object.hasOwn(catalogue, type) ? catalogue[type] : undefined;
}

let topics: string[] | undefined;
export function knownTopics(): string[] {
  return (topics ??= topicNames());
}

/** The capability of a topic (`climate/set_temperature` → climate's names), when the topic is known. */
export function capabilityOfTopic(topic: string): CapabilityNames | undefined {
  if (!knownTopics().includes(topic)) return undefined;
  return capabilityCatalogue().get(topic.slice(0, topic.indexOf('/')));
}

/** What a twin reference reaches at run time: one machine (a device, a phone) or a vehicle's parts. */
export type TwinNames =
  | { kind: 'machine'; label: string; names: TwinKindNames }
  | { kind: 'vehicle'; label: string; parts: ReadonlyMap<string, TwinKindNames>; defaultPart: TwinKindNames }
  /** A gateway or cloud: no machine a scenario can send to or read. */
  | { kind: 'none'; label: string };

export function twinNames(ref: TwinRef): TwinNames | undefined {
  switch (ref.kind) {
    case 'device': {
      const type = ref.entityId.slice(0, ref.entityId.indexOf('.'));
      const names = deviceKindNames(type);
      return names ? { kind: 'machine', label: type, names } : undefined;
    }
    case 'phone':
      return { kind: 'machine', label: 'phone screen', names: phoneNames() };
    case 'vehicle': {
      const parts = vehiclePartNames();
      return { kind: 'vehicle', label: 'vehicle', parts, defaultPart: parts.get(VEHICLE_DEFAULT_PART)! };
    }
    default:
      return { kind: 'none', label: ref.kind === 'cloud' ? ref.cloud : ref.kind };
  }
}

/** Paths a `state` check may name on one machine (readTwinPath): `state`, `context.<path>` or the bare `<path>`. */
function machinePathKnown(names: TwinKindNames, path: string): boolean {
  if (path === 'state' || path === 'context') return true;
  const inner = path.startsWith('context.') ? path.slice('context.'.length) : path;
  return inContextShape(names.context, inner);
}

function machinePaths(names: TwinKindNames, prefix = ''): string[] {
  return [`${prefix}state`, ...[...names.context.keys()].map((path) => `${prefix}context.${path}`)];
}

/** True when a `state` check on this twin can read `path`. */
export function statePathKnown(twin: TwinNames, path: string): boolean {
  if (twin.kind === 'none') return false;
  if (twin.kind === 'machine') return machinePathKnown(twin.names, path);
  if (path.startsWith('Vehicle.')) return vssSignalPaths().includes(path);
  const dot = path.indexOf('.');
  const first = dot < 0 ? path : path.slice(0, dot);
  const part = twin.parts.get(first);
  // `vehicle/car1` + `battery.context.socPercent` reads the battery; anything else reads the drive.
  if (part !== undefined) return dot < 0 || machinePathKnown(part, path.slice(dot + 1));
  return machinePathKnown(twin.defaultPart, path);
}

/** Every path a `state` check on this twin may name, for suggestions. */
export function statePathNames(twin: TwinNames): string[] {
  if (twin.kind === 'none') return [];
  if (twin.kind === 'machine') return machinePaths(twin.names);
  return [...[...twin.parts].flatMap(([part, names]) => machinePaths(names, `${part}.`)), ...vssSignalPaths()];
}

/** The events `setState` may send to this twin (the machine it reaches; a vehicle address reaches its drive). */
export function acceptedEventsOf(twin: TwinNames): readonly string[] {
  if (twin.kind === 'none') return [];
  return twin.kind === 'machine' ? twin.names.events : twin.defaultPart.events;
}

/**
 * The twin kinds a matcher's `source` covers (a source matches itself and every twin under it, so a vehicle covers
 * its parts), or undefined when the source is no twin reference (`attacker`, `scenario`) and anything may come from it.
 */
export function kindsUnderSource(ref: TwinRef): ReadonlySet<string> {
  switch (ref.kind) {
    case 'device':
      return new Set([ref.entityId.slice(0, ref.entityId.indexOf('.'))]);
    case 'vehicle':
      return new Set(vehiclePartNames().keys());
    case 'phone':
      return new Set(['phone']);
    default:
      return new Set();
  }
}

/** The twin kinds whose machines emit `type`, when only machines emit it (else undefined: any source may). */
export function emitterKindsOf(type: string): ReadonlySet<string> | undefined {
  return Object.hasOwn(ENGINE_EVENTS, type) ? undefined : machineEmitters().get(type);
}

/** Every event some twin a scenario can address accepts (the setState enum of scenarios/schema.json). */
export function setStateEventNames(): string[] {
  const all = new Set<string>([...phoneNames().events, ...vehiclePartNames().get(VEHICLE_DEFAULT_PART)!.events]);
  for (const type of DEVICE_TYPES) for (const event of deviceKindNames(type)!.events) all.add(event);
  return [...all].sort();
}
