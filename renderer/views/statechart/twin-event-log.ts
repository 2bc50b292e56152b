// The per-twin event log of the state chart view, like the Stately inspector's: the messages the twin was sent or
// sent itself (from the run's message log) and the state changes the view saw, merged in time order.
import type { Envelope } from '../../../protocol';

export type TwinLogEntry =
  | { kind: 'message'; t: number; id: string; direction: 'in' | 'out'; label: string; status: Envelope['status'] }
  /** `seq`: the change's place in the run's event stream (changes at one virtual time keep their order). */
  | { kind: 'state'; t: number; seq: number; from: string; to: string };

/** Whether a message concerns the twin: sent to or by it, or to or by the device it is part of (`vehicle/car1`). */
export function concerns(envelope: Pick<Envelope, 'source' | 'destination'>, twin: string): 'in' | 'out' | undefined {
  const matches = (address: string): boolean => address === twin || twin.startsWith(`${address}/`);
  if (matches(envelope.destination)) return 'in';
  if (matches(envelope.source)) return 'out';
  return undefined;
}

/** The newest `limit` messages concerning the twin, walking back from the end of the log (it may be long). */
export function twinMessages(log: { size: number; at(i: number): Envelope | undefined }, twin: string, limit = 60): TwinLogEntry[] {
  const out: TwinLogEntry[] = [];
  for (let i = log.size - 1; i >= 0 && out.length < limit; i--) {
    const m = log.at(i)!;
    const direction = concerns(m, twin);
    if (direction === undefined) continue;
    out.push({ kind: 'message', t: m.createdAt, id: m.id, direction, label: `${m.kind} ${m.topic}`, status: m.status });
  }
  return out.reverse();
}

/** Messages and state changes in time order; the sort is stable, so state changes at one time keep the stream's order. */
export function mergeLog(messages: readonly TwinLogEntry[], states: readonly TwinLogEntry[]): TwinLogEntry[] {
  return [...messages, ...states].sort((a, b) => a.t - b.t || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
}
