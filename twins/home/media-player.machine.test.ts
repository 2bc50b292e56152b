import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { mediaPlayerMachine, type MediaPlayerEmitted, type Playlist } from './media-player.machine';

const morning: Playlist = {
  id: 'pl-morning', name: 'Morning drive',
  tracks: [{ title: 'A', artist: 'X', durationMs: 200_000 }, { title: 'B', artist: 'Y', durationMs: 180_000 }, { title: 'C', artist: 'Z', durationMs: 240_000 }],
};

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(mediaPlayerMachine, { clock, input: { entityId: 'media_player.living_room_speaker', msPerCharacter: 100 } });
  const emitted: MediaPlayerEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { clock, actor, emitted };
}

describe('media player / smart speaker', () => {
  it('plays a playlist, pauses, resumes, skips with wrap-around and stops', () => {
    const { actor } = start();
    actor.send({ type: 'MEDIA.PLAY' });
    expect(actor.getSnapshot().matches({ playback: 'idle' })).toBe(true); // nothing to play yet
    actor.send({ type: 'MEDIA.PLAY_PLAYLIST', playlist: morning, trackIndex: 2 });
    expect(actor.getSnapshot().matches({ playback: 'playing' })).toBe(true);
    actor.send({ type: 'MEDIA.NEXT_TRACK' });
    expect(actor.getSnapshot().context.trackIndex).toBe(0);
    actor.send({ type: 'MEDIA.PREVIOUS_TRACK' });
    expect(actor.getSnapshot().context.trackIndex).toBe(2);
    actor.send({ type: 'MEDIA.PAUSE' });
    expect(actor.getSnapshot().matches({ playback: 'paused' })).toBe(true);
    actor.send({ type: 'MEDIA.PLAY' });
    expect(actor.getSnapshot().matches({ playback: 'playing' })).toBe(true);
    actor.send({ type: 'MEDIA.STOP' });
    expect(actor.getSnapshot().matches({ playback: 'idle' })).toBe(true);
    expect(actor.getSnapshot().context.playlist?.id).toBe('pl-morning');
  });

  it('speaks queued announcements one after another and reports each when said', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'MEDIA.PLAY_PLAYLIST', playlist: morning });
    actor.send({ type: 'SPEAKER.ANNOUNCE', at: 0, text: 'Dad is 5 minutes away' }); // 21 chars: 500 + 2100 ms
    actor.send({ type: 'SPEAKER.ANNOUNCE', at: 1000, text: 'Video call?' }); // 11 chars: 500 + 1100 ms
    expect(actor.getSnapshot().matches({ announcer: 'speaking', playback: 'playing' })).toBe(true);
    clock.increment(2599);
    expect(emitted).toEqual([]);
    clock.increment(1);
    expect(emitted).toEqual([{ type: 'speaker.announced', entityId: 'media_player.living_room_speaker', text: 'Dad is 5 minutes away', requestedAt: 0, at: 2600 }]);
    clock.increment(1600);
    expect(emitted[1]).toEqual({ type: 'speaker.announced', entityId: 'media_player.living_room_speaker', text: 'Video call?', requestedAt: 1000, at: 4200 });
    expect(actor.getSnapshot().matches({ announcer: 'silent' })).toBe(true);
  });

  it('clamps volume to 0–1', () => {
    const { actor } = start();
    actor.send({ type: 'MEDIA.SET_VOLUME', volumeLevel: 1.7 });
    expect(actor.getSnapshot().context.volumeLevel).toBe(1);
  });
});
