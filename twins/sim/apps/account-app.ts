// Unified account (seed §2.2.3): one identity across car and home — a family with its members, each member's
// preferences (the users' own), and entitlements: home control per member, and a media subscription that follows
// its holder from the home speaker to the car. The home cloud keeps the record and issues each member with home
// control an access grant of its own (access-grants.ts), so a member's command from the car meets the command
// policy like any other: a revoked member is refused (`security.refused`, reason `revoked`) at the home. Granting
// and revoking are events (`account.entitlement_granted` / `_revoked`) and messages to the family's cars (their
// screens say so), so the flow view shows them.
import { HOME_CLOUD, vehicleAddress } from '../../bus/addresses';
import { VEHICLE_TO_HOME_SCOPES } from '../../security';
import type { Simulation, SimApp } from '../simulation';
import type { AccountSpec } from '../spec';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import { driverOf } from '../user-index';

export const ENTITLEMENTS = ['home-control', 'media'] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];


/** A member's grants last the whole run: taken back only by a revocation, never by lapsing. */
const MEMBER_GRANT_TTL_MS = 366 * 86_400_000;

export const memberSubject = (userId: string): string => `user-${userId}`;

interface AccountState {
  spec: AccountSpec;
  homeControl: Set<string>;
  mediaActive: boolean;
}

export class AccountApp implements SimApp {
  private readonly accounts = new Map<string, AccountState>();
  private readonly accountOfUser = new Map<string, AccountState>();

  constructor(private readonly sim: Simulation, specs: readonly AccountSpec[] = []) {
    for (const spec of specs) {
      const state: AccountState = { spec, homeControl: new Set(), mediaActive: spec.media !== undefined };
      this.accounts.set(spec.id, state);
      for (const m of spec.members) {
        this.accountOfUser.set(m.userId, state);
        if (m.homeControl) this.grantHomeControl(state, m.userId);
      }
      sim.kernel.events.emit('account.created', HOME_CLOUD, {
        account: spec.id, home: spec.homeId, members: spec.members.map((m) => m.userId),
        homeControl: [...state.homeControl], media: spec.media?.subscription ?? null,
      });
    }
  }

  /** The subject a member's commands carry, when the user belongs to an account (else the car speaks for itself). */
  memberOf(userId: string | undefined): string | undefined {
    return userId !== undefined && this.accountOfUser.has(userId) ? memberSubject(userId) : undefined;
  }

  grant(accountId: string, userId: string, entitlement: Entitlement): void {
    this.change(accountId, userId, entitlement, true);
  }

  revoke(accountId: string, userId: string, entitlement: Entitlement): void {
    this.change(accountId, userId, entitlement, false);
  }

  /** The subscription follows its holder: when the holder's car sets off, the home hands the playlist to it. */
  onTwinEvent(_twin: TwinActor, event: EmittedEvent): void {
    if (event.type !== 'trip.started') return;
    const vehicleId = String(event.vehicleId);
    const driver = driverOf(this.sim.users, vehicleId);
    const state = driver === undefined ? undefined : this.accountOfUser.get(driver.id);
    const media = state?.spec.media;
    if (state === undefined || media === undefined || media.holder !== driver!.id || !state.mediaActive) return;
    const car = vehicleAddress(vehicleId);
    this.sim.kernel.events.emit('account.media_followed', HOME_CLOUD, { account: state.spec.id, member: driver!.id, subscription: media.subscription, to: car });
    // Sent by whoever runs the home's automations: the home cloud, or the home gateway under local direct.
    const host = this.sim.automationHost(state.spec.homeId);
    const speaker = this.sim.home(state.spec.homeId).firstOfType('media_player');
    if (speaker !== undefined) {
      this.sim.sendFromHome(host, speaker.id, { capability: 'media_player', name: 'media_pause', deviceId: speaker.id.split('/').pop()!, attributes: {} }, 'command');
    }
    this.sim.sendFromHome(host, car, {
      capability: 'vehicle_media', name: 'play_media', deviceId: `vehicle.${vehicleId}`,
      attributes: { media_content_id: media.playlist, media_content_type: 'playlist' },
    }, 'command');
  }

  private change(accountId: string, userId: string, entitlement: Entitlement, granted: boolean): void {
    const state = this.accounts.get(accountId);
    if (state === undefined) throw new Error(`no account "${accountId}"${this.accounts.size > 0 ? ` (accounts: ${[...this.accounts.keys()].join(', ')})` : ''}`);
    if (!state.spec.members.some((m) => m.userId === userId)) throw new Error(`${userId} is not a member of account ${accountId}`);
    const domain = `home:${state.spec.homeId}`;
    let grants: string[] = [];
    if (entitlement === 'home-control') {
      if (granted) grants = [this.grantHomeControl(state, userId)];
      else {
        grants = this.sim.security.revokeMember(memberSubject(userId), domain).map((g) => g.id);
        state.homeControl.delete(userId);
      }
    } else {
      if (state.spec.media?.holder !== userId) throw new Error(`${userId} holds no media subscription in account ${accountId}`);
      state.mediaActive = granted;
    }
    this.sim.kernel.events.emit(granted ? 'account.entitlement_granted' : 'account.entitlement_revoked', HOME_CLOUD, {
      account: accountId, member: userId, entitlement, grants,
    });
    // The family's cars hear of it on their screens: the change is a message in the flow, not only a record.
    const host = this.sim.automationHost(state.spec.homeId);
    for (const vehicle of this.sim.vehicles.values()) {
      if (vehicle.spec.homeId !== state.spec.homeId) continue;
      this.sim.sendFromHome(host, vehicleAddress(vehicle.id), {
        capability: 'vehicle_display', name: 'notify', deviceId: `vehicle.${vehicle.id}`,
        attributes: {
          notification_id: `account:${accountId}:${userId}:${entitlement}`, title: 'Family account',
          message: `${userId}: ${entitlement} ${granted ? 'granted' : 'revoked'}`, severity: 'info',
        },
      }, 'command');
    }
  }

  private grantHomeControl(state: AccountState, userId: string): string {
    state.homeControl.add(userId);
    const domain = `home:${state.spec.homeId}`;
    return this.sim.security.grantMember(memberSubject(userId), domain, VEHICLE_TO_HOME_SCOPES, MEMBER_GRANT_TTL_MS).id;
  }
}
