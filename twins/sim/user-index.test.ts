import { describe, expect, it } from 'vitest';
import type { UserSpec } from './spec';
import { driverOf, driverOrOwner } from './user-index';

const user = (id: string, vehicleId?: string): UserSpec => ({ id, homeId: 'h1', ...(vehicleId ? { vehicleId } : {}) }) as UserSpec;
const usersOf = (...list: UserSpec[]): Map<string, UserSpec> => new Map(list.map((u) => [u.id, u]));
const scan = (users: Map<string, UserSpec>, vehicleId: string, ownerId?: string): UserSpec | undefined =>
  [...users.values()].find((u) => u.vehicleId === vehicleId || u.id === ownerId);

describe('user index', () => {
  it('answers as the scan of every user would: the first in map order', () => {
    const users = usersOf(user('ann', 'car2'), user('bob', 'car1'), user('cat', 'car1'), user('dan'));
    expect(driverOf(users, 'car1')?.id).toBe('bob');
    expect(driverOf(users, 'car9')).toBeUndefined();
    for (const [vehicle, owner] of [['car1', 'ann'], ['car1', 'dan'], ['car2', 'bob'], ['car9', 'dan'], ['car9', undefined], ['car1', 'nobody']] as const) {
      expect(driverOrOwner(users, vehicle, owner)).toBe(scan(users, vehicle, owner));
    }
  });

  it('follows users added after a first question', () => {
    const users = usersOf(user('ann'));
    expect(driverOf(users, 'car1')).toBeUndefined();
    users.set('bob', user('bob', 'car1'));
    expect(driverOf(users, 'car1')?.id).toBe('bob');
  });
});
