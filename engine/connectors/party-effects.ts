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
import type { WireIds } from './wire-ids';

/**
 * `00-<trace>-<span>-<flags>` → its ids, or undefined when malformed or invalid. W3C Trace Context makes an
 * all-zero trace-id or parent-id invalid; undefined makes the bus start a fresh trace, as for no header at all.
 */
export function parseTraceparent(value: string | undefined): { traceId: string; spanId: string } | undefined {
  const m = value === undefined ? null : /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(value);
  if (m === null || /^0+$/.test(m[1]!) || /^0+$/.test(m[2]!)) return undefined;
  return { traceId: m[1]!, spanId: m[2]! };
}

/**
 * The remote span that pushed a message, as the cause the bus continues the trace from. The bus reads only the
 * trace and span ids of a cause. (A `trace` option on Simulation's MessageOptions would make this stand-in unneeded.)
 * Ids on the wire are the run's wire ids: mapped back (after validation), a trace the party continues is the
 * canonical trace it came from, and it leaves again under the same wire id.
 */
function remoteCause(trace: TraceContext | undefined, wire: WireIds | undefined): Envelope | undefined {
  const ids = parseTraceparent(trace?.traceparent);
  if (ids === undefined) return undefined;
  if (wire === undefined) return { traceId: ids.traceId, spanId: ids.spanId } as Envelope;
  const traceId = wire.trace(ids.traceId);
  const spanId = wire.span(ids.spanId);
  // A party that worked out the salt could send the id that maps to all zeros, which W3C forbids: a new trace then.
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId } as Envelope;
}

/** Apply one effect of the party at `address`; `cause` is the delivered message it answers, if any. */
export function applyPartyEffect(sim: Simulation, address: string, signer: string, effect: PartyEffect, cause: Envelope | undefined, trace: TraceContext | undefined, wire?: WireIds): void {
  if (effect.kind === 'respond') {
    if (cause !== undefined && cause.status === 'delivered') sim.bus.respond(cause, effect.payload);
    return;
  }
  const causedBy = cause ?? remoteCause(trace, wire);
  const intent = decodeIntent(effect.payload);
  if (intent !== undefined) {
    // A doorbell prompt it puts on a car is recorded by the home's authoriser as the message leaves or crosses it
    // (twins/sim/command-guard.ts), exactly as the in-simulation automation's prompts are.
    // Failures of these messages are the bus's to record (msg.failed); nobody outside waits on them here.
    sim.sendFromHome(address, effect.destination, intent, effect.messageKind, { signer, ...(causedBy !== undefined ? { causedBy } : {}) });
    return;
  }
  // A payload in neither ecosystem schema travels as it is (twinbench/v1 lets a party send anything).
  const msg = { source: address, destination: effect.destination, topic: effect.topic, kind: effect.messageKind, payload: effect.payload, ...(causedBy !== undefined ? { causedBy } : {}) };
  if (effect.messageKind === 'command' || effect.messageKind === 'query') sim.bus.request(msg, { timeoutMs: 10_000, onResponse: () => undefined, onFailure: () => undefined });
  else sim.bus.send(msg);
}
