// A charge point's outgoing CALLs, one at a time (OCPP-J: no second CALL before the first is answered), each sent
// as a bus message `ocpp/<Action>` from the wallbox to the `csms` party and built only when its turn comes, so it
// carries what is known then (a StopTransaction the id its StartTransaction got). Before the CSMS accepted the
// boot only BootNotification may go; the rest waits.
import { CSMS } from '../../../twins/bus/addresses';
import type { Json } from '../../../twins/kernel/types';
import type { Simulation } from '../../../twins/sim/simulation';
import { obj, type OcppCall } from './dialect';

/** Virtual time to wait for a CALLRESULT on the bus (the wire has its own wall-clock timeout). */
const BUS_TIMEOUT_MS = 60_000;

export interface QueuedCall {
  /** The CALL to send now, or undefined when it no longer needs sending. */
  make: () => OcppCall | undefined;
  then?: (result: Record<string, unknown>) => void;
  failed?: () => void;
  beforeBoot?: boolean;
  /** A status report: superseded by the full report after a boot. */
  status?: boolean;
}

export class CallQueue {
  private readonly queue: QueuedCall[] = [];
  private inFlight = false;
  private booted = false;
  closed = false;

  constructor(private readonly sim: Simulation, private readonly address: string) {}

  send(item: QueuedCall): void {
    this.queue.push(item);
    this.pump();
  }

  /** The boot was accepted: `first` goes ahead of what waited, and queued status reports (now stale) are dropped. */
  open(first: QueuedCall): void {
    this.booted = true;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.status) this.queue.splice(i, 1);
    this.queue.unshift(first);
    this.pump();
  }

  private pump(): void {
    while (!this.inFlight && !this.closed) {
      const i = this.booted ? 0 : this.queue.findIndex((q) => q.beforeBoot);
      if (i < 0 || i >= this.queue.length) return;
      const [item] = this.queue.splice(i, 1);
      const call = item!.make();
      if (call === undefined) continue;
      this.inFlight = true;
      const next = (): void => {
        this.inFlight = false;
        this.pump();
      };
      this.sim.bus.request({ source: this.address, destination: CSMS, topic: `ocpp/${call.action}`, kind: 'event', payload: call.params as Json }, {
        timeoutMs: BUS_TIMEOUT_MS,
        onResponse: (_env, payload) => {
          item!.then?.(obj(payload) ?? {});
          next();
        },
        onFailure: () => {
          item!.failed?.();
          next();
        },
      });
    }
  }
}
