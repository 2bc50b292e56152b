import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binary-heap';
import { SeededRandom } from './random';

interface Entry {
  key: number;
  label: string;
}
const byKey = (a: Entry, b: Entry): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const drain = <T>(heap: BinaryHeap<T>): T[] => {
  const out: T[] = [];
  for (let x = heap.pop(); x !== undefined; x = heap.pop()) out.push(x);
  return out;
};

describe('BinaryHeap', () => {
  it('pops in key order and is empty afterwards', () => {
    const heap = new BinaryHeap<number>((a, b) => a - b);
    for (const x of [5, 3, 9, 1, 7, 2, 8]) heap.push(x);
    expect(heap.size).toBe(7);
    expect(heap.peek()).toBe(1);
    expect(drain(heap)).toEqual([1, 2, 3, 5, 7, 8, 9]);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it('pops equal keys first in, first out, however they are interleaved with others', () => {
    // The layout of a binary heap alone would reorder these: the FIFO rule is what the clock's determinism needs.
    const heap = new BinaryHeap<Entry>(byKey);
    const rng = new SeededRandom(7).stream('heap');
    const pushed: Entry[] = [];
    for (let i = 0; i < 2_000; i++) {
      const e = { key: rng.int(0, 20), label: `#${i}` };
      pushed.push(e);
      heap.push(e);
    }
    const expected = [...pushed].sort((a, b) => a.key - b.key); // Array.prototype.sort is stable
    expect(drain(heap).map((e) => e.label)).toEqual(expected.map((e) => e.label));
  });

  it('keeps FIFO among equal keys when pushes and pops alternate', () => {
    const heap = new BinaryHeap<Entry>(byKey);
    heap.push({ key: 1, label: 'a' });
    heap.push({ key: 0, label: 'first' });
    heap.push({ key: 1, label: 'b' });
    expect(heap.pop()!.label).toBe('first');
    heap.push({ key: 1, label: 'c' });
    heap.push({ key: 0, label: 'second' });
    expect(drain(heap).map((e) => e.label)).toEqual(['second', 'a', 'b', 'c']);
  });

  it('matches a sorted copy on random pushes and pops (model check)', () => {
    const heap = new BinaryHeap<Entry>(byKey);
    const model: Entry[] = [];
    const rng = new SeededRandom(11).stream('model');
    for (let i = 0; i < 5_000; i++) {
      if (model.length > 0 && rng.next() < 0.4) {
        model.sort((a, b) => a.key - b.key);
        expect(heap.pop()).toBe(model.shift());
      } else {
        const e = { key: rng.int(0, 50), label: `${i}` };
        heap.push(e);
        model.push(e);
      }
      expect(heap.size).toBe(model.length);
    }
  });

  it('starts over on clear', () => {
    const heap = new BinaryHeap<number>((a, b) => a - b);
    heap.push(3);
    heap.push(1);
    heap.clear();
    expect(heap.size).toBe(0);
    heap.push(2);
    expect(drain(heap)).toEqual([2]);
  });
});
