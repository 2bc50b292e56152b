// Who drives which car, found without a scan of every user. Apps asked "the first user whose vehicleId is this
// car" at every arrival home (the announcement, the home-mode preferences) and the bus at every phone route, each
// a pass over all users: with a user per car that made a neighbourhood's evening grow with the square of its
// size. The index keeps the answers of the scan — the first user in the map's order — and is rebuilt if the
// users change.
import type { UserSpec } from './spec';

interface UserIndex {
  size: number;
  /** Position of each user in the map's order, to pick the first of several candidates as a scan would. */
  order: Map<string, number>;
  /** The first user (in map order) whose vehicleId is the key. */
  driverByVehicle: Map<string, UserSpec>;
}

const indexes = new WeakMap<ReadonlyMap<string, UserSpec>, UserIndex>();

function indexFor(users: ReadonlyMap<string, UserSpec>): UserIndex {
  let index = indexes.get(users);
  if (index === undefined || index.size !== users.size) {
    index = { size: users.size, order: new Map(), driverByVehicle: new Map() };
    let i = 0;
    for (const [id, user] of users) {
      index.order.set(id, i++);
      if (user.vehicleId !== undefined && !index.driverByVehicle.has(user.vehicleId)) index.driverByVehicle.set(user.vehicleId, user);
    }
    indexes.set(users, index);
  }
  return index;
}

/** The first user whose car this is: `[...users.values()].find((u) => u.vehicleId === vehicleId)`. */
export function driverOf(users: ReadonlyMap<string, UserSpec>, vehicleId: string): UserSpec | undefined {
  return indexFor(users).driverByVehicle.get(vehicleId);
}

/**
 * The first user who drives the car or is its owner (by id):
 * `[...users.values()].find((u) => u.vehicleId === vehicleId || u.id === ownerId)`.
 */
export function driverOrOwner(users: ReadonlyMap<string, UserSpec>, vehicleId: string, ownerId: string | undefined): UserSpec | undefined {
  const index = indexFor(users);
  const driver = index.driverByVehicle.get(vehicleId);
  const owner = ownerId === undefined ? undefined : users.get(ownerId);
  if (driver === undefined || owner === undefined) return driver ?? owner;
  return index.order.get(owner.id)! < index.order.get(driver.id)! ? owner : driver;
}
