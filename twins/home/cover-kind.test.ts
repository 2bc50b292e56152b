import { describe, expect, it } from 'vitest';
import { isWindowCover } from './cover-kind';

describe('isWindowCover', () => {
  it.each([
    ['home/h1/cover.living_room_window', true],
    ['cover.bedroom_window_left', true],
    ['home/h1/cover.living_room_curtains', false],
    ['cover.garage_door', false],
    ['home/h1/light.window_sill', false],
    ['', false],
  ])('%s → %s', (id, expected) => {
    expect(isWindowCover(id)).toBe(expected);
  });
});
