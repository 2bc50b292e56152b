// Revocation: a grant taken back covers nothing from then on, and the refusal says it was revoked.
import { describe, expect, it } from 'vitest';
import { GrantRegistry, grantJson, isRevoked } from './access-grants';

const request = { issuer: 'svc-home-cloud', subject: 'user-bob', audience: 'home:h1', scopes: ['home.light:*'], issuedAt: 0, ttlMs: 10_000 };

describe('access grants: revoke and permits', () => {
  it('permits what the scope covers, and nothing else', () => {
    const grants = new GrantRegistry();
    const grant = grants.issue(request);
    expect(grants.permits('user-bob', 'home:h1', 'home.light:turn_on', 5)).toEqual({ ok: true, grant });
    expect(grants.permits('user-bob', 'home:h1', 'home.lock:unlock', 5)).toMatchObject({ ok: false, reason: 'unauthorized', detail: expect.stringMatching(/does not cover home\.lock:unlock/) });
    expect(grants.permits('user-bob', 'home:h2', 'home.light:turn_on', 5)).toMatchObject({ ok: false, reason: 'unauthorized', detail: 'user-bob holds no access grant in home:h2' });
    expect(grants.permits('user-eve', 'home:h1', 'home.light:turn_on', 5)).toMatchObject({ ok: false, reason: 'unauthorized' });
  });

  it('a revoked grant is refused as revoked from the instant of revocation, not before', () => {
    const grants = new GrantRegistry();
    const grant = grants.issue(request);
    expect(grants.revoke('user-bob', 'home:h1', 100).map((g) => g.id)).toEqual([grant.id]);
    expect(isRevoked(grant, 99)).toBe(false);
    expect(grants.permits('user-bob', 'home:h1', 'home.light:turn_on', 100)).toMatchObject({ ok: false, reason: 'revoked', detail: `user-bob's access grant ${grant.id} in home:h1 was revoked at t=100 ms` });
    expect(grants.current('user-bob', 'home:h1', 100)).toBeUndefined();
    expect(grantJson(grant)).toMatchObject({ revokedAt: 100 });
  });

  it('revoking twice revokes nothing more; a new grant after it is honoured again', () => {
    const grants = new GrantRegistry();
    grants.issue(request);
    grants.revoke('user-bob', 'home:h1', 100);
    expect(grants.revoke('user-bob', 'home:h1', 200)).toEqual([]);
    expect(grants.permits('user-bob', 'home:h1', 'home.light:turn_on', 200)).toMatchObject({ reason: 'revoked' });
    const again = grants.issue({ ...request, issuedAt: 300 });
    expect(grants.permits('user-bob', 'home:h1', 'home.light:turn_on', 300)).toEqual({ ok: true, grant: again });
  });

  it('an expired grant is unauthorized, not revoked; a grant never revoked carries no revokedAt', () => {
    const grants = new GrantRegistry();
    const grant = grants.issue(request);
    expect(grants.permits('user-bob', 'home:h1', 'home.light:turn_on', 10_000)).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(Object.keys(grantJson(grant))).not.toContain('revokedAt');
  });
});
