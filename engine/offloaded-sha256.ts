// SHA-256 of the canonical event stream on the second core. Hashing is about 6% of a busy bus's time on the main
// thread (0.5 ns a byte, ~1 KB a message) and the simulation itself cannot use the other core, so a large run hands
// its line buffers to a worker thread through a ring of shared memory: copying a buffer costs a fifteenth of
// hashing it. The digest is the same SHA-256 of the same bytes (tested against node:crypto), so recordings made
// either way verify either way.
//
// Small runs never start a worker: their lines are queued until the digest (or until they pass `startAfterBytes`)
// and hashed inline, so tests and short scenarios pay no thread start-up. The queue also carries what arrives while
// the worker boots (~25 ms) or while the ring is full, so the simulation does not wait for the worker unless the
// queue grows past `maxQueuedBytes`. Protocol, all through Atomics: the main thread copies up to a slot's worth
// into slot `written % slots`, then bumps `written` and `signal`; the worker hashes slots up to `written`, bumping
// `read`. For the digest the main thread sets state `final`; the worker writes the hex and sets `done`.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { StreamHasher } from '../twins/kernel';
import { CONTROL, SHA256_WORKER_SOURCE, STATE } from './sha256-worker-source';

export interface OffloadedSha256Options {
  /** Lines kept and hashed inline until the stream passes this many bytes (then a worker starts). */
  startAfterBytes?: number;
  slots?: number;
  slotBytes?: number;
  /** Bytes the queue may hold once the worker runs before update waits for the worker to catch up. */
  maxQueuedBytes?: number;
  /** How long the digest waits for a started worker to run before hashing inline after all. */
  startTimeoutMs?: number;
  /** How long a wait for a running worker may see no progress before the hasher throws. */
  stallTimeoutMs?: number;
  /** The worker's program (tests replace it to check what happens when a worker never runs). */
  workerSource?: string;
}

export interface OffloadedSha256Hasher extends StreamHasher {
  /** True once a worker has taken over hashing (false for runs too small to need one). */
  readonly offloaded: boolean;
}

const DEFAULTS = { startAfterBytes: 1 << 20, slots: 32, slotBytes: 1 << 16, maxQueuedBytes: 64 << 20, startTimeoutMs: 10_000, stallTimeoutMs: 60_000 };
/** Bytes kept while a started worker is still booting, after which the hasher stops waiting for it. */
const MAX_KEPT_WHILE_BOOTING = 256 << 20;

/**
 * Tells the worker something changed. The signal is bumped before `sleeping` is read: a worker that read the old
 * signal and then went to sleep finds it changed and returns at once, so skipping the wake-up loses nothing. A
 * wake-up is a system call (~7 µs), so new slots wake a sleeping worker only once a quarter of the ring is full
 * (`urgent` false); until then it finds them when it next looks (it looks at least once a second).
 */
function wake(control: Int32Array, urgent = true): void {
  Atomics.add(control, CONTROL.signal, 1);
  if (urgent && Atomics.load(control, CONTROL.sleeping) === 1) Atomics.notify(control, CONTROL.signal);
}

/** Tells a worker whose hasher was garbage-collected without a digest (an abandoned run) to exit. */
const abandon = new FinalizationRegistry<Int32Array>((control) => {
  if (Atomics.load(control, CONTROL.state) !== STATE.streaming) return;
  Atomics.store(control, CONTROL.state, STATE.abandoned);
  wake(control);
});

export function offloadedSha256Hasher(options: OffloadedSha256Options = {}): OffloadedSha256Hasher {
  return new OffloadedSha256(options);
}

interface SharedRing {
  worker: Worker;
  control: Int32Array;
  ring: Uint8Array;
  digest: Uint8Array;
  /** Slots filled so far (the main thread's copy of control[written]). */
  written: number;
  ready: boolean;
  error: unknown;
}

class OffloadedSha256 implements OffloadedSha256Hasher {
  private readonly settings: Required<Omit<OffloadedSha256Options, 'workerSource'>>;
  /** Copies of stream bytes not yet in the ring, oldest first; the first `headOffset` bytes of queue[0] are. */
  private queue: Uint8Array[] = [];
  private headOffset = 0;
  private queuedBytes = 0;
  /** Set when hashing happens here after all (no worker was needed, or it never ran). */
  private inline: ReturnType<typeof createHash> | undefined;
  private shared: SharedRing | undefined;

  constructor(private readonly options: OffloadedSha256Options) {
    this.settings = { ...DEFAULTS, ...options };
  }

  get offloaded(): boolean {
    return this.shared?.ready === true && this.inline === undefined;
  }

  update(bytes: Uint8Array): void {
    if (this.inline !== undefined) return void this.inline.update(bytes);
    const shared = this.shared;
    if (shared !== undefined && this.isReady(shared)) {
      if (this.queue.length > 0) this.pump(shared, false);
      const sent = this.queue.length === 0 ? this.fill(shared, bytes) : 0;
      if (sent < bytes.length) this.enqueue(bytes.subarray(sent));
      if (this.queuedBytes > this.settings.maxQueuedBytes) this.pump(shared, true);
      return;
    }
    this.enqueue(bytes);
    if (shared === undefined && this.queuedBytes >= this.settings.startAfterBytes) this.startWorker();
    else if (shared !== undefined && this.queuedBytes > MAX_KEPT_WHILE_BOOTING) this.giveUpOnWorker();
  }

  digestHex(): string {
    let shared = this.shared;
    if (shared !== undefined && !this.isReady(shared)) {
      try {
        this.waitWhile(shared, CONTROL.ready, 0, 'starting', this.settings.startTimeoutMs);
      } catch {
        this.giveUpOnWorker();
      }
      shared = this.shared;
    }
    if (shared === undefined || !this.isReady(shared)) return this.hashInline().digest('hex');
    this.pump(shared, true);
    Atomics.store(shared.control, CONTROL.state, STATE.final);
    wake(shared.control);
    this.waitWhile(shared, CONTROL.state, STATE.final, 'finishing the digest');
    void shared.worker.terminate();
    return String.fromCharCode(...shared.digest);
  }

  private enqueue(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.queue.push(bytes.slice()); // the caller reuses its buffer
    this.queuedBytes += bytes.length;
  }

  /** Copies bytes into free slots without waiting; returns how many bytes went in. */
  private fill(shared: SharedRing, bytes: Uint8Array): number {
    const { slots, slotBytes } = this.settings;
    let sent = 0;
    while (sent < bytes.length) {
      const backlog = shared.written - Atomics.load(shared.control, CONTROL.read);
      if (backlog >= slots) break;
      const piece = bytes.subarray(sent, Math.min(bytes.length, sent + slotBytes));
      const slot = shared.written % slots;
      shared.ring.set(piece, slot * slotBytes);
      shared.control[CONTROL.lengths + slot] = piece.length;
      Atomics.store(shared.control, CONTROL.written, ++shared.written);
      wake(shared.control, 4 * (backlog + 1) >= slots);
      sent += piece.length;
    }
    return sent;
  }

  /** Moves the queue into the ring: as far as free slots allow, or all of it, waiting for the worker. */
  private pump(shared: SharedRing, wait: boolean): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const sent = this.fill(shared, head.subarray(this.headOffset));
      this.headOffset += sent;
      this.queuedBytes -= sent;
      if (this.headOffset === head.length) {
        this.queue.shift();
        this.headOffset = 0;
        continue;
      }
      if (!wait) return;
      const read = Atomics.load(shared.control, CONTROL.read);
      if (shared.written - read < this.settings.slots) continue;
      wake(shared.control);
      this.waitWhile(shared, CONTROL.read, read, 'the ring was full');
    }
  }

  private isReady(shared: SharedRing): boolean {
    if (!shared.ready && Atomics.load(shared.control, CONTROL.ready) === 1) shared.ready = true;
    return shared.ready;
  }

  private hashInline(): ReturnType<typeof createHash> {
    if (this.inline === undefined) {
      this.inline = createHash('sha256');
      const [head, ...rest] = this.queue;
      if (head !== undefined) this.inline.update(head.subarray(this.headOffset));
      for (const bytes of rest) this.inline.update(bytes);
      this.queue = [];
      this.headOffset = 0;
      this.queuedBytes = 0;
    }
    return this.inline;
  }

  private startWorker(): void {
    const { slots, slotBytes } = this.settings;
    const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL.lengths + slots)));
    const ring = new Uint8Array(new SharedArrayBuffer(slots * slotBytes));
    const digest = new Uint8Array(new SharedArrayBuffer(64));
    const worker = new Worker(this.options.workerSource ?? SHA256_WORKER_SOURCE, {
      eval: true,
      execArgv: [], // plain CommonJS: no need for the parent's loaders (tsx) to start first
      workerData: { control: control.buffer, ring: ring.buffer, digest: digest.buffer, slots, slotBytes },
    });
    const shared: SharedRing = { worker, control, ring, digest, written: 0, ready: false, error: undefined };
    // A long synchronous run never yields to the event loop, so these arrive late if at all: the shared `ready`
    // flag and the timeouts are what the hasher goes by. Listening keeps an error from crashing the process.
    worker.on('error', (error) => void (shared.error = error));
    worker.unref();
    abandon.register(this, control);
    this.shared = shared;
  }

  /** The worker never ran: stop it and hash everything here. */
  private giveUpOnWorker(): void {
    void this.shared?.worker.terminate();
    this.shared = undefined;
    this.hashInline();
  }

  /** Waits while `control[index]` still reads `value`; throws when the worker makes no progress in time. */
  private waitWhile(shared: SharedRing, index: number, value: number, what: string, timeoutMs = this.settings.stallTimeoutMs): void {
    const deadline = performance.now() + timeoutMs;
    while (Atomics.load(shared.control, index) === value) {
      const left = deadline - performance.now();
      if (left <= 0) {
        const cause = shared.error instanceof Error ? `: ${shared.error.message}` : '';
        throw new Error(`event-stream SHA-256 worker made no progress for ${timeoutMs} ms while ${what}${cause}`);
      }
      Atomics.wait(shared.control, index, value, Math.min(left, 1000));
    }
  }
}
