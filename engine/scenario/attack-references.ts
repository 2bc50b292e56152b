// Cross-reference checks of the `attack` action: the attacked home exists and has a lock, and the car stands in
// the relation the attack assumes — its own home for forgeries, replays and lapsed grants, someone else's (or none)
// for the unpaired car. Otherwise the attack would be refused for another reason than the one the author tests.
import { pathLabel, type PathProblem } from './issues';
import type { Path } from './yaml-source';

export interface AttackWorld {
  vehicles: ReadonlySet<string>;
  /** Vehicle id → its home. */
  vehicleHomes: ReadonlyMap<string, string>;
  /** Home id → entity ids of its devices. */
  homes: ReadonlyMap<string, readonly string[]>;
}

export function attackProblems(params: Record<string, unknown>, path: Path, world: AttackWorld): PathProblem[] {
  const problems: PathProblem[] = [];
  const problem = (at: Path, message: string): void => void problems.push({ path: at, at: 'value', message: `${pathLabel(at)}: ${message}` });
  const vehicle = typeof params.vehicle === 'string' ? params.vehicle : undefined;
  if (vehicle === undefined || !world.vehicles.has(vehicle)) return problems; // already reported as an unknown vehicle
  const own = world.vehicleHomes.get(vehicle);
  const named = typeof params.home === 'string' ? params.home : undefined;
  const target = named ?? own;
  const kind = typeof params.kind === 'string' ? params.kind : undefined;
  if (target === undefined) {
    if (kind !== 'unpaired-car') problem([...path, 'vehicle'], `vehicle "${vehicle}" has no home: name the home attacked with \`home\``);
    return problems;
  }
  const devices = world.homes.get(target);
  if (devices && !devices.some((entity) => entity.startsWith('lock.'))) {
    problem([...path, named === undefined ? 'vehicle' : 'home'], `home "${target}" has no lock, and the attacks target its remote unlock`);
  }
  if (kind === 'unpaired-car' && own === target) {
    problem([...path, 'vehicle'], `vehicle "${vehicle}" is paired with home "${target}" (its home), so it is not an unpaired car: use a vehicle of another home, or none`);
  } else if (kind !== 'unpaired-car' && own !== target && named !== undefined) {
    problem([...path, 'home'], `vehicle "${vehicle}" is not paired with home "${target}", so ${kind ?? 'the attack'} would be refused as unpaired: use kind unpaired-car, or a vehicle of "${target}"`);
  }
  return problems;
}
