// Where the security layer meets the message flow. Senders sign their critical commands as they post them; each
// checking party checks at its own hop as the command crosses it (the bus's checkpoint): for a home, its automation
// host (the home cloud; the gateway under local) authorises and its gateway verifies; for a car, the vehicle cloud
// authorises and the car verifies. A command whose path does not cross its authoriser (one a controller posts
// through the home gateway) is authorised at the verifier's hop against the authoriser's records. A refusal is a
// `security.refused` event from the party that refused, at that hop's time, and a failed response from there —
// never silence, and never a device that moved. Prompts for the occupant's confirmation are recorded by the
// authoriser as they leave or cross it: the message is the record. Non-critical traffic passes untouched.
import type { TransitRefusal } from '../bus/bus-types';
import type { Envelope, MessageKind } from '../bus/envelope';
import type { Json } from '../kernel/types';
import { type CommandSecurity, type DomainCheckers, type SecurityStage, type Verdict, criticalCommandOf, securityDomainOf } from '../security';
import type { CommandContent } from '../security/signed-command';
import { commandTableOf } from './device-commands';
import { decodeIntent, type Intent, type JsonObject } from './ecosystem-codec';
import type { TwinActor } from './twin-actor';
import { vehicleCommandOf } from './vehicle-commands';

/** What the guard needs of the simulation. */
export interface GuardHost {
  readonly kernel: { events: { emit(type: string, source: string, data: { [key: string]: Json }): void }; scheduler: { now(): number } };
  respond(request: Envelope, intent: Intent): Envelope;
  /** The payload of a response `responder` sends to `request` (in the responder's ecosystem schema). */
  responsePayload(responder: string, request: Envelope, intent: Intent): Json;
  twin(address: string): TwinActor | undefined;
}

type Refusal = Extract<Verdict, { ok: false }>;

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
   * The bus's checkpoint: `at` is the request's source or a node its hop just reached. Returns the refusal when the
   * party at `at` refuses it there. Cheap for everything else: most messages are not commands to a checked domain.
   */
  checkInTransit(at: string, env: Envelope, payload: Json): TransitRefusal | undefined {
    if (env.kind !== 'command' && env.kind !== 'query') return undefined;
    const domain = securityDomainOf(env.destination);
    const checkers = domain === undefined ? undefined : this.security.checkersOf(domain);
    const prompt = env.kind === 'command' && env.topic === PROMPT_TOPIC;
    if (checkers === undefined && !prompt) return undefined;
    if (checkers !== undefined && at !== checkers.verifier && at !== checkers.authoriser && !prompt) return undefined;
    const intent = decodeIntent(payload);
    if (intent === undefined) return undefined;
    if (prompt) this.recordPrompt(at, env, intent);
    if (checkers === undefined || (at !== checkers.verifier && at !== checkers.authoriser)) return undefined;
    const refusal = this.checkMember(at, env, intent, payload, domain!, checkers)
      ?? (this.isCritical(env.destination, intent) ? this.check(at, env, intent, payload, domain!, checkers) : undefined);
    if (refusal === undefined) return undefined;
    const error = `refused (${refusal.reason}): ${refusal.detail}`;
    return { reason: error, response: this.host.responsePayload(at, env, { ...intent, attributes: {}, success: false, error }) };
  }

  /**
   * At the car, as a message is delivered: true when it may reach the car's apps. The car judges a command (or an
   * event, which its apps act on too) by its effect (vehicle-commands.ts): a critical effect is checked as on any
   * hop, whatever capability the sender claims, and any effect needs a sender paired with the car.
   */
  admitToVehicle(address: string, env: Envelope, intent: Intent, payload: Json): boolean {
    const domain = securityDomainOf(address)!;
    const checkers = this.security.checkersOf(domain)!;
    if (this.isCritical(address, intent)) {
      const refusal = this.check(address, env, intent, payload, domain, checkers);
      if (refusal !== undefined && (env.kind === 'command' || env.kind === 'query')) this.host.respond(env, { ...intent, attributes: {}, success: false, error: `refused (${refusal.reason}): ${refusal.detail}` });
      return refusal === undefined;
    }
    if (this.security.agent(address).trust.byAddress(domain, env.source) !== undefined) return true;
    const detail = `${env.source} is not paired with ${domain} (${vehicleCommandOf(intent).effect} needs a paired sender)`;
    this.refuse(address, address, env, intent, { ok: false, reason: 'unpaired', detail, stage: 'verification', sender: null });
    if (env.kind === 'command' || env.kind === 'query') this.host.respond(env, { ...intent, attributes: {}, success: false, error: `refused (unpaired): ${detail}` });
    return false;
  }

  /** A device command is critical by what the device would do with it (its table), not the capability claimed. */
  private isCritical(destination: string, intent: Intent): boolean {
    if (destination.startsWith('vehicle/')) return vehicleCommandOf(intent).critical || criticalCommandOf(intent.capability, intent.name, destination) !== undefined;
    const twin = this.host.twin(destination);
    const table = twin === undefined ? undefined : commandTableOf(twin, intent.capability);
    return table !== undefined && criticalCommandOf(table, intent.name, destination) !== undefined;
  }

  /**
   * A family member's command (unified account), critical or not: at the hop that authorises, the member's own grant
   * from the home's authoriser must cover it, whatever the car may do.
   */
  private checkMember(at: string, env: Envelope, intent: Intent, payload: Json, domain: string, checkers: DomainCheckers): Refusal | undefined {
    const member = payload !== null && typeof payload === 'object' && !Array.isArray(payload) && typeof payload.member === 'string' ? payload.member : undefined;
    if (member === undefined || !authorisesAt(at, env, checkers)) return undefined;
    const verdict = this.security.authoriseMember(domain, member, contentOf(env.destination, intent));
    if (verdict !== undefined) this.refuse(checkers.authoriser, at, env, intent, verdict, { member });
    return verdict;
  }

  /**
   * The checks `at` owns: the authoriser authorises; the verifier verifies, and also authorises (against the
   * authoriser's records) when the path did not cross the authoriser first. Each outcome is its checker's event.
   */
  private check(at: string, env: Envelope, intent: Intent, payload: Json, domain: string, checkers: DomainCheckers): Refusal | undefined {
    const content = contentOf(env.destination, intent);
    const rawAuth = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload.auth : undefined;
    const now = this.host.kernel.scheduler.now();
    const stages: [party: string, stage: SecurityStage, run: () => Verdict][] = [];
    if (authorisesAt(at, env, checkers)) {
      stages.push([checkers.authoriser, 'authorisation', () => this.security.agent(checkers.authoriser).authorise(domain, content, rawAuth, now)]);
    }
    if (at === checkers.verifier) stages.push([checkers.verifier, 'verification', () => this.security.agent(checkers.verifier).verify(domain, content, rawAuth, now)]);
    for (const [party, stage, run] of stages) {
      const verdict = run();
      if (!verdict.ok) {
        this.refuse(party, at, env, intent, verdict);
        return verdict;
      }
      this.host.kernel.events.emit('security.verified', party, { ...base(env, intent, at), stage, sender: verdict.sender.id, grant: verdict.grant?.id ?? null });
    }
    return undefined;
  }

  private refuse(party: string, at: string, env: Envelope, intent: Intent, verdict: Refusal, extra: { [key: string]: Json } = {}): void {
    this.host.kernel.events.emit('security.refused', party, {
      ...base(env, intent, at), reason: verdict.reason, detail: verdict.detail, stage: verdict.stage, sender: verdict.sender, ...extra,
    });
  }

  /**
   * The authoriser of the prompt's home records what the occupant's answer may authorise as the prompt leaves or
   * crosses it (seed §2.2: unlock only after the occupant confirms): for the car it is shown to, once, until the
   * prompt lapses plus the freshness window the signed answer may take to arrive.
   */
  private recordPrompt(at: string, env: Envelope, intent: Intent): void {
    const a = intent.attributes;
    const prompt = typeof a.prompt_id === 'string' ? a.prompt_id : undefined;
    const homeId = prompt?.startsWith('doorbell:') ? prompt.split(':')[1] : undefined;
    if (prompt === undefined || homeId === undefined || !env.destination.startsWith('vehicle/')) return;
    const domain = `home:${homeId}`;
    if (this.security.checkersOf(domain)?.authoriser !== at) return;
    const log = this.security.agent(at).confirmations;
    const now = this.host.kernel.scheduler.now();
    const expiresAfterMs = typeof a.expires_after_ms === 'number' ? a.expires_after_ms : DEFAULT_PROMPT_MS;
    log.expect({ prompt, domain, requester: env.destination, command: 'lock/unlock', issuedAt: now, validUntil: now + expiresAfterMs + this.security.freshnessWindowMs });
  }
}

const PROMPT_TOPIC = 'vehicle_display/prompt';
/** How long a prompt that names no expiry stays answerable (the doorbell's). */
const DEFAULT_PROMPT_MS = 30_000;

const base = (env: Envelope, intent: Intent, at: string): { [key: string]: Json } => ({ command: `${intent.capability}/${intent.name}`, to: env.destination, from: env.source, message: env.id, at });

/** The command as signed: its target address and its meaning in the home vocabulary. */
export function contentOf(destination: string, intent: Intent): CommandContent {
  return { to: destination, capability: intent.capability, command: intent.name, attributes: intent.attributes };
}

/** True when `at` authorises: it is the authoriser, or the verifier of a path that did not cross the authoriser first. */
function authorisesAt(at: string, env: Envelope, checkers: DomainCheckers): boolean {
  if (at === checkers.authoriser) return true;
  if (at !== checkers.verifier) return false;
  const authoriser = env.path.indexOf(checkers.authoriser);
  return !(authoriser >= 0 && authoriser < env.path.indexOf(at));
}
