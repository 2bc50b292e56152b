// The deterministic kernel: virtual clock, seeded random streams and the canonical event log, created
// together so every twin in a run shares one notion of time, randomness and history.
import { VirtualClock } from './clock';
import { EventLog, type EventLogOptions } from './event-log';
import { SeededRandom } from './random';
import type { KernelContext } from './types';

export interface Kernel extends KernelContext {
  clock: VirtualClock;
  scheduler: VirtualClock;
  random: SeededRandom;
  events: EventLog;
}

export function createKernel(options: { seed: number } & EventLogOptions): Kernel {
  const clock = new VirtualClock();
  return { clock, scheduler: clock, random: new SeededRandom(options.seed), events: new EventLog(clock, options) };
}

export { VirtualClock, type XStateClock } from './clock';
export { EventLog, type DataWriter, type SimEvent, type SimEventListener, type Utf8Decoder } from './event-log';
export { SeededRandom } from './random';
export { canonicalJson } from './canonical-json';
export { JsonWriter, writtenText } from './json-writer';
export { pureSha256Hasher, type StreamHasher } from './stream-hasher';
export { Pacer, type WallClock, type PaceMode } from './pacer';
export type * from './types';
