import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter';

describe('Emitter', () => {
  it('calls listeners in subscription order with the emitted arguments', () => {
    const e = new Emitter<(a: number, b: string) => void>();
    const seen: string[] = [];
    e.on((a, b) => seen.push(`first ${a} ${b}`));
    e.on((a, b) => seen.push(`second ${a} ${b}`));
    e.emit(1, 'x');
    expect(seen).toEqual(['first 1 x', 'second 1 x']);
    expect(e.size).toBe(2);
  });

  it('unsubscribes one registration per call, and a second call does nothing', () => {
    const e = new Emitter<() => void>();
    let calls = 0;
    const listener = (): number => calls++;
    const offA = e.on(listener);
    e.on(listener);
    e.emit();
    expect(calls).toBe(2);
    offA();
    offA();
    e.emit();
    expect(calls).toBe(3);
    expect(e.size).toBe(1);
  });

  it('keeps calling the rest when a listener unsubscribes itself during an emit', () => {
    // The hand-written arrays this replaced skipped the listener after one that spliced itself out.
    const e = new Emitter<() => void>();
    const seen: string[] = [];
    const offA = e.on(() => {
      seen.push('a');
      offA();
    });
    e.on(() => seen.push('b'));
    e.on(() => seen.push('c'));
    e.emit();
    e.emit();
    expect(seen).toEqual(['a', 'b', 'c', 'b', 'c']);
  });

  it('does not call a listener unsubscribed during the emit before its turn', () => {
    const e = new Emitter<() => void>();
    const seen: string[] = [];
    e.on(() => {
      seen.push('a');
      offB();
    });
    const offB = e.on(() => seen.push('b'));
    e.emit();
    expect(seen).toEqual(['a']);
  });

  it('calls a listener subscribed during an emit in that same emit, after the others', () => {
    const e = new Emitter<() => void>();
    const seen: string[] = [];
    let added = false;
    e.on(() => {
      seen.push('a');
      if (!added) {
        added = true;
        e.on(() => seen.push('late'));
      }
    });
    e.on(() => seen.push('b'));
    e.emit();
    expect(seen).toEqual(['a', 'b', 'late']);
  });

  it('lets an error stop the emit unless told where errors go', () => {
    const strict = new Emitter<() => void>();
    let after = 0;
    strict.on(() => {
      throw new Error('boom');
    });
    strict.on(() => after++);
    expect(() => strict.emit()).toThrow('boom');
    expect(after).toBe(0);

    const errors: unknown[] = [];
    const tolerant = new Emitter<() => void>({ onListenerError: (err) => errors.push(err) });
    tolerant.on(() => {
      throw new Error('boom');
    });
    tolerant.on(() => after++);
    tolerant.emit();
    expect(after).toBe(1);
    expect(errors.map((err) => (err as Error).message)).toEqual(['boom']);
  });

  it('forgets everyone on clear', () => {
    const e = new Emitter<() => void>();
    let calls = 0;
    e.on(() => calls++);
    e.clear();
    e.emit();
    expect(calls).toBe(0);
    expect(e.size).toBe(0);
  });
});
