// Issue 7: what the renderer is sent has precise vehicle locations coarsened to 2 decimals (~1 km) unless the user
// opted in ("Show precise locations"), so a screenshot of the flow view or the inspector does not pinpoint a home.
// Applied in the engine host to every message batch and twin view leaving the process — live runs and replays
// alike — so the renderer never receives a precise position by accident. Snapshots are left alone: their vehicle
// positions are local map metres for drawing, not latitude/longitude. The rounding is the recorder's export rule
// (location-privacy.ts), so exports and the app mask the same way.
import type { AttachedSession, CommandName, EngineEvents, EventName, MessageBatch, SendTwinEventResult, TwinView } from '../../protocol';
import type { Json } from '../../twins/kernel/types';
import { coarsenLocation } from '../recorder/location-privacy';

/** `value` as the renderer may see it: unchanged when `precise`, else with location numbers coarsened. */
export function forRenderer<T extends MessageBatch | TwinView>(value: T, precise: boolean): T {
  if (precise) return value;
  if ('envelopes' in value) return messagesForRenderer(value) as T;
  // Envelopes and twin views are JSON by construction (they cross the wire as JSON).
  return coarsenLocation(value as unknown as Json).value as unknown as T;
}

/** A payload coarsened, the same object when nothing in it names a location. */
const coarsened = <P extends Json | undefined>(payload: P): P => (payload === undefined ? payload : (coarsenLocation(payload).value as P));

/**
 * A batch with its payloads coarsened. Only payloads (the original and each hop's translation) can hold a location:
 * an envelope's and a hop's own fields are ids, addresses, times and statuses, none of whose keys names one, so
 * walking them (~20 keys an envelope and ~14 a hop, thousands a batch) found nothing and cost as much as the payloads.
 */
function messagesForRenderer(batch: MessageBatch): MessageBatch {
  const hops = <H extends { payload?: Json }>(list: H[]): H[] => {
    let copy: H[] | undefined;
    list.forEach((hop, i) => {
      const payload = coarsened(hop.payload);
      if (payload !== hop.payload) (copy ??= [...list])[i] = { ...hop, payload };
    });
    return copy ?? list;
  };
  const out: MessageBatch = {
    ...batch,
    envelopes: batch.envelopes.map((e) => {
      const payload = coarsened(e.payload);
      const h = hops(e.hops);
      return payload === e.payload && h === e.hops ? e : { ...e, payload, hops: h };
    }),
  };
  if (batch.updates !== undefined) {
    out.updates = batch.updates.map((u) => {
      const h = hops(u.hops);
      // A hop's change can carry the payload a gateway left it with, as a whole hop does.
      const changed = u.changedHop === undefined ? undefined : coarsened(u.changedHop.payload);
      const changedHop = changed === u.changedHop?.payload ? u.changedHop : { ...u.changedHop, payload: changed };
      return h === u.hops && changedHop === u.changedHop ? u : { ...u, hops: h, ...(changedHop === undefined ? {} : { changedHop }) };
    });
  }
  return out;
}

/** The session's privacy setting, and the filter on what goes out. Off (coarsened) until the user opts in. */
export class LocationPrivacy {
  precise = false;

  set(precise: boolean): { precise: boolean } {
    this.precise = precise;
    return { precise };
  }

  /** An event about to be published. */
  event<E extends EventName>(event: E, payload: EngineEvents[E]): EngineEvents[E] {
    return event === 'messages' ? (forRenderer(payload as MessageBatch, this.precise) as EngineEvents[E]) : payload;
  }

  /** A command's answer about to be returned. */
  response(command: CommandName, answer: unknown): unknown {
    if (command === 'getTwin') return forRenderer(answer as TwinView, this.precise);
    if (command === 'sendTwinEvent') {
      const result = answer as SendTwinEventResult;
      return { ...result, twin: forRenderer(result.twin, this.precise) };
    }
    if (command === 'attach') {
      // A reloaded page gets the run's messages back: masked exactly as when they were first sent.
      const attached = answer as AttachedSession;
      return { ...attached, messages: forRenderer(attached.messages, this.precise) };
    }
    return answer;
  }
}
