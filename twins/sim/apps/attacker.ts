// The penetration tester of seed §5(7): attacks on the doorbell's remote unlock, injected on the car's side of the
// path so they cross the same gateways, hub translation and checks as the real command. Each must be refused — a
// `security.refused` event with its reason and a failed response — and the lock must not move:
//   forged-unlock       claims the car's identity (and its grant, and the pending prompt) but signs with another key
//   unsigned-unlock     no signature block at all
//   replay-last-unlock  re-sends the last signed unlock seen on the wire, byte for byte (refused as replayed, or as
//                       expired once older than the freshness window)
//   expired-token       signed with the car's key, under an access grant that has lapsed
//   unpaired-car        a genuine car, correctly signed, that was never paired with this home
// A passive wiretap (the bus's envelope feed) gives the attacker everything that travels in the clear.
import { vehicleAddress } from '../../bus/addresses';
import type { Envelope } from '../../bus/envelope';
import { carPayload, type Intent } from '../ecosystem-codec';
import { contentOf } from '../command-guard';
import type { Simulation } from '../simulation';

export const ATTACK_KINDS = ['forged-unlock', 'unsigned-unlock', 'replay-last-unlock', 'expired-token', 'unpaired-car'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export interface AttackOrder {
  kind: AttackKind;
  /** The car whose identity is claimed (or replayed), or the stranger car that sends (unpaired-car). */
  vehicleId: string;
  /** The home attacked; the car's own home when omitted (required for unpaired-car). */
  homeId?: string;
  /** expired-token: how long ago the presented grant lapsed. Default 1 h. */
  ageMs?: number;
}

const UNLOCK_TOPIC = 'lock/unlock';

export class Attacker {
  private captured: Envelope | undefined;
  /** True while the attacker's own message is being sent, so the wiretap does not capture it. */
  private injecting = false;
  private forgeries = 0;

  constructor(private readonly sim: Simulation) {
    sim.bus.onEnvelope((phase, env) => {
      if (phase === 'sent' && env.topic === UNLOCK_TOPIC && env.kind === 'command' && !this.injecting) this.captured = env;
    });
  }

  /** The last unlock command seen leaving its sender, if any. */
  get lastCapturedUnlock(): Envelope | undefined {
    return this.captured;
  }

  launch(order: AttackOrder): Envelope {
    if (order.kind === 'replay-last-unlock') return this.replay();
    const { sim } = this;
    const vehicle = sim.vehicle(order.vehicleId);
    const homeId = order.homeId ?? vehicle.spec.homeId;
    if (homeId === undefined) throw new Error(`${order.kind}: ${order.vehicleId} has no home, so name the home attacked`);
    const lock = sim.home(homeId).firstOfType('lock');
    if (lock === undefined) throw new Error(`${order.kind}: home ${homeId} has no smart lock`);
    const source = vehicleAddress(order.vehicleId);
    const intent: Intent = { capability: 'lock', name: 'unlock', deviceId: lock.id.split('/').pop()!, attributes: {} };
    const payload = carPayload(intent, 'command', sim.spec.architecture, vehicle.vin, sim.now);
    const content = contentOf(lock.id, intent);
    const security = sim.security;
    const victim = security.identities.of(source);
    const domain = `home:${homeId}`;
    const heldGrant = security.agent(source).heldGrant(domain)?.id; // its id travels in the clear
    switch (order.kind) {
      case 'unsigned-unlock':
        break;
      case 'forged-unlock': {
        // Everything public is copied (the car's id, its grant id, the prompt on its screen); only the key is wrong.
        const attacker = security.identities.of(`attacker/${++this.forgeries}`);
        const prompt = (vehicle.parts.screen.context.activePrompt as { id?: string } | null)?.id;
        payload.auth = { ...security.seal(attacker, content, { sender: victim.id, ...(heldGrant ? { grant: heldGrant } : {}), ...(prompt ? { confirmation: prompt } : {}) }) };
        break;
      }
      case 'expired-token': {
        const lapsed = security.issueLapsedGrant(source, domain, order.ageMs ?? 3_600_000);
        payload.auth = { ...security.seal(victim, content, { sender: victim.id, grant: lapsed.id }) };
        break;
      }
      case 'unpaired-car':
        if (vehicle.spec.homeId === homeId) throw new Error(`unpaired-car: ${order.vehicleId} is paired with home ${homeId}; use a car from elsewhere`);
        payload.auth = { ...security.authFor(source, content) };
        break;
    }
    this.announce(order.kind, source, lock.id, order.kind === 'unsigned-unlock' ? null : victim.id);
    return this.inject(order.kind, source, lock.id, payload);
  }

  private replay(): Envelope {
    const original = this.captured;
    if (original === undefined) throw new Error('replay-last-unlock: no unlock command has crossed the wire yet, so there is nothing to replay');
    this.announce('replay-last-unlock', original.source, original.destination, null, original.id);
    return this.inject('replay-last-unlock', original.source, original.destination, original.payload);
  }

  private announce(kind: AttackKind, from: string, to: string, claimedSender: string | null, replays?: string): void {
    this.sim.kernel.events.emit('attack.launched', 'attacker', { kind, from, to, claimedSender, ...(replays ? { replays } : {}) });
  }

  private inject(kind: AttackKind, source: string, destination: string, payload: Envelope['payload']): Envelope {
    const events = this.sim.kernel.events;
    this.injecting = true;
    try {
      return this.sim.sendRaw(source, destination, UNLOCK_TOPIC, 'command', payload, {
        onResponse: (response, answer) => events.emit('attack.outcome', 'attacker', {
          kind, message: response.correlationId ?? null, outcome: answer?.success === true ? 'accepted' : 'refused', error: answer?.error ?? null, response: response.id,
        }),
        onFailure: (reason, failed) => events.emit('attack.outcome', 'attacker', { kind, message: failed.correlationId ?? failed.id, outcome: 'undelivered', error: reason, response: null }),
      });
    } finally {
      this.injecting = false;
    }
  }
}
