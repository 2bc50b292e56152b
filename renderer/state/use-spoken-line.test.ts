import { describe, expect, it } from 'vitest';
import { homeOfSpeaker } from './use-spoken-line';

describe('homeOfSpeaker', () => {
  it('finds the home of a speaker, and none for an address that is not a home device', () => {
    expect(homeOfSpeaker('home/h1/media_player.speaker')).toBe('h1');
    expect(homeOfSpeaker('home/h12/media_player.kitchen')).toBe('h12');
    expect(homeOfSpeaker('vehicle/car1/screen')).toBeUndefined();
    expect(homeOfSpeaker('home//x')).toBeUndefined();
    expect(homeOfSpeaker('home/h1')).toBeUndefined();
  });
});
