// Requests waiting for their response: each with its timeout on the virtual clock. Whichever comes first — the
// response, a failure of the request or its response, or the timeout — settles it, and the others find nothing.
import type { Scheduler } from '../kernel/types';
import type { RequestOptions } from './bus-types';
import type { Envelope } from './envelope';

export interface PendingRequest extends RequestOptions {
  request: Envelope;
  timer: ReturnType<Scheduler['schedule']> | undefined;
}

export class PendingRequests {
  private readonly byId = new Map<string, PendingRequest>();

  constructor(private readonly scheduler: Scheduler) {}

  /** A request about to be launched; `watch` starts its timeout once its envelope exists. */
  create(options: RequestOptions): PendingRequest {
    return { ...options, request: undefined as unknown as Envelope, timer: undefined };
  }

  /** Registers the launched request and calls `onTimeout` if it is still pending `timeoutMs` from now. */
  watch(pending: PendingRequest, request: Envelope, onTimeout: (pending: PendingRequest) => void): void {
    pending.request = request;
    this.byId.set(request.id, pending);
    pending.timer = this.scheduler.schedule(pending.timeoutMs, () => onTimeout(pending));
  }

  /** True while `pending` is the request waiting under its id (not settled, not timed out). */
  isWaiting(pending: PendingRequest): boolean {
    return this.byId.get(pending.request.id) === pending;
  }

  /** Removes and returns the pending request `id`, cancelling its timeout. */
  settle(id: string): PendingRequest | undefined {
    const pending = this.byId.get(id);
    if (pending === undefined) return undefined;
    this.byId.delete(id);
    if (pending.timer !== undefined) this.scheduler.cancel(pending.timer);
    return pending;
  }

  /** Forgets a request whose timeout fired (its timer has already run). */
  expire(pending: PendingRequest): void {
    this.byId.delete(pending.request.id);
  }
}
