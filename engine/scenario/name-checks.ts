// Every name a scenario uses is checked before anything runs, against catalogues generated from the code
// (name-catalogue.ts): event types and their data keys, topics and attributes, the events `setState` sends, the
// paths `state` reads. A misspelt name would otherwise make a check vacuous — `never: lock.unlockd` can never
// fail — or an action silently do nothing; here it is an error at its line:column with the nearest valid names.
// Runs on the document as written (like the cross-checks), so it reads every value defensively.
import { pathLabel, type PathProblem } from './issues';
import { asArray, asObject, type Json } from './lenient-json';
import {
  acceptedEventsOf,
  capabilityOfTopic,
  dataKeysOf,
  emitterKindsOf,
  eventTypeNames,
  kindsUnderSource,
  knownTopics,
  statePathKnown,
  statePathNames,
  twinNames,
} from './name-catalogue';
import { show } from './schema-kit';
import { setStateDataProblems } from './set-state-data';
import { suggestion } from './suggest';
import { parseTwinRef } from './twin-refs';
import type { Path } from './yaml-source';


/** A path as a message shows it: a hostile 10 kB key is cut short there (the position still finds it). */
const shortLabel = (path: Path): string => pathLabel(path.map((part) => (typeof part === 'string' && part.length > 40 ? `${part.slice(0, 37)}...` : part)));
const problem = (path: Path, message: string, at: 'key' | 'value' = 'value'): PathProblem => ({ path, at, message: `${shortLabel(path)}: ${message}` });

/** Data keys whose value is itself a name: a topic (`msg.*`) or a command written as a topic (`security.*`). */
const TOPIC_VALUED_KEYS = ['topic', 'command'];

/**
 * Names in an event matcher (`{ type, source?, data? }`) at `at` (its path in the document): the type, whether the
 * source can emit it, each data key for that type, topic values, and the attributes of a payload. Every place a
 * scenario holds an event matcher calls this (scenarioNameProblems below finds `event` under any expectation kind).
 * A new matcher field routes its names through the exported pieces, with its own path so the error points at it:
 * a field naming an event type → checkEventType, a (subset) data object → checkDataKeys(type, data, path),
 * a topic → checkTopic, a payload → checkPayloadNames. A field whose value is a pattern (regex, range) names no
 * key and is left alone; only its keys are names.
 */
export function checkEventMatcherNames(matcher: unknown, at: Path): PathProblem[] {
  const object = asObject(matcher);
  if (!object || typeof object.type !== 'string') return [];
  const problems = checkEventType(object.type, [...at, 'type']);
  if (problems.length > 0) return problems;
  if (typeof object.source === 'string') problems.push(...checkEventSource(object.type, object.source, [...at, 'source']));
  const data = asObject(object.data);
  return data ? [...problems, ...checkDataKeys(object.type, data, [...at, 'data'])] : problems;
}

/** A source that cannot emit the type (`lock.unlocked` from a light) would make the matcher never match. */
export function checkEventSource(type: string, source: string, at: Path): PathProblem[] {
  const ref = parseTwinRef(source);
  const emitters = emitterKindsOf(type);
  if (ref === undefined || emitters === undefined) return [];
  const covered = [...kindsUnderSource(ref)];
  if (covered.some((kind) => emitters.has(kind))) return [];
  const from = [...emitters].sort().map((kind) => (kind === 'phone' ? 'a phone' : `a ${kind}`)).join(' or ');
  return [problem(at, `${type} comes from ${from}, never from ${show(source)}, so this would never match`)];
}

/** An event type the canonical stream can carry. */
export function checkEventType(type: string, at: Path): PathProblem[] {
  if (dataKeysOf(type) !== undefined) return [];
  return [problem(at, `unknown event type ${show(type)}; ${suggestion(type, eventTypeNames(), 'event type')}`)];
}

/** Keys of `data` (at `at`) that events of `type` carry, and the names inside their values. */
export function checkDataKeys(type: string, data: Json, at: Path): PathProblem[] {
  const keys = dataKeysOf(type);
  if (keys === undefined) return [];
  const problems: PathProblem[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!keys.includes(key)) {
      problems.push(problem([...at, key], `${type} events have no data key ${show(key)}; ${suggestion(key, keys, 'key')}`, 'key'));
      continue;
    }
    if (TOPIC_VALUED_KEYS.includes(key) && typeof value === 'string') problems.push(...checkTopic(value, [...at, key]));
  }
  const topic = typeof data.topic === 'string' ? data.topic : undefined;
  const payload = asObject(data.payload);
  if (topic !== undefined && payload) problems.push(...checkPayloadNames(topic, payload, [...at, 'payload']));
  return problems;
}

/** A message topic, `<capability>/<command>`. */
export function checkTopic(topic: string, at: Path): PathProblem[] {
  if (knownTopics().includes(topic)) return [];
  return [problem(at, `unknown topic ${show(topic)}; ${suggestion(topic, knownTopics(), 'topic')}`)];
}

/** Attribute names in a payload (home `attributes`, vehicle-cloud `params`) of a message with a known topic. */
export function checkPayloadNames(topic: string, payload: Json, at: Path): PathProblem[] {
  const capability = capabilityOfTopic(topic);
  if (capability === undefined) return [];
  const problems: PathProblem[] = [];
  const groups = [['attributes', capability.attributes], ['params', capability.params]] as const;
  for (const [field, known] of groups) {
    const names = asObject(payload[field]);
    if (!names) continue;
    const list = [...known].sort();
    for (const name of Object.keys(names)) {
      if (known.has(name)) continue;
      const message = `${topic} has no ${field === 'attributes' ? 'attribute' : 'param'} ${show(name)}; ${suggestion(name, list, field === 'attributes' ? 'attribute' : 'param')}`;
      problems.push(problem([...at, field, name], message, 'key'));
    }
  }
  return problems;
}

/** `setState: { twin, event, data }`: the event is one the machine behind the twin accepts, with the fields it declares. */
export function checkSetStateNames(params: unknown, at: Path): PathProblem[] {
  const object = asObject(params);
  const ref = typeof object?.twin === 'string' ? parseTwinRef(object.twin) : undefined;
  if (!object || !ref || typeof object.event !== 'string') return [];
  const twin = twinNames(ref);
  if (twin === undefined) return []; // an unknown device type is reported by the cross-checks
  if (twin.kind === 'none') {
    return [problem([...at, 'twin'], `${show(object.twin)} is a ${twin.label}: setState reaches home devices, vehicles and phones`)];
  }
  const accepted = acceptedEventsOf(twin);
  if (accepted.includes(object.event)) {
    const kind = twin.kind === 'machine' ? twin.names.kind : twin.defaultPart.kind;
    const dataAt = object.data === undefined ? at : [...at, 'data'];
    return setStateDataProblems(kind, object.event, object.data, dataAt, problem);
  }
  const what = twin.kind === 'vehicle' ? 'the vehicle (its drive part, which a vehicle address reaches)' : `a ${twin.label}`;
  return [problem([...at, 'event'], `${show(object.event)} is not an event ${what} accepts; ${suggestion(object.event, accepted, 'event')}`)];
}

/** `state: { twin, path }`: the path is one the twin has (its state, a context path, or a VSS signal). */
export function checkStatePathNames(params: unknown, at: Path): PathProblem[] {
  const object = asObject(params);
  const ref = typeof object?.twin === 'string' ? parseTwinRef(object.twin) : undefined;
  if (!object || !ref || typeof object.path !== 'string') return [];
  const twin = twinNames(ref);
  if (twin === undefined || statePathKnown(twin, object.path)) return [];
  if (twin.kind === 'none') return [problem([...at, 'twin'], `${show(object.twin)} is a ${twin.label}, which has no state a check can read`)];
  const noun = object.path.startsWith('Vehicle.') ? 'VSS signal' : 'path';
  const known = noun === 'VSS signal' ? statePathNames(twin).filter((path) => path.startsWith('Vehicle.')) : statePathNames(twin);
  return [problem([...at, 'path'], `the ${twin.label} has no ${noun} ${show(object.path)}; ${suggestion(object.path, known, noun)}`)];
}

function actionsOf(step: Json, index: number): { action: unknown; path: Path }[] {
  if (Array.isArray(step.do)) return step.do.map((action, j) => ({ action, path: ['steps', index, 'do', j] }));
  return [{ action: step.do, path: ['steps', index, 'do'] }];
}

/** Every name problem of a scenario document (as written, parameters substituted). */
export function scenarioNameProblems(document: unknown): PathProblem[] {
  const root = asObject(document);
  if (!root) return [];
  const problems: PathProblem[] = [];
  asArray(root.steps).forEach((entry, i) => {
    const step = asObject(entry);
    if (!step) return;
    problems.push(...checkEventMatcherNames(asObject(step.on)?.event, ['steps', i, 'on', 'event']));
    for (const { action, path } of actionsOf(step, i)) problems.push(...checkSetStateNames(asObject(action)?.setState, [...path, 'setState']));
  });
  asArray(root.expect).forEach((entry, i) => {
    for (const [kind, params] of Object.entries(asObject(entry) ?? {})) {
      if (kind === 'id' || kind === 'description') continue;
      if (kind === 'state') problems.push(...checkStatePathNames(params, ['expect', i, kind]));
      problems.push(...checkEventMatcherNames(asObject(params)?.event, ['expect', i, kind, 'event']));
    }
  });
  asArray(root.failWhen).forEach((entry, i) => problems.push(...checkEventMatcherNames(asObject(entry)?.event, ['failWhen', i, 'event'])));
  return problems;
}
