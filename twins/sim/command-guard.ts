// Where the security layer meets the message flow. Senders sign their critical commands as they post them; on
// arrival, the device's home gateway (or the car) verifies and the home cloud (the home gateway under local)
// authorises, before anything moves. A refused command is a `security.refused` event and a failed response to its
// sender — never silence, and never a device that moved. Non-critical traffic passes untouched.
import { gatewayAddress } from '../bus/addresses';
import type { Envelope, MessageKind } from '../bus/envelope';
import type { Json } from '../kernel/types';
import { type CommandSecurity, type Verdict, criticalCommandOf, securityDomainOf } from '../security';
import type { CommandContent } from '../security/signed-command';
import { commandTableOf } from './device-commands';
import type { Intent, JsonObject } from './ecosystem-codec';
import type { TwinActor } from './twin-actor';
import { vehicleCommandOf } from './vehicle-commands';

/** What the guard needs of the simulation. */
export interface GuardHost {
  readonly kernel: { events: { emit(type: string, source: string, data: { [key: string]: Json }): void } };
  respond(request: Envelope, intent: Intent): Envelope;
  automationHost(homeId: string): string;
}

export class CommandGuard {
  constructor(private readonly host: GuardHost, readonly security: CommandSecurity) {}

  /** Adds the signature block to `payload` when `source` sends a critical command; returns whether it did. */
  signIfCritical(source: string, destination: string, intent: Intent, kind: MessageKind, payload: JsonObject, confirmation?: string): boolean {
    if (kind !== 'command' && kind !== 'query') return false;
    if (criticalCommandOf(intent.capability, intent.name, destination) === undefined) return false;
    payload.auth = { ...this.security.authFor(source, contentOf(destination, intent), confirmation === undefined ? {} : { confirmation }) };
    return true;
  }

  /**
   * At the device's gateway: true when the command may reach the device. The command's criticality comes from
   * what the device would do with it (its command table), not from the capability the sender claims.
   */
  admitToDevice(twin: TwinActor, env: Envelope, intent: Intent, payload: Json): boolean {
    // A family member's command (unified account): their own grant must cover it, whatever the car may do.
    const member = payload !== null && typeof payload === 'object' && !Array.isArray(payload) && typeof payload.member === 'string' ? payload.member : undefined;
    if (member !== undefined && (env.kind === 'command' || env.kind === 'query')) {
      const domain = securityDomainOf(twin.id)!;
      const verdict = this.security.authoriseMember(domain, member, contentOf(twin.id, intent));
      if (verdict !== undefined && !verdict.ok) {
        this.refuse(env, intent, domain, verdict, { command: `${intent.capability}/${intent.name}`, to: env.destination, from: env.source, message: env.id, member });
        return false;
      }
    }
    const table = commandTableOf(twin, intent.capability);
    if (table === undefined || criticalCommandOf(table, intent.name, twin.id) === undefined) return true;
    return this.admit(env, intent, payload);
  }

  /**
   * At the car: true when the message may reach its apps. The car judges a command (or an event, which its apps
   * act on too) by its effect (vehicle-commands.ts): a critical effect needs the signature whatever capability
   * the sender claims, and any effect needs a sender paired with the car.
   */
  admitToVehicle(address: string, env: Envelope, intent: Intent, payload: Json): boolean {
    const command = vehicleCommandOf(intent);
    if (command.critical || criticalCommandOf(intent.capability, intent.name, address) !== undefined) return this.admit(env, intent, payload);
    const domain = securityDomainOf(address)!;
    if (this.security.trust.byAddress(domain, env.source) !== undefined) return true;
    const base = { command: `${intent.capability}/${intent.name}`, to: env.destination, from: env.source, message: env.id };
    this.refuse(env, intent, domain, { ok: false, reason: 'unpaired', detail: `${env.source} is not paired with ${domain} (${command.effect} needs a paired sender)`, stage: 'verification', sender: null }, base);
    return false;
  }

  private admit(env: Envelope, intent: Intent, payload: Json): boolean {
    const domain = securityDomainOf(env.destination)!;
    const rawAuth = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload.auth : undefined;
    const verdict = this.security.verify(domain, contentOf(env.destination, intent), rawAuth);
    const command = `${intent.capability}/${intent.name}`;
    const base = { command, to: env.destination, from: env.source, message: env.id };
    if (verdict.ok) {
      this.host.kernel.events.emit('security.verified', this.checkpoint(domain, env, 'authorisation'), {
        ...base, sender: verdict.sender.id, grant: verdict.grant?.id ?? null,
      });
      return true;
    }
    this.refuse(env, intent, domain, verdict, base);
    return false;
  }

  private refuse(env: Envelope, intent: Intent, domain: string, verdict: Extract<Verdict, { ok: false }>, base: { [key: string]: Json }): void {
    this.host.kernel.events.emit('security.refused', this.checkpoint(domain, env, verdict.stage), {
      ...base, reason: verdict.reason, detail: verdict.detail, stage: verdict.stage, sender: verdict.sender,
    });
    if (env.kind === 'command' || env.kind === 'query') this.host.respond(env, { ...intent, attributes: {}, success: false, error: `refused (${verdict.reason}): ${verdict.detail}` });
  }

  /** Who made the call: the home gateway verifies, the home cloud authorises (the gateway under local); a car does both. */
  private checkpoint(domain: string, env: Envelope, stage: 'verification' | 'authorisation'): string {
    if (!domain.startsWith('home:')) return env.destination;
    const homeId = domain.slice('home:'.length);
    return stage === 'verification' ? gatewayAddress(homeId) : this.host.automationHost(homeId);
  }
}

/** The command as signed: its target address and its meaning in the home vocabulary. */
export function contentOf(destination: string, intent: Intent): CommandContent {
  return { to: destination, capability: intent.capability, command: intent.name, attributes: intent.attributes };
}
