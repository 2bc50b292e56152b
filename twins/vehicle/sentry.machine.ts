// Twin of sentry mode: while armed, an impact or scrape on the parked car starts a dashcam clip and raises an
// alert carrying the clip id (the "vehicle alerts" scene: cloud ⇒ phone, home screen, central panel). When
// the clip is finished it is announced as saved, so the data hand-over scene can copy it to the home NAS.
// Clip ids come from a per-vehicle counter, not randomness: same scenario, same ids.
import { assign, emit, setup } from 'xstate';

export type SentryDetection = 'impact' | 'scrape';

export interface SentryContext {
  vehicleId: string;
  clipDurationMs: number;
  /** Dashcam bitrate, to size clips (default ≈ 8 Mbit/s). */
  bytesPerSecond: number;
  clipsRecorded: number;
  recording: { clipId: string; startedAt: number } | null;
}

export type SentryInput = { vehicleId: string } & Partial<Pick<SentryContext, 'clipDurationMs' | 'bytesPerSecond'>>;

export type SentryEvent =
  | { type: 'SENTRY.ARM' }
  | { type: 'SENTRY.DISARM'; at: number }
  | { type: 'SENTRY.IMPACT_DETECTED'; at: number; zone?: string }
  | { type: 'SENTRY.SCRAPE_DETECTED'; at: number; zone?: string };

/** Emitted outputs the simulation forwards as messages. */
export type SentryEmitted =
  | { type: 'sentry.alert'; vehicleId: string; at: number; detection: SentryDetection; zone: string | null; clipId: string }
  | { type: 'sentry.clip_saved'; vehicleId: string; clipId: string; startedAt: number; durationMs: number; sizeBytes: number };

const detectionOf = (event: SentryEvent): SentryDetection => (event.type === 'SENTRY.SCRAPE_DETECTED' ? 'scrape' : 'impact');

export const sentryMachine = setup({
  types: { context: {} as SentryContext, events: {} as SentryEvent, input: {} as SentryInput, emitted: {} as SentryEmitted },
  actions: {
    startClip: assign(({ context, event }) => {
      const clipsRecorded = context.clipsRecorded + 1;
      const clipId = `${context.vehicleId}/sentry-${String(clipsRecorded).padStart(4, '0')}`;
      return { clipsRecorded, recording: { clipId, startedAt: 'at' in event ? event.at : 0 } };
    }),
    emitAlert: emit(({ context, event }) => ({
      type: 'sentry.alert' as const,
      vehicleId: context.vehicleId,
      at: 'at' in event ? event.at : 0,
      detection: detectionOf(event),
      zone: 'zone' in event ? (event.zone ?? null) : null,
      clipId: context.recording?.clipId ?? '',
    })),
    // A full clip when the timer ends it; a shorter one when the owner disarms mid-recording.
    emitClipSaved: emit(({ context, event }) => {
      const recording = context.recording ?? { clipId: '', startedAt: 0 };
      const durationMs = event.type === 'SENTRY.DISARM' ? Math.max(0, event.at - recording.startedAt) : context.clipDurationMs;
      return {
        type: 'sentry.clip_saved' as const, vehicleId: context.vehicleId, clipId: recording.clipId, startedAt: recording.startedAt,
        durationMs, sizeBytes: Math.round((durationMs / 1000) * context.bytesPerSecond),
      };
    }),
    endClip: assign({ recording: null }),
  },
  delays: { clipDuration: ({ context }) => context.clipDurationMs },
}).createMachine({
  id: 'sentry',
  context: ({ input }) => ({
    vehicleId: input.vehicleId,
    clipDurationMs: input.clipDurationMs ?? 60_000,
    bytesPerSecond: input.bytesPerSecond ?? 1_000_000,
    clipsRecorded: 0,
    recording: null,
  }),
  initial: 'disarmed',
  states: {
    disarmed: {
      on: { 'SENTRY.ARM': 'armed' },
    },
    armed: {
      initial: 'watching',
      on: { 'SENTRY.DISARM': 'disarmed' },
      states: {
        watching: {
          on: {
            'SENTRY.IMPACT_DETECTED': { target: 'recording', actions: ['startClip', 'emitAlert'] },
            'SENTRY.SCRAPE_DETECTED': { target: 'recording', actions: ['startClip', 'emitAlert'] },
          },
        },
        recording: {
          after: { clipDuration: { target: 'watching', actions: ['emitClipSaved', 'endClip'] } },
          on: {
            // Further hits during a clip are alerted with the clip already rolling.
            'SENTRY.IMPACT_DETECTED': { actions: 'emitAlert' },
            'SENTRY.SCRAPE_DETECTED': { actions: 'emitAlert' },
            'SENTRY.DISARM': { target: '#sentry.disarmed', actions: ['emitClipSaved', 'endClip'] },
          },
        },
      },
    },
  },
});
