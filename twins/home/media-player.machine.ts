// Twin of a smart speaker (Home Assistant `media_player` + TTS announcements; Matter Speaker): playback of a
// playlist (idle / playing / paused) and, in parallel, an announcement queue spoken one at a time. Speaking
// takes time proportional to the text, so "X is 5 minutes away" is heard — and `speaker.announced` emitted —
// only when it has been said. The car's infotainment can run this machine too: the "leaving home" scene
// hands the playlist and track over from speaker to car.
import { assign, emit, setup } from 'xstate';

export interface Track { title: string; artist: string; durationMs: number }
export interface Playlist { id: string; name: string; tracks: Track[] }
export interface Announcement { text: string; requestedAt: number }

export interface MediaPlayerContext {
  entityId: string;
  playlist: Playlist | null;
  trackIndex: number;
  /** HA volume_level, 0–1. */
  volumeLevel: number;
  announcements: Announcement[];
  /** When the announcement at the head of the queue started being spoken. */
  speakingSince: number;
  msPerCharacter: number;
}

export type MediaPlayerInput = { entityId: string } & Partial<Pick<MediaPlayerContext, 'volumeLevel' | 'msPerCharacter' | 'playlist'>>;

export type MediaPlayerEvent =
  | { type: 'MEDIA.PLAY_PLAYLIST'; playlist: Playlist; trackIndex?: number }
  | { type: 'MEDIA.PLAY' }
  | { type: 'MEDIA.PAUSE' }
  | { type: 'MEDIA.STOP' }
  | { type: 'MEDIA.NEXT_TRACK' }
  | { type: 'MEDIA.PREVIOUS_TRACK' }
  | { type: 'MEDIA.SET_VOLUME'; volumeLevel: number }
  | { type: 'SPEAKER.ANNOUNCE'; at: number; text: string };

/** Emitted outputs the simulation forwards as messages. */
export type MediaPlayerEmitted = { type: 'speaker.announced'; entityId: string; text: string; requestedAt: number; at: number };

/** Time to speak `text`: a short lead-in chime plus a per-character rate. */
export const speechDurationMs = (context: MediaPlayerContext, text: string): number => 500 + text.length * context.msPerCharacter;

export const mediaPlayerMachine = setup({
  types: {
    context: {} as MediaPlayerContext,
    events: {} as MediaPlayerEvent,
    input: {} as MediaPlayerInput,
    emitted: {} as MediaPlayerEmitted,
  },
  actions: {
    loadPlaylist: assign(({ event }) => {
      if (event.type !== 'MEDIA.PLAY_PLAYLIST') return {};
      const lastTrack = event.playlist.tracks.length - 1;
      return { playlist: event.playlist, trackIndex: Math.max(0, Math.min(event.trackIndex ?? 0, lastTrack)) };
    }),
    stepTrack: assign(({ context }, step: number) => {
      const count = context.playlist?.tracks.length ?? 1;
      return { trackIndex: (context.trackIndex + step + count) % count };
    }),
    setVolume: assign(({ context, event }) => ({
      volumeLevel: event.type === 'MEDIA.SET_VOLUME' ? Math.min(1, Math.max(0, event.volumeLevel)) : context.volumeLevel,
    })),
    enqueueAnnouncement: assign(({ context, event }) => (event.type === 'SPEAKER.ANNOUNCE'
      ? { announcements: [...context.announcements, { text: event.text, requestedAt: event.at }] } : {})),
    startSpeaking: assign(({ event }) => (event.type === 'SPEAKER.ANNOUNCE' ? { speakingSince: event.at } : {})),
    emitAnnounced: emit(({ context }) => {
      const head = context.announcements[0] ?? { text: '', requestedAt: context.speakingSince };
      return {
        type: 'speaker.announced' as const, entityId: context.entityId, text: head.text, requestedAt: head.requestedAt,
        at: context.speakingSince + speechDurationMs(context, head.text),
      };
    }),
    // The next announcement starts the moment the previous one ends.
    finishAnnouncement: assign(({ context }) => ({
      announcements: context.announcements.slice(1),
      speakingSince: context.speakingSince + speechDurationMs(context, context.announcements[0]?.text ?? ''),
    })),
  },
  guards: {
    hasPlaylist: ({ context }) => (context.playlist?.tracks.length ?? 0) > 0,
    nothingToSay: ({ context }) => context.announcements.length === 0,
  },
  delays: { speechDuration: ({ context }) => speechDurationMs(context, context.announcements[0]?.text ?? '') },
}).createMachine({
  id: 'mediaPlayer',
  context: ({ input }) => ({
    entityId: input.entityId, playlist: input.playlist ?? null, trackIndex: 0, volumeLevel: input.volumeLevel ?? 0.4,
    announcements: [], speakingSince: 0, msPerCharacter: input.msPerCharacter ?? 70,
  }),
  type: 'parallel',
  on: { 'MEDIA.SET_VOLUME': { actions: 'setVolume' } },
  states: {
    playback: {
      initial: 'idle',
      on: {
        'MEDIA.PLAY_PLAYLIST': { target: '.playing', actions: 'loadPlaylist' },
        'MEDIA.STOP': '.idle',
      },
      states: {
        idle: { on: { 'MEDIA.PLAY': { guard: 'hasPlaylist', target: 'playing' } } },
        playing: {
          on: {
            'MEDIA.PAUSE': 'paused',
            'MEDIA.NEXT_TRACK': { actions: { type: 'stepTrack', params: 1 } },
            'MEDIA.PREVIOUS_TRACK': { actions: { type: 'stepTrack', params: -1 } },
          },
        },
        paused: { on: { 'MEDIA.PLAY': 'playing' } },
      },
    },
    announcer: {
      initial: 'silent',
      states: {
        silent: { on: { 'SPEAKER.ANNOUNCE': { target: 'speaking', actions: ['enqueueAnnouncement', 'startSpeaking'] } } },
        speaking: {
          on: { 'SPEAKER.ANNOUNCE': { actions: 'enqueueAnnouncement' } },
          after: { speechDuration: { target: 'speaking', reenter: true, actions: ['emitAnnounced', 'finishAnnouncement'] } },
          always: { guard: 'nothingToSay', target: 'silent' },
        },
      },
    },
  },
});
