// How a message that reached its destination is handled there: a home device applies a command (through the same
// device-command table as every controller) and answers it; any other party — a cloud, a gateway, a car, a phone —
// reads it in its own brand's schema, has the car's security admit it, and offers it to the scene's apps, answering
// a request nobody handled with a failure that names the party and the topic, never with silence.
import type { MessageBus } from '../bus';
import type { Envelope } from '../bus/envelope';
import type { createBrandReader } from '../gateways/brand-translation';
import type { Json } from '../kernel/types';
import type { CommandGuard } from './command-guard';
import { applyDeviceCommand } from './device-commands';
import { decodeIntent, homePayload, type Intent } from './ecosystem-codec';
import type { SimApp } from './simulation-contract';
import type { TwinActor } from './twin-actor';

export interface ReceptionHost {
  readonly bus: MessageBus;
  respond(request: Envelope, intent: Intent): Envelope;
}

export class MessageReception {
  constructor(
    private readonly host: ReceptionHost,
    private readonly guard: CommandGuard,
    private readonly apps: readonly SimApp[],
    private readonly readBrand: ReturnType<typeof createBrandReader>,
  ) {}

  /** A command or query for a home device: applied, then answered with the device's new attributes or the error. */
  atDevice(twin: TwinActor, env: Envelope, payload: Json): void {
    const intent = decodeIntent(payload);
    if (env.kind !== 'command' && env.kind !== 'query') return;
    if (intent === undefined) {
      this.host.bus.respond(env, homePayload({ capability: twin.kind, name: 'error', deviceId: twin.id, attributes: {}, success: false, error: 'unreadable payload' }, 'response'));
      return;
    }
    if (env.kind === 'query' && intent.name !== 'get_state') {
      this.host.respond(env, { ...intent, attributes: {}, success: false, error: `a query only reads (get_state): send '${intent.name}' to ${twin.id} as a command` });
      return;
    }
    // Critical commands were checked on the way, at the gateway's hop (and the authoriser's): none arrives unchecked.
    const outcome = applyDeviceCommand(twin, intent, env.source);
    const reply: Intent = { ...intent, attributes: outcome.ok ? outcome.attributes : {}, success: outcome.ok, ...(outcome.ok ? {} : { error: outcome.error }) };
    this.host.respond(env, reply);
  }

  /** A message for a party that is not a device: the first app that handles it wins. */
  atParty(address: string, env: Envelope, delivered: Json): void {
    // A brand's cloud reads what the hub hands it in the brand's own schema with the brand's own adapter.
    const payload = this.readBrand(env.hops[env.hops.length - 1]?.format, delivered);
    const intent = payload === undefined ? undefined : decodeIntent(payload);
    // Events too: the car's apps act on what a message says, whatever its kind, so a stranger's "event" is checked.
    if (env.kind !== 'response' && intent !== undefined && address.startsWith('vehicle/') && !this.guard.admitToVehicle(address, env, intent, payload ?? delivered)) return;
    for (const app of this.apps) if (app.onMessage?.(address, env, intent)) return;
    if (env.kind === 'command' || env.kind === 'query') {
      this.host.respond(env, { capability: intent?.capability ?? 'unknown', name: intent?.name ?? 'unknown', deviceId: address, attributes: {}, success: false, error: `${address} has no handler for ${env.topic}` });
    }
  }
}
