// The channel tables are the allowlist of the Electron preload and the vocabulary of the WebSocket frames:
// a duplicate or a missing name would route a call to the wrong handler or nowhere.
import { describe, expect, it } from 'vitest';
import { COMMAND_CHANNELS, COMMAND_NAMES, EVENT_CHANNELS, EVENT_NAMES } from './channels';

describe('channel constants', () => {
  it('gives every command and event its own channel', () => {
    const all = [...Object.values(COMMAND_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(all).size).toBe(all.length);
    expect(COMMAND_NAMES).toContain('loadScenario');
    expect(EVENT_NAMES).toEqual(['snapshot', 'messages', 'verdict', 'runState', 'recordings', 'twinTransitions']);
  });

  it('names event channels onSomething, as the client API does', () => {
    for (const name of EVENT_NAMES) expect(EVENT_CHANNELS[name]).toBe(`twinbench:on${name[0]!.toUpperCase()}${name.slice(1)}`);
  });
});
