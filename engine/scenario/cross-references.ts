// Checks no schema can express: ids are unique, every user, home, vehicle, device, step and gateway a
// scenario mentions exists, and nothing is scheduled after the run ends. Runs on the document as written
// (after parameter substitution) even when the schema found problems elsewhere, so it reads every value
// defensively and reports only what it can be sure of.
//
// The work is split by what is checked: declared-entities.ts collects the scene's ids and answers lookups,
// step-references.ts checks steps and their actions, brand-references.ts brands; this file checks the links
// between entities and the expectations, and runs the stages in order (the problems keep that order).
import { brandProblems } from './brand-references';
import { DeclaredEntities, countOf, listed } from './declared-entities';
import { asArray, asObject, asString, type Json } from './lenient-json';
import { SCENARIO_LIMITS } from './limits';
import { expandedHomeIds } from './schema-entities';
import { EXPECTATION_KINDS, derivedId } from './schema-steps';
import { twinRefsIn } from './schema-matchers';
import { checkSteps, stepReference, withinRun } from './step-references';
import { parseTwinRef } from './twin-refs';
import type { PathProblem } from './issues';
import type { Path } from './yaml-source';

/** Every cross-reference problem of a scenario document (as written, parameters substituted). */
export function crossCheckScenario(document: unknown): PathProblem[] {
  const root = asObject(document);
  if (!root) return [];
  const declared = new DeclaredEntities(root);
  checkEntityLinks(declared, asObject(root.entities) ?? {});
  checkMap(declared, root);
  const steps = checkSteps(root, declared);
  checkExpectations(declared, root, steps);
  declared.problems.push(...brandProblems(root));
  return declared.problems;
}

function checkEntityLinks(declared: DeclaredEntities, entities: Json): void {
  asArray(entities.users).forEach((user, i) => {
    declared.refers('home', asObject(user)?.home, ['entities', 'users', i, 'home']);
    declared.refers('vehicle', asObject(user)?.vehicle, ['entities', 'users', i, 'vehicle']);
  });
  let vehiclesSoFar = 0;
  asArray(entities.vehicles).forEach((vehicle, i) => {
    vehiclesSoFar += countOf(asObject(vehicle)) ?? 1;
    if (vehiclesSoFar > SCENARIO_LIMITS.vehicles) return;
    const owner = asString(asObject(vehicle)?.owner);
    if (owner !== undefined && !declared.users.has(owner)) {
      declared.problem(['entities', 'vehicles', i, 'owner'], `owner "${owner}" is not a user (users: ${listed(declared.users.keys())})`);
    }
    const count = countOf(asObject(vehicle));
    const home = asString(asObject(vehicle)?.home);
    if (count === undefined || home === undefined) declared.refers('home', asObject(vehicle)?.home, ['entities', 'vehicles', i, 'home']);
    else for (const homeId of expandedHomeIds({ id: home, count })) declared.refers('home', homeId, ['entities', 'vehicles', i, 'home']);
  });
  checkHousehold(declared, asObject(entities.household));
  // Unified accounts: a family lives in a home of the scene, its members and its subscription holder are users.
  asArray(entities.accounts).forEach((account, i) => {
    const a = asObject(account);
    declared.refers('home', a?.home, ['entities', 'accounts', i, 'home']);
    const members = asArray(a?.members).map((m) => asString(asObject(m)?.user));
    members.forEach((user, j) => declared.refers('user', user, ['entities', 'accounts', i, 'members', j, 'user']));
    const holder = asString(asObject(a?.media)?.holder);
    if (holder !== undefined && !members.includes(holder)) {
      declared.problem(['entities', 'accounts', i, 'media', 'holder'], `"${holder}" is not a member of account "${asString(a?.id) ?? ''}" (members: ${listed(members.filter((m) => m !== undefined))})`);
    }
  });
  for (const key of Object.keys(asObject(entities.gateways) ?? {})) {
    const ref = parseTwinRef(key);
    if (ref) declared.twinExists(ref, ['entities', 'gateways', key], 'key');
  }
}

/** A household's car must be a vehicle with a home (where it leaves from and comes back to), its user a user. */
function checkHousehold(declared: DeclaredEntities, household: Json | undefined): void {
  if (household === undefined) return;
  declared.refers('user', household.user, ['entities', 'household', 'user']);
  const vehicle = asString(household.vehicle);
  if (vehicle === undefined || declared.overLimit.has('vehicle')) return;
  if (!declared.vehicles.has(vehicle)) declared.refers('vehicle', vehicle, ['entities', 'household', 'vehicle']);
  else if (!declared.vehicleHomes.has(vehicle)) declared.problem(['entities', 'household', 'vehicle'], `vehicle "${vehicle}" has no home: give it \`home:\` (the household leaves from it and comes back to it)`);
}

function checkMap(declared: DeclaredEntities, root: Json): void {
  const generate = asObject(asObject(root.map)?.generate);
  const plots = generate?.homes;
  if (typeof plots === 'number' && plots < declared.homes.size) {
    declared.problem(['map', 'generate', 'homes'], `the map has ${plots} home plots but ${declared.homes.size} homes are declared`);
  }
}

function checkExpectations(declared: DeclaredEntities, root: Json, steps: ReadonlySet<string>): void {
  const seen = new Map<string, Path>();
  asArray(root.expect).forEach((entry, i) => {
    const expectation = asObject(entry);
    if (!expectation) return;
    const kind = EXPECTATION_KINDS.find((key) => expectation[key] !== undefined);
    const id = asString(expectation.id) ?? derivedId(kind, i);
    declared.unique(seen, id, expectation.id === undefined ? ['expect', i] : ['expect', i, 'id'], 'expectation');
    if (!kind) return;
    const params = asObject(expectation[kind]) ?? {};
    const path: Path = ['expect', i, kind];
    const ofStep = asString(asObject(params.of)?.step);
    if (ofStep !== undefined) stepReference(declared, steps, ofStep, [...path, 'of', 'step']);
    declared.twinField(params.twin, [...path, 'twin']);
    for (const matcher of ['event', 'first', 'then']) declared.twinField(asObject(params[matcher])?.source, [...path, matcher, 'source']);
    for (const ref of twinRefsIn(params, path)) declared.twinField(ref.twin, ref.path);
    withinRun(declared, root, params.at, [...path, 'at'], 'this check');
    withinRun(declared, root, params.by, [...path, 'by'], 'this deadline');
  });
  seen.clear();
  asArray(root.failWhen).forEach((entry, i) => {
    const condition = asObject(entry);
    const id = asString(condition?.id) ?? derivedId('fail', i);
    declared.unique(seen, id, condition?.id === undefined ? ['failWhen', i] : ['failWhen', i, 'id'], 'fail condition');
    declared.twinField(asObject(condition?.event)?.source, ['failWhen', i, 'event', 'source']);
  });
}
