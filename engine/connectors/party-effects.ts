// What an external party's answers and pushes make happen inside the simulation. Its messages are posted the way
// the in-simulation party would post them (Simulation.sendFromHome: the home ecosystem's schema, and the signature
// block on critical commands), as children of the message that caused them or of the remote span that pushed them.
// They leave from the party's bus address, but a critical one is signed as the enrolled `party/external:<address>`
// under its own grant: a real endpoint never signs as the simulated home's own (grant-free) infrastructure.
import type { Simulation } from '../../twins';
import type { Envelope } from '../../twins/bus/envelope';
import { decodeIntent } from '../../twins/sim/ecosystem-codec';
import type { PartyEffect } from './external-codecs';
import type { TraceContext } from './mqtt-session';

/** `00-<trace>-<span>-<flags>` → its ids, or undefined when malformed. */
export function parseTraceparent(value: string | undefined): { traceId: string; spanId: string } | undefined {
  const m = value === undefined ? null : /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(value);
  return m === null ? undefined : { traceId: m[1]!, spanId: m[2]! };
}

/**
 * The remote span that pushed a message, as the cause the bus continues the trace from. The bus reads only the
 * trace and span ids of a cause. (A `trace` option on Simulation's MessageOptions would make this stand-in unneeded.)
 */
function remoteCause(trace: TraceContext | undefined): Envelope | undefined {
  const ids = parseTraceparent(trace?.traceparent);
  return ids === undefined ? undefined : ({ traceId: ids.traceId, spanId: ids.spanId } as Envelope);
}

/**
 * A doorbell prompt the party puts on a car is a confirmation the home may later honour: the party plays the home
 * cloud, which keeps those records (seed §2.2: unlock only after the occupant confirms). The in-simulation
 * automation records its own prompts the same way.
 */
function recordConfirmation(sim: Simulation, destination: string, attributes: { [key: string]: unknown }): void {
  const prompt = typeof attributes.prompt_id === 'string' ? attributes.prompt_id : undefined;
  const homeId = prompt?.startsWith('doorbell:') ? prompt.split(':')[1] : undefined;
  if (prompt === undefined || homeId === undefined || !destination.startsWith('vehicle/')) return;
  const expiresAfterMs = typeof attributes.expires_after_ms === 'number' ? attributes.expires_after_ms : 30_000;
  sim.security.confirmations.expect({
    prompt, domain: `home:${homeId}`, requester: destination, command: 'lock/unlock', issuedAt: sim.now,
    validUntil: sim.now + expiresAfterMs + sim.security.freshnessWindowMs,
  });
}

/** Apply one effect of the party at `address`; `cause` is the delivered message it answers, if any. */
export function applyPartyEffect(sim: Simulation, address: string, signer: string, effect: PartyEffect, cause: Envelope | undefined, trace: TraceContext | undefined): void {
  if (effect.kind === 'respond') {
    if (cause !== undefined && cause.status === 'delivered') sim.bus.respond(cause, effect.payload);
    return;
  }
  const causedBy = cause ?? remoteCause(trace);
  const intent = decodeIntent(effect.payload);
  if (intent !== undefined) {
    if (intent.capability === 'vehicle_display' && intent.name === 'prompt') recordConfirmation(sim, effect.destination, intent.attributes);
    // Failures of these messages are the bus's to record (msg.failed); nobody outside waits on them here.
    sim.sendFromHome(address, effect.destination, intent, effect.messageKind, { signer, ...(causedBy !== undefined ? { causedBy } : {}) });
    return;
  }
  // A payload in neither ecosystem schema travels as it is (twinbench/v1 lets a party send anything).
  const msg = { source: address, destination: effect.destination, topic: effect.topic, kind: effect.messageKind, payload: effect.payload, ...(causedBy !== undefined ? { causedBy } : {}) };
  if (effect.messageKind === 'command' || effect.messageKind === 'query') sim.bus.request(msg, { timeoutMs: 10_000, onResponse: () => undefined, onFailure: () => undefined });
  else sim.bus.send(msg);
}
