// What a receiver does with the bits a flow gets, between two reallocations (the rate is constant there): a
// transfer counts bits until its size; a stream fills a playout buffer (media milliseconds ahead of the playhead),
// shows its first frame once the start-up buffer is full, stalls when the buffer runs dry and resumes once it holds
// the start-up amount again. Closed-form: the time of the next change is solved, never ticked.

export type StreamPhase = 'starting' | 'playing' | 'stalled';

export interface PlaybackState {
  kind: 'stream' | 'transfer';
  /** Stream bitrate, kbit/s (= bits per ms). */
  bitrateKbps: number;
  /** Transfer size in bits. */
  sizeBits: number;
  receivedBits: number;
  phase: StreamPhase;
  /** Media ms buffered ahead of the playhead. */
  bufferMs: number;
  /** Media ms the player waits for before the first frame and after each stall. */
  startupMs: number;
  playedMs: number;
  stalledMs: number;
}

/** Moves the state on by `dt` ms at `rateKbps` (no phase change: the caller stops at each predicted change). */
export function advance(s: PlaybackState, dt: number, rateKbps: number): void {
  if (dt <= 0) return;
  s.receivedBits += rateKbps * dt;
  if (s.kind === 'transfer') return;
  const gained = (rateKbps / s.bitrateKbps) * dt;
  if (s.phase === 'playing') {
    s.bufferMs = Math.max(0, s.bufferMs + gained - dt);
    s.playedMs += dt;
  } else {
    s.bufferMs += gained;
    if (s.phase === 'stalled') s.stalledMs += dt;
  }
}

export type PlaybackChange = 'completed' | 'first_frame' | 'resumed' | 'stalled';

/** In how many ms the state changes at `rateKbps`, and how; undefined when it never does at this rate. */
export function nextChange(s: PlaybackState, rateKbps: number): { inMs: number; change: PlaybackChange } | undefined {
  if (s.kind === 'transfer') {
    if (rateKbps <= 0) return undefined;
    return { inMs: Math.max(0, (s.sizeBits - s.receivedBits) / rateKbps), change: 'completed' };
  }
  const fill = rateKbps / s.bitrateKbps; // media ms gained per ms
  if (s.phase === 'playing') {
    if (fill >= 1) return undefined;
    return { inMs: s.bufferMs / (1 - fill), change: 'stalled' };
  }
  if (fill <= 0) return undefined;
  return { inMs: Math.max(0, (s.startupMs - s.bufferMs) / fill), change: s.phase === 'starting' ? 'first_frame' : 'resumed' };
}

/** Applies a predicted change, snapping the quantity that triggered it (no drift from rounded event times). */
export function applyChange(s: PlaybackState, change: PlaybackChange): void {
  if (change === 'completed') s.receivedBits = s.sizeBits;
  else if (change === 'stalled') {
    s.bufferMs = 0;
    s.phase = 'stalled';
  } else {
    s.bufferMs = Math.max(s.bufferMs, s.startupMs);
    s.phase = 'playing';
  }
}
