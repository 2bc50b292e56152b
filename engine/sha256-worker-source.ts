// The SHA-256 worker's program, as CommonJS source for `new Worker(source, { eval: true })`. It is a string, not a
// module file, because the engine runs under tsx, under Vitest and bundled into Electron's main process by
// esbuild, and a worker file would have to be found on disk in each; a string goes wherever the engine goes.
// The shared-memory protocol it speaks is documented (and spoken from the other side) in offloaded-sha256.ts.

/** Indices into the shared Int32Array that both sides read and write with Atomics. */
export const CONTROL = {
  /** Slots the main thread has filled, ever (the slot is that count modulo the slot count). */
  written: 0,
  /** Slots the worker has hashed, ever. */
  read: 1,
  /** 0 streaming, 1 digest requested, 2 digest written, 3 abandoned (the hasher was garbage-collected). */
  state: 2,
  /** 1 once the worker runs: until then the main thread keeps its lines to itself. */
  ready: 3,
  /** Bumped by the main thread on every change the worker must see; the worker sleeps on it. */
  signal: 4,
  /** 1 while the worker sleeps on `signal`: the main thread wakes it only then (a wake-up is a system call). */
  sleeping: 5,
  /** Byte length of slot i is at lengths + i. */
  lengths: 6,
} as const;

export const STATE = { streaming: 0, final: 1, done: 2, abandoned: 3 } as const;

export const SHA256_WORKER_SOURCE = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const C = ${JSON.stringify(CONTROL)};
const S = ${JSON.stringify(STATE)};
const control = new Int32Array(workerData.control);
const ring = new Uint8Array(workerData.ring);
const digest = new Uint8Array(workerData.digest);
const slots = workerData.slots;
const slotBytes = workerData.slotBytes;
const hash = createHash('sha256');
Atomics.store(control, C.ready, 1);
Atomics.notify(control, C.ready);
let read = 0;
for (;;) {
  // Read the signal first: a change made after this read wakes the wait below instead of being missed.
  const signal = Atomics.load(control, C.signal);
  if (read < Atomics.load(control, C.written)) {
    const slot = read % slots;
    const start = slot * slotBytes;
    hash.update(ring.subarray(start, start + control[C.lengths + slot]));
    read++;
    Atomics.store(control, C.read, read);
    Atomics.notify(control, C.read);
    continue;
  }
  const state = Atomics.load(control, C.state);
  if (state === S.final) {
    const hex = hash.digest('hex');
    for (let i = 0; i < 64; i++) digest[i] = hex.charCodeAt(i);
    Atomics.store(control, C.state, S.done);
    Atomics.notify(control, C.state);
    break;
  }
  if (state === S.abandoned) break;
  Atomics.store(control, C.sleeping, 1);
  Atomics.wait(control, C.signal, signal, 1000);
  Atomics.store(control, C.sleeping, 0);
}
`;
