// Cross-reference checks of many brands: every brand a car, a home, a fault, a gateway state, the hub or a
// metric names is declared on the right side, the hub's unit mistakes name a unit the brand declares, and a
// pair metric is spelled as the catalogue says (pair.<car brand>.<home brand>.<figure>), so a misspelling is
// refused before the run instead of failing as "nothing measured".
import { pathLabel, type PathProblem } from './issues';
import { asArray, asObject, type Json } from './lenient-json';
import { FAILURE_REASONS, PAIR_FIGURES } from './schema-brands';
import { nearestNames } from './suggest';
import type { Path } from './yaml-source';

const didYouMean = (name: string, known: readonly string[]): string => {
  const near = nearestNames(name, known);
  return near.length === 0 ? '' : `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`;
};

export function brandProblems(root: Json): PathProblem[] {
  const problems: PathProblem[] = [];
  const problem = (at: Path, message: string, where: 'key' | 'value' = 'value'): void =>
    void problems.push({ path: at, at: where, message: `${pathLabel(at)}: ${message}` });
  const brands = asObject(root.brands) ?? {};
  const declared = { vehicle: new Map<string, Json>(), home: new Map<string, Json>() };
  for (const side of ['vehicle', 'home'] as const) {
    for (const brand of asArray(brands[side])) {
      const b = asObject(brand);
      if (typeof b?.id === 'string') declared[side].set(b.id, b);
    }
  }
  const known = (side: 'vehicle' | 'home', id: unknown, at: Path, where: 'key' | 'value' = 'value'): boolean => {
    if (typeof id !== 'string') return false;
    if (declared[side].has(id)) return true;
    const other = side === 'vehicle' ? 'home' : 'vehicle';
    const hint = declared[other].has(id) ? `; "${id}" is a ${other} brand` : didYouMean(id, [...declared[side].keys()]);
    problem(at, `unknown ${side} brand "${id}" (${side} brands: ${[...declared[side].keys()].join(', ') || 'none declared under brands'})${hint}`, where);
    return false;
  };

  const entities = asObject(root.entities) ?? {};
  for (const [kind, side] of [['homes', 'home'], ['vehicles', 'vehicle']] as const) {
    asArray(entities[kind]).forEach((entry, i) => {
      const brand = asObject(entry)?.brand;
      const list = Array.isArray(brand) ? brand : brand === undefined ? [] : [brand];
      list.forEach((id, j) => known(side, id, Array.isArray(brand) ? ['entities', kind, i, 'brand', j] : ['entities', kind, i, 'brand']));
    });
  }
  for (const key of Object.keys(asObject(entities.gateways) ?? {})) cloudRef(key, ['entities', 'gateways', key], 'key');
  asArray(root.steps).forEach((step, i) => {
    const s = asObject(step);
    const actions = Array.isArray(s?.do) ? s.do : [s?.do];
    actions.forEach((action, j) => {
      const target = asObject(asObject(action)?.fault)?.target;
      if (typeof target === 'string') cloudRef(target, ['steps', i, 'do', ...(Array.isArray(s?.do) ? [j] : []), 'fault', 'target']);
    });
  });

  const hub = asObject(root.hub) ?? {};
  asArray(hub.missingAdapters).forEach((id, i) => {
    if (typeof id === 'string' && !declared.vehicle.has(id)) known('home', id, ['hub', 'missingAdapters', i]);
  });
  for (const [id, fields] of Object.entries(asObject(hub.ignoreUnits) ?? {})) {
    const brand = declared.vehicle.get(id) ?? declared.home.get(id);
    if (brand === undefined) {
      known('home', id, ['hub', 'ignoreUnits', id], 'key');
      continue;
    }
    const units = Object.keys(asObject(brand.units) ?? {});
    asArray(fields).forEach((field, i) => {
      if (typeof field === 'string' && !units.includes(field)) {
        problem(['hub', 'ignoreUnits', id, i], `brand "${id}" declares no unit for "${field}" (units: ${units.join(', ') || 'none'}), so there is no conversion to forget`);
      }
    });
  }

  asArray(root.expect).forEach((entry, i) => {
    const name = asObject(asObject(entry)?.metric)?.name;
    if (typeof name === 'string' && name.startsWith('pair.')) pairMetric(name, ['expect', i, 'metric', 'name']);
  });
  return problems;

  function cloudRef(text: string, at: Path, where: 'key' | 'value' = 'value'): void {
    const match = /^(vehicle|home)-cloud\/(.+)$/.exec(text);
    if (match) known(match[1] as 'vehicle' | 'home', match[2], at, where);
  }

  function pairMetric(name: string, at: Path): void {
    const [, vehicle, home, ...rest] = name.split('.');
    const figure = rest.join('.');
    if (vehicle === undefined || home === undefined || figure === '') {
      problem(at, `a brand-pair metric is pair.<vehicle brand>.<home brand>.<figure>, e.g. pair.volta.thermia.success_rate; got "${name}"`);
      return;
    }
    const ok = known('vehicle', vehicle, at) && known('home', home, at);
    if (!ok) return;
    const figures = [...PAIR_FIGURES, ...FAILURE_REASONS.map((r) => `failures.${r}`)];
    if (!figures.includes(figure)) problem(at, `unknown brand-pair figure "${figure}" (figures: ${PAIR_FIGURES.join(', ')}, failures.<reason>)${didYouMean(figure, figures)}`);
  }
}
