// Cross-checks of `steps`: step ids are unique, `after: { step }` names a step and no steps wait for each other in
// a cycle, nothing is scheduled after the run ends, and each action names twins of the scene and fits them (a
// doorbell needs a lock, a link fault a link). Kept apart from the entity checks because it is the one part that
// knows the action vocabulary; the lookups it makes are DeclaredEntities's.
import { formatDuration, parseDuration } from './durations';
import { article } from './issues';
import { asArray, asObject, asString, type Json } from './lenient-json';
import { ACTION_KINDS } from './schema-actions';
import { LINK_IDS } from './schema-links';
import { derivedId } from './schema-steps';
import { isGatewayRef, parseTwinRef } from './twin-refs';
import { attackProblems } from './attack-references';
import { listed, type DeclaredEntities } from './declared-entities';
import type { Path } from './yaml-source';

const asMs = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' ? parseDuration(value) : undefined;

/** `value` (a time or duration) is not after the end of the run. */
export function withinRun(declared: DeclaredEntities, root: Json, value: unknown, path: Path, what: string): void {
  const ms = asMs(value);
  const duration = asMs(root.duration);
  if (ms !== undefined && duration !== undefined && ms > duration) {
    declared.problem(path, `${what} is after the end of the run (it lasts ${formatDuration(duration)})`);
  }
}

/** `target` is the id of a step in `steps`. */
export function stepReference(declared: DeclaredEntities, steps: ReadonlySet<string>, target: string, path: Path): void {
  if (!steps.has(target)) declared.problem(path, `no step "${target}" (steps: ${listed(steps)})`);
}

/** Checks every step; answers the step ids (written or derived), which expectations' `of: { step }` name. */
export function checkSteps(root: Json, declared: DeclaredEntities): ReadonlySet<string> {
  const seen = new Map<string, Path>();
  const steps = new Set<string>();
  const stepList = asArray(root.steps);
  const after = new Map<string, string>();
  stepList.forEach((entry, i) => {
    const step = asObject(entry);
    if (!step) return;
    const first = asObject(Array.isArray(step.do) ? step.do[0] : step.do);
    const id = asString(step.id) ?? derivedId(ACTION_KINDS.find((kind) => first?.[kind] !== undefined), i);
    declared.unique(seen, id, step.id === undefined ? ['steps', i] : ['steps', i, 'id'], 'step');
    steps.add(id);
    const target = asString(asObject(step.after)?.step);
    if (target !== undefined) after.set(id, target);
  });
  stepList.forEach((entry, i) => {
    const step = asObject(entry);
    if (!step) return;
    withinRun(declared, root, step.at, ['steps', i, 'at'], 'this step');
    const target = asString(asObject(step.after)?.step);
    if (target !== undefined) stepReference(declared, steps, target, ['steps', i, 'after', 'step']);
    const geofence = asObject(asObject(step.on)?.geofence);
    if (geofence) declared.refers('vehicle', geofence.vehicle, ['steps', i, 'on', 'geofence', 'vehicle']);
    declared.twinField(asObject(asObject(step.on)?.event)?.source, ['steps', i, 'on', 'event', 'source']);
    const actions = Array.isArray(step.do) ? step.do : [step.do];
    actions.forEach((action, j) => {
      const base: Path = Array.isArray(step.do) ? ['steps', i, 'do', j] : ['steps', i, 'do'];
      for (const kind of ACTION_KINDS) {
        const params = asObject(asObject(action)?.[kind]);
        if (params) checkAction(declared, kind, params, [...base, kind]);
      }
    });
  });
  checkCycles(declared, after, stepList);
  return steps;
}

function checkCycles(declared: DeclaredEntities, after: Map<string, string>, stepList: unknown[]): void {
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
      declared.problem(['steps', Math.max(index, 0), 'after', 'step'], message);
    }
  }
}

function checkAction(declared: DeclaredEntities, kind: string, params: Json, path: Path): void {
  for (const field of ['vehicle', 'home', 'user'] as const) {
    if (field === 'vehicle' && params[field] === '*') continue; // every vehicle (plugIn, v2h)
    if (params[field] !== undefined) declared.refers(field, params[field], [...path, field]);
  }
  for (const field of ['device', 'screen', 'twin']) declared.twinField(params[field], [...path, field]);
  if (kind === 'voice') checkVoice(declared, params, path);
  if (kind === 'grant' || kind === 'revoke') declared.refers('user', params.member, [...path, 'member']);
  if (kind === 'doorbell') {
    const devices = declared.homes.get(asString(params.home) ?? '');
    if (devices && !devices.some((entity) => entity.startsWith('lock.'))) {
      declared.problem([...path, 'home'], `home "${String(params.home)}" has no lock, and the doorbell is on the smart lock`);
    }
  }
  if (kind === 'sensor') {
    const ref = typeof params.device === 'string' ? parseTwinRef(params.device) : undefined;
    if (ref?.kind === 'device' && !ref.entityId.startsWith('binary_sensor.')) {
      declared.problem([...path, 'device'], `"${ref.entityId}" is not a binary_sensor`);
    }
  }
  if (kind === 'fault') checkFault(declared, params, path);
  if (kind === 'attack') declared.problems.push(...attackProblems(params, path, declared));
}

function checkVoice(declared: DeclaredEntities, params: Json, path: Path): void {
  const user = declared.users.get(asString(params.user) ?? '');
  if (params.target === 'speaker' && params.home === undefined && user?.home === undefined) {
    declared.problem(path, 'a voice command to the speaker needs `home` (or a `user` who has a home)');
  }
  if (params.target === 'car' && params.vehicle === undefined && user?.vehicle === undefined) {
    declared.problem(path, 'a voice command to the car needs `vehicle` (or a `user` who has a vehicle)');
  }
}

function checkFault(declared: DeclaredEntities, params: Json, path: Path): void {
  const target = asString(params.target);
  const kind = asString(params.kind);
  if (target === undefined) return;
  const isLink = (LINK_IDS as readonly string[]).includes(target);
  const ref = isLink ? undefined : parseTwinRef(target);
  const isGateway = ref !== undefined && isGatewayRef(ref);
  if (!isLink && !isGateway) {
    declared.problem([...path, 'target'], `unknown fault target "${target}": a link (${LINK_IDS.join(', ')}) or a gateway (home-cloud, h1/gateway…)`);
    return;
  }
  if (ref) declared.twinExists(ref, [...path, 'target']);
  const linkFault = kind === 'outage' || kind === 'latency' || kind === 'loss';
  const gatewayFault = kind === 'offline' || kind === 'degraded' || kind === 'broker-restart';
  if ((isLink && gatewayFault) || (isGateway && linkFault)) {
    declared.problem([...path, 'kind'], `${article(String(kind))} fault applies to ${isLink ? 'gateways' : 'links'}, and "${target}" is a ${isLink ? 'link' : 'gateway'}`);
  }
}
