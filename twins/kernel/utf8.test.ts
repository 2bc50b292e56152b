import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './utf8';

describe('utf8Bytes', () => {
  it.each(['', 'plain ascii', '车家互联 — 家居模式', 'emoji 🚗🏠', 'lone \ud800 surrogate', 'ß€𝄞'])('matches TextEncoder for %j', (text) => {
    expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});
