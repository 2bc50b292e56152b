// One running twin: an XState actor on the virtual clock whose state changes and emitted events all land in
// the canonical event stream. Context changes are reported as a shallow diff (XState's assign keeps the
// references of untouched keys), which keeps the stream small enough for a 1,000-home day.
import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import type { Kernel } from '../kernel';
import { Emitter } from '../kernel/emitter';
import type { Json } from '../kernel/types';
import { stateValueString, toJson } from './to-json';

export interface EmittedEvent {
  type: string;
  [key: string]: unknown;
}

export type EmittedListener = (twin: TwinActor, event: EmittedEvent) => void;

export class TwinActor {
  readonly actor: Actor<AnyStateMachine>;
  private lastValue = '';
  private lastContext: Record<string, unknown> = {};
  private readonly listeners = new Emitter<EmittedListener>();
  private rejection: string | undefined;
  private started = false;

  constructor(
    /** Address-style id, e.g. `home/h1/lock.front_door`, `vehicle/car1/battery`, `gateway/hub`. */
    readonly id: string,
    /** The device or part type (`lock`, `battery`, `gateway`), for inspectors and queries. */
    readonly kind: string,
    machine: AnyStateMachine,
    input: unknown,
    private readonly kernel: Kernel,
  ) {
    this.actor = createActor(machine, { input, clock: kernel.clock.xstateClock, id });
    this.actor.on('*', (event: EmittedEvent) => {
      if (event.type === 'command.rejected') this.rejection = String(event.reason ?? 'rejected');
      this.kernel.events.emit(event.type, this.id, toJson(omitType(event)) as { [key: string]: Json });
      this.listeners.emit(this, event);
    });
    this.actor.subscribe({
      // start() notifies observers of the initial snapshot; that one is reported below as twin.created.
      next: (snapshot) => this.started && this.reportChange(snapshot.value, snapshot.context as Record<string, unknown>),
      error: (err) => this.kernel.events.emit('twin.error', this.id, { message: String((err as Error)?.message ?? err) }),
    });
    this.actor.start();
    this.started = true;
    this.reportChange(this.actor.getSnapshot().value, this.actor.getSnapshot().context as Record<string, unknown>, true);
  }

  /** Send an event stamped with the current virtual time (machines fold lazy physics at `at`). */
  send(event: EmittedEvent): void {
    this.actor.send({ at: this.kernel.scheduler.now(), ...event });
  }

  /** Send, and return the machine's reason if it refused the command (`command.rejected`), else undefined. */
  sendChecked(event: EmittedEvent): string | undefined {
    this.rejection = undefined;
    this.send(event);
    const reason = this.rejection;
    this.rejection = undefined;
    return reason === undefined ? undefined : `${this.id} refused ${event.type}: ${reason}`;
  }

  onEmitted(listener: EmittedListener): () => void {
    return this.listeners.on(listener);
  }

  get state(): string {
    return this.lastValue;
  }

  get context(): Record<string, unknown> {
    return this.actor.getSnapshot().context as Record<string, unknown>;
  }

  /** The state value and context as JSON: what an inspector shows and expectations read. */
  view(): { state: string; context: Json } {
    return { state: this.lastValue, context: toJson(this.context) };
  }

  private reportChange(value: unknown, context: Record<string, unknown>, initial = false): void {
    const valueString = stateValueString(value);
    const changes: { [key: string]: Json } = {};
    let changed = false;
    for (const key of Object.keys(context)) {
      if (context[key] !== this.lastContext[key]) {
        changes[key] = toJson(context[key]);
        changed = true;
      }
    }
    if (!initial && !changed && valueString === this.lastValue) return;
    this.lastContext = context;
    const previous = this.lastValue;
    this.lastValue = valueString;
    this.kernel.events.emit(initial ? 'twin.created' : 'twin.state', this.id, {
      kind: this.kind,
      state: valueString,
      ...(initial || previous === valueString ? {} : { from: previous }),
      changes,
    });
  }
}

function omitType(event: EmittedEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}
