// What a recorded run looked like at a point in its virtual time, rebuilt by folding its events: each twin's state
// and context (twin.created gives the full context, twin.state the keys that changed), the steps fired so far and
// the messages completed so far. The replay feeds this from the recording and builds the same Snapshot and
// MessageBatch a live run publishes, so the views cannot tell a replay from a run.
import type { HomeStatus, HouseholdStatus, MessageBatch, ScreenInfo, ScreenStatus, TwinView } from '../../protocol';
import type { Envelope } from '../../twins/bus/envelope';
import type { ScreenContext } from '../../twins/home/screen.machine';
import type { SimEvent } from '../../twins/kernel/event-log';
import type { Json } from '../../twins/kernel/types';
import { MAX_ENVELOPES_ON_ATTACH, MAX_ENVELOPES_PER_BATCH } from './message-batcher';
import { household } from './household-view';
import { homeStatusOf, screenStatusOf } from './snapshot';

interface RecordedTwin {
  kind: string;
  state: string;
  context: { [key: string]: Json };
}

export class RecordedWorld {
  private readonly twins = new Map<string, RecordedTwin>();
  readonly firedSteps: { id: string; t: number }[] = [];
  /** Every completed message so far, by id (a re-attached page gets them all back). */
  private readonly seen = new Map<string, Envelope>();
  private readonly changed = new Map<string, Envelope>();
  private reset = true;

  apply(event: SimEvent): void {
    const data = event.data;
    if (event.type === 'twin.created' || event.type === 'twin.state') {
      const changes = isObject(data['changes']) ? data['changes'] : {};
      const before = event.type === 'twin.state' ? this.twins.get(event.source) : undefined;
      this.twins.set(event.source, {
        kind: String(data['kind'] ?? before?.kind ?? ''),
        state: String(data['state'] ?? before?.state ?? ''),
        context: { ...before?.context, ...changes },
      });
    } else if (event.type === 'step.fired' && event.source === 'scenario') {
      this.firedSteps.push({ id: String(data['step']), t: event.t });
    } else if (event.type.startsWith('msg.') && typeof data['id'] === 'string' && Array.isArray(data['hops'])) {
      // A message is recorded when it completes (delivered or failed); its data is the whole envelope.
      const envelope = data as unknown as Envelope;
      this.seen.set(envelope.id, envelope);
      this.changed.delete(envelope.id);
      this.changed.set(envelope.id, envelope);
    }
  }

  get messageCount(): number {
    return this.seen.size;
  }

  /** The messages completed so far, as one batch that resets a re-attached page's log. */
  allMessages(): MessageBatch {
    const all = [...this.seen.values()];
    return { envelopes: all.slice(Math.max(0, all.length - MAX_ENVELOPES_ON_ATTACH)), total: all.length, reset: true };
  }

  /** The messages completed since the last batch; the first batch tells the views to drop what they had. */
  flushMessages(): MessageBatch | undefined {
    if (this.changed.size === 0 && !this.reset) return undefined;
    const all = [...this.changed.values()];
    const batch = { envelopes: all.slice(Math.max(0, all.length - MAX_ENVELOPES_PER_BATCH)), total: this.seen.size, reset: this.reset };
    this.changed.clear();
    this.reset = false;
    return batch;
  }

  /** A home's status from its devices (`home/<id>/…`), in the order they were created, as a live home's is. */
  homeStatus(homeId: string): HomeStatus {
    const prefix = `home/${homeId}/`;
    const devices = [...this.twins].filter(([address]) => address.startsWith(prefix)).map(([, twin]) => twin);
    return homeStatusOf(homeId, devices);
  }

  /** The watched household's cards and speaker at `t`, from the recorded twins of `home/<id>/`. */
  household(homeId: string, t: number): HouseholdStatus {
    const prefix = `home/${homeId}/`;
    const devices = [...this.twins].filter(([address]) => address.startsWith(prefix)).map(([address, twin]) => ({ address, ...twin }));
    return household(homeId, devices, t);
  }

  screenStatuses(screens: readonly ScreenInfo[]): ScreenStatus[] {
    return screens.flatMap((s) => {
      const twin = this.twins.get(s.address);
      return twin === undefined ? [] : [screenStatusOf(s.address, twin.context as unknown as ScreenContext)];
    });
  }

  /** A twin as the inspector shows it; a recording accepts no events. */
  twinView(address: string): TwinView {
    const twin = this.twins.get(address);
    if (twin === undefined) throw new Error(`no twin at ${address} in this recording (yet): it is created by the run, or the address is wrong`);
    return { address, kind: twin.kind, state: twin.state, context: twin.context, acceptedEvents: [] };
  }
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
