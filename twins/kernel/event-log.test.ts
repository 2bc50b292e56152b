import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { createKernel, pureSha256Hasher } from './index';
import { utf8Bytes } from './utf8';

function runStory(seed: number): { lines: readonly string[]; hash: string } {
  const k = createKernel({ seed });
  const jitter = k.random.stream('links/test');
  for (let i = 0; i < 20; i++) {
    k.scheduler.schedule(Math.floor(jitter.next() * 1000), () => k.events.emit('ping', `twin/${i}`, { i, at: k.scheduler.now() }));
  }
  k.clock.runUntilIdle();
  return { lines: k.events.lines(), hash: k.events.hash() };
}

describe('canonical event stream', () => {
  it('serialises objects with sorted keys regardless of construction order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });

  it('yields a byte-identical stream and hash for the same seed, a different one for another seed', () => {
    const a = runStory(1);
    const b = runStory(1);
    const c = runStory(2);
    expect(a.lines.join('\n')).toBe(b.lines.join('\n'));
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.hash).not.toBe(a.hash);
  });

  it('stamps events with virtual time and a sequence, and notifies listeners', () => {
    const k = createKernel({ seed: 3 });
    const seen: string[] = [];
    k.events.onEvent((e) => seen.push(`${e.t}:${e.type}`));
    k.scheduler.schedule(250, () => k.events.emit('door.locked', 'vehicle/car1', {}));
    k.clock.runUntilIdle();
    expect(seen).toEqual(['250:door.locked']);
    expect(k.events.lines()[0]).toBe('{"data":{},"seq":0,"source":"vehicle/car1","t":250,"type":"door.locked"}');
  });

  it('hashes identically whether or not lines are retained, and refuses events after sealing', () => {
    const kept = createKernel({ seed: 5 });
    const streamed = createKernel({ seed: 5, retainLines: false });
    for (const k of [kept, streamed]) k.events.emit('x', 's', { v: 1 });
    expect(streamed.events.lines()).toEqual([]);
    expect(streamed.events.hash()).toBe(kept.events.hash());
    expect(() => kept.events.emit('late', 's', {})).toThrow(/sealed/);
  });

  it('hashes exactly the UTF-8 of its lines, each followed by a newline, across many buffer-fulls', () => {
    const k = createKernel({ seed: 7 });
    for (let i = 0; i < 3000; i++) k.events.emit('note', `twin/${i % 13}`, { i, text: i % 3 === 0 ? '家居模式 🚗' : 'x'.repeat(i % 200), t: i / 8 });
    const reference = pureSha256Hasher();
    reference.update(utf8Bytes(k.events.lines().map((line) => `${line}\n`).join('')));
    expect(k.events.lines().join('\n').length).toBeGreaterThan(200_000);
    expect(k.events.hash()).toBe(reference.digestHex());
  });

  it('leaves no half line when an event cannot be written, and goes on with the next sequence number', () => {
    const k = createKernel({ seed: 8 });
    k.events.emit('a', 's', { v: 1 });
    expect(() => k.events.emit('bad', 's', { v: Number.NaN })).toThrow(/non-finite/);
    k.events.emit('b', 's', { v: 2 });
    expect(k.events.lines()).toEqual([
      '{"data":{"v":1},"seq":0,"source":"s","t":0,"type":"a"}',
      '{"data":{"v":2},"seq":1,"source":"s","t":0,"type":"b"}',
    ]);
    const clean = createKernel({ seed: 8 });
    clean.events.emit('a', 's', { v: 1 });
    clean.events.emit('b', 's', { v: 2 });
    expect(k.events.hash()).toBe(clean.events.hash());
  });

  it('lets a hot path write its own data, and gives listeners the data object with the line it wrote', () => {
    const k = createKernel({ seed: 9 });
    const seen: [unknown, string][] = [];
    k.events.onEvent((event, line) => seen.push([event.data, line]));
    const data = { long: 'form', kept: true };
    k.events.emitWith('compact', 's', data, (writer, d) => writer.raw(d.kept ? '{"k":1}' : '{}'));
    expect(seen).toEqual([[data, '{"data":{"k":1},"seq":0,"source":"s","t":0,"type":"compact"}']]);
  });
});
