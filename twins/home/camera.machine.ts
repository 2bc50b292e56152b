// Twin of a home `camera` (the doorbell camera; Matter Camera): a live stream watched by any number of
// screens (central panel, TV, car screen — the doorbell scene shows it on all three) and, independently, a
// recorder making clips. HA reports one state, idle / streaming / recording: see `cameraState`.
// Clip ids come from a per-camera counter, so the same scenario yields the same ids.
import { assign, emit, setup, type SnapshotFrom } from 'xstate';

export interface CameraContext {
  entityId: string;
  viewers: string[];
  clipsRecorded: number;
  defaultClipMs: number;
  bytesPerSecond: number;
  recording: { clipId: string; startedAt: number; durationMs: number } | null;
}

export type CameraInput = { entityId: string } & Partial<Pick<CameraContext, 'defaultClipMs' | 'bytesPerSecond'>>;

export type CameraEvent =
  | { type: 'CAMERA.START_STREAM'; viewer: string }
  | { type: 'CAMERA.STOP_STREAM'; viewer: string }
  | { type: 'CAMERA.RECORD'; at: number; durationMs?: number }
  | { type: 'CAMERA.STOP_RECORDING'; at: number };

/** Emitted outputs the simulation forwards as messages. */
export type CameraEmitted = {
  type: 'camera.clip_recorded'; entityId: string; clipId: string; startedAt: number; durationMs: number; sizeBytes: number;
};

export const cameraMachine = setup({
  types: { context: {} as CameraContext, events: {} as CameraEvent, input: {} as CameraInput, emitted: {} as CameraEmitted },
  actions: {
    addViewer: assign(({ context, event }) => {
      if (event.type !== 'CAMERA.START_STREAM' || context.viewers.includes(event.viewer)) return {};
      return { viewers: [...context.viewers, event.viewer] };
    }),
    removeViewer: assign(({ context, event }) => ({
      viewers: context.viewers.filter((v) => !(event.type === 'CAMERA.STOP_STREAM' && v === event.viewer)),
    })),
    startClip: assign(({ context, event }) => {
      if (event.type !== 'CAMERA.RECORD') return {};
      const clipsRecorded = context.clipsRecorded + 1;
      const clipId = `${context.entityId}/clip-${String(clipsRecorded).padStart(4, '0')}`;
      return { clipsRecorded, recording: { clipId, startedAt: event.at, durationMs: event.durationMs ?? context.defaultClipMs } };
    }),
    // Ended by its timer (full length) or by STOP_RECORDING (shorter).
    emitClip: emit(({ context, event }) => {
      const recording = context.recording ?? { clipId: '', startedAt: 0, durationMs: 0 };
      const durationMs = event.type === 'CAMERA.STOP_RECORDING'
        ? Math.min(recording.durationMs, Math.max(0, event.at - recording.startedAt))
        : recording.durationMs;
      return {
        type: 'camera.clip_recorded' as const, entityId: context.entityId, clipId: recording.clipId, startedAt: recording.startedAt,
        durationMs, sizeBytes: Math.round((durationMs / 1000) * context.bytesPerSecond),
      };
    }),
    endClip: assign({ recording: null }),
  },
  guards: {
    lastViewerLeaves: ({ context, event }) => event.type === 'CAMERA.STOP_STREAM' && context.viewers.every((v) => v === event.viewer),
  },
  delays: { clipLength: ({ context }) => context.recording?.durationMs ?? 0 },
}).createMachine({
  id: 'camera',
  context: ({ input }) => ({
    entityId: input.entityId, viewers: [], clipsRecorded: 0,
    defaultClipMs: input.defaultClipMs ?? 30_000, bytesPerSecond: input.bytesPerSecond ?? 250_000, recording: null,
  }),
  type: 'parallel',
  states: {
    stream: {
      initial: 'idle',
      states: {
        idle: { on: { 'CAMERA.START_STREAM': { target: 'streaming', actions: 'addViewer' } } },
        streaming: {
          on: {
            'CAMERA.START_STREAM': { actions: 'addViewer' },
            'CAMERA.STOP_STREAM': [{ guard: 'lastViewerLeaves', target: 'idle', actions: 'removeViewer' }, { actions: 'removeViewer' }],
          },
        },
      },
    },
    recorder: {
      initial: 'idle',
      states: {
        idle: { on: { 'CAMERA.RECORD': { target: 'recording', actions: 'startClip' } } },
        recording: {
          after: { clipLength: { target: 'idle', actions: ['emitClip', 'endClip'] } },
          on: { 'CAMERA.STOP_RECORDING': { target: 'idle', actions: ['emitClip', 'endClip'] } },
        },
      },
    },
  },
});

/** The single HA camera state: recording wins over streaming. */
export function cameraState(snapshot: SnapshotFrom<typeof cameraMachine>): 'idle' | 'streaming' | 'recording' {
  if (snapshot.matches({ recorder: 'recording' })) return 'recording';
  return snapshot.matches({ stream: 'streaming' }) ? 'streaming' : 'idle';
}
