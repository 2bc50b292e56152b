// The unified account: each member's home control is enforced at the home by their own grant; revoking it is an
// event and a message to the car; the media subscription follows its holder into the car; bad requests are named.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { standardHomeDevices } from '../standard-home';
import { installStandardApps } from '.';

function family(bobControls = true) {
  const sim = new Simulation({
    seed: 3, architecture: 'cloud-cloud', map: { kind: 'generate', options: { homes: 1 } },
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1' }, { id: 'bob', homeId: 'h1' }, { id: 'eve', homeId: 'h1' }],
    homes: [{ id: 'h1', devices: standardHomeDevices() }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at: 'home' }],
    accounts: [{
      id: 'family', homeId: 'h1', members: [{ userId: 'alice', homeControl: true }, { userId: 'bob', homeControl: bobControls }],
      media: { subscription: 'music-plus', holder: 'alice', playlist: 'morning-drive' },
    }],
  });
  const apps = installStandardApps(sim);
  const events = (type: string) => sim.kernel.events.lines().filter((l) => l.includes(`"type":"${type}"`));
  const light = () => sim.home('h1').device('light.living_room').state;
  const say = (user: string, utterance: string) => {
    apps.voice.hearInCar('car1', utterance, apps.account.memberOf(user));
    sim.kernel.clock.runUntil(sim.now + 5_000);
  };
  return { sim, apps, events, light, say };
}

describe('unified account', () => {
  it('a revoked member is refused at the home with reason revoked; another member is not', () => {
    const { apps, events, light, say } = family();
    say('bob', 'Turn on the living room light');
    expect(light()).toBe('on');
    apps.account.revoke('family', 'bob', 'home-control');
    say('bob', 'Turn off the living room light');
    expect(light()).toBe('on');
    const refused = events('security.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/"reason":"revoked"/);
    expect(refused[0]).toMatch(/"member":"user-bob"/);
    say('alice', 'Turn off the living room light');
    expect(light()).toBe('off');
    expect(events('account.entitlement_revoked')).toHaveLength(1);
    expect(events('msg.delivered').some((l) => l.includes('vehicle_display/notify'))).toBe(true);
  });

  it('a member without home control was never allowed (unauthorized); granting it lets them in', () => {
    const { apps, events, light, say } = family(false);
    say('bob', 'Turn on the living room light');
    expect(light()).toBe('off');
    expect(events('security.refused')[0]).toMatch(/"reason":"unauthorized"/);
    apps.account.grant('family', 'bob', 'home-control');
    say('bob', 'Turn on the living room light');
    expect(light()).toBe('on');
  });

  it('someone outside the account speaks as the car, as before: no member check', () => {
    const { apps, light, say } = family(false);
    expect(apps.account.memberOf('eve')).toBeUndefined();
    say('eve', 'Turn on the living room light');
    expect(light()).toBe('on');
  });

  it('the subscription follows its holder into the car, unless it was revoked', () => {
    const on = family();
    on.sim.vehicle('car1').driveTo(on.sim.placeFor('work', 'h1'));
    on.sim.kernel.clock.runUntil(on.sim.now + 10_000);
    expect(on.events('account.media_followed')).toHaveLength(1);
    expect(on.events('msg.delivered').some((l) => l.includes('vehicle_media/play_media'))).toBe(true);
    const off = family();
    off.apps.account.revoke('family', 'alice', 'media');
    off.sim.vehicle('car1').driveTo(off.sim.placeFor('work', 'h1'));
    off.sim.kernel.clock.runUntil(off.sim.now + 10_000);
    expect(off.events('account.media_followed')).toHaveLength(0);
  });

  it('names what is wrong: an unknown account, a non-member, media for someone without the subscription', () => {
    const { apps } = family();
    expect(() => apps.account.revoke('clan', 'bob', 'home-control')).toThrow('no account "clan" (accounts: family)');
    expect(() => apps.account.revoke('family', 'eve', 'home-control')).toThrow('eve is not a member of account family');
    expect(() => apps.account.grant('family', 'bob', 'media')).toThrow('bob holds no media subscription in account family');
  });
});
