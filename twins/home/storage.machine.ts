// Twin of the home NAS (`storage`): where dashcam and doorbell clips land in the "data hand-over" scene.
// Lists clips and used bytes; a write is refused when the clip does not fit or the NAS is offline, and the
// refusal is emitted so the sender's retry / failure accounting sees it. Saving a clip id that is already
// stored is acknowledged without storing it twice: retransmitted uploads must be idempotent. It also serves films
// (the car streams one at a campsite): opening one while offline is refused, so the stream never starts.
import { assign, emit, setup } from 'xstate';

export interface StoredClip { clipId: string; source: string; sizeBytes: number; storedAt: number }

export interface StorageContext {
  entityId: string;
  capacityBytes: number;
  clips: StoredClip[];
}

export type StorageInput = { entityId: string; capacityBytes?: number };

export type StorageEvent =
  | { type: 'STORAGE.SAVE_CLIP'; at: number; clip: Omit<StoredClip, 'storedAt'> }
  | { type: 'STORAGE.DELETE_CLIP'; clipId: string }
  | { type: 'STORAGE.OPEN_MEDIA'; mediaId: string }
  | { type: 'STORAGE.WENT_OFFLINE' }
  | { type: 'STORAGE.CAME_ONLINE' };

/** Emitted outputs the simulation forwards as messages. */
export type StorageEmitted =
  | { type: 'storage.clip_saved'; entityId: string; clipId: string; at: number; usedBytes: number }
  | { type: 'storage.write_failed'; entityId: string; clipId: string; at: number; reason: string }
  | { type: 'storage.media_opened'; entityId: string; mediaId: string }
  | { type: 'command.rejected'; twinId: string; command: string; reason: string };

/** Bytes used by stored clips. */
export const usedBytes = (storage: Pick<StorageContext, 'clips'>): number => storage.clips.reduce((sum, clip) => sum + clip.sizeBytes, 0);

// The save request an action or guard is looking at (an empty one for other events).
const saveEvent = (event: StorageEvent) =>
  event.type === 'STORAGE.SAVE_CLIP' ? event : { at: 0, clip: { clipId: '', source: '', sizeBytes: 0 } };

export const storageMachine = setup({
  types: { context: {} as StorageContext, events: {} as StorageEvent, input: {} as StorageInput, emitted: {} as StorageEmitted },
  actions: {
    storeClip: assign(({ context, event }) => {
      const { at, clip } = saveEvent(event);
      return { clips: [...context.clips, { ...clip, storedAt: at }] };
    }),
    deleteClip: assign(({ context, event }) => ({
      clips: context.clips.filter((c) => !(event.type === 'STORAGE.DELETE_CLIP' && c.clipId === event.clipId)),
    })),
    emitSaved: emit(({ context, event }) => {
      const { at, clip } = saveEvent(event);
      return { type: 'storage.clip_saved' as const, entityId: context.entityId, clipId: clip.clipId, at, usedBytes: usedBytes(context) };
    }),
    emitFailed: emit(({ context, event }, reason: string) => {
      const { at, clip } = saveEvent(event);
      return { type: 'storage.write_failed' as const, entityId: context.entityId, clipId: clip.clipId, at, reason };
    }),
    emitOpened: emit(({ context, event }) => ({
      type: 'storage.media_opened' as const, entityId: context.entityId, mediaId: event.type === 'STORAGE.OPEN_MEDIA' ? event.mediaId : '',
    })),
    rejectOffline: emit(({ context, event }) => ({ type: 'command.rejected' as const, twinId: context.entityId, command: event.type, reason: 'storage offline' })),
  },
  guards: {
    alreadyStored: ({ context, event }) => context.clips.some((c) => c.clipId === saveEvent(event).clip.clipId),
    fits: ({ context, event }) => usedBytes(context) + saveEvent(event).clip.sizeBytes <= context.capacityBytes,
  },
}).createMachine({
  id: 'storage',
  context: ({ input }) => ({ entityId: input.entityId, capacityBytes: input.capacityBytes ?? 4e12, clips: [] }),
  initial: 'online',
  states: {
    online: {
      on: {
        'STORAGE.SAVE_CLIP': [
          { guard: 'alreadyStored', actions: 'emitSaved' },
          { guard: 'fits', actions: ['storeClip', 'emitSaved'] },
          { actions: { type: 'emitFailed', params: 'insufficient space' } },
        ],
        'STORAGE.DELETE_CLIP': { actions: 'deleteClip' },
        'STORAGE.OPEN_MEDIA': { actions: 'emitOpened' },
        'STORAGE.WENT_OFFLINE': 'offline',
      },
    },
    offline: {
      on: {
        'STORAGE.SAVE_CLIP': { actions: { type: 'emitFailed', params: 'storage offline' } },
        'STORAGE.OPEN_MEDIA': { actions: 'rejectOffline' },
        'STORAGE.CAME_ONLINE': 'online',
      },
    },
  },
});
