// One running twin: an XState actor on the virtual clock whose state changes and emitted events all land in
// the canonical event stream. Context changes are reported as a shallow diff (XState's assign keeps the
// references of untouched keys), which keeps the stream small enough for a 1,000-home day.
//
// The actor itself is made on first use. A city of 10,000 homes has 280,000 twins and a day touches about a third
// of them; an XState actor costs several kilobytes (its system, scope and mailbox closures), its initial snapshot a
// few hundred bytes. So a twin whose start does nothing — no entry action left to run, no delayed event to
// schedule, no child to start (see quiet-start.ts) — keeps the initial snapshot's state and context only, and starts
// its actor when something is sent to it or someone asks for the actor: starting it then is invisible, since it
// would have done nothing when the twin was made. A twin whose start does something starts at once, as before.
import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import type { Kernel } from '../kernel';
import { Emitter } from '../kernel/emitter';
import type { Json } from '../kernel/types';
import { planStart } from './quiet-start';
import { stateValueString, toJson } from './to-json';

export interface EmittedEvent {
  type: string;
  [key: string]: unknown;
}

export type EmittedListener = (twin: TwinActor, event: EmittedEvent) => void;

export class TwinActor {
  #actor: Actor<AnyStateMachine> | undefined;
  /** What the actor is made from, until it is made. */
  #pending: { machine: AnyStateMachine; input: unknown } | undefined;
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
    const plan = planStart(machine, input, { id, clock: kernel.clock.xstateClock });
    if ('quiet' in plan) {
      this.#pending = { machine, input };
      this.reportChange(plan.quiet.value, plan.quiet.context, true);
    } else {
      this.#actor = this.start(plan.actor);
      const initial = this.#actor.getSnapshot();
      this.reportChange(initial.value, initial.context as Record<string, unknown>, true);
    }
  }

  /** The XState actor, started on first use (see the file's header). */
  get actor(): Actor<AnyStateMachine> {
    if (this.#actor === undefined) {
      const { machine, input } = this.#pending!;
      this.#pending = undefined;
      this.#actor = this.start(createActor(machine, { input, clock: this.kernel.clock.xstateClock, id: this.id }));
      // The same state and context as the one reported at creation, but new objects: later diffs compare with these.
      this.lastContext = this.#actor.getSnapshot().context as Record<string, unknown>;
    }
    return this.#actor;
  }

  /** Whether the actor has been made and started (see the file's header); state and context answer either way. */
  get isStarted(): boolean {
    return this.#actor !== undefined;
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
    // Until the actor is made, its context is the initial one reported at creation.
    return this.#actor === undefined ? this.lastContext : (this.#actor.getSnapshot().context as Record<string, unknown>);
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

  /** Wires the actor's emitted events and state changes into the event stream, and starts it. */
  private start(actor: Actor<AnyStateMachine>): Actor<AnyStateMachine> {
    actor.on('*', (event: EmittedEvent) => {
      if (event.type === 'command.rejected') this.rejection = String(event.reason ?? 'rejected');
      this.kernel.events.emit(event.type, this.id, toJson(omitType(event)) as { [key: string]: Json });
      this.listeners.emit(this, event);
    });
    actor.subscribe({
      // start() notifies observers of the initial snapshot; that one is reported as twin.created.
      next: (snapshot) => this.started && this.reportChange(snapshot.value, snapshot.context as Record<string, unknown>),
      error: (err) => this.kernel.events.emit('twin.error', this.id, { message: String((err as Error)?.message ?? err) }),
    });
    this.started = false;
    actor.start();
    this.started = true;
    return actor;
  }
}

function omitType(event: EmittedEvent): Record<string, unknown> {
  const { type: _type, ...rest } = event;
  return rest;
}
