// The per-run mapping of trace and span ids onto the wire: unique per run, its own inverse, never the canonical id.
import { describe, expect, it } from 'vitest';
import { WireIds, eventSpanIds } from './wire-ids';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('WireIds', () => {
  it('maps canonical ids to other valid ids, and back (the mapping is its own inverse)', () => {
    const wire = new WireIds();
    const trace = wire.trace(TRACE);
    const span = wire.span(SPAN);
    expect(trace).toMatch(/^[0-9a-f]{32}$/);
    expect(span).toMatch(/^[0-9a-f]{16}$/);
    expect(trace).not.toBe(TRACE);
    expect(span).not.toBe(SPAN);
    expect(wire.trace(trace)).toBe(TRACE);
    expect(wire.span(span)).toBe(SPAN);
    expect(wire.traceparent(TRACE, SPAN)).toBe(`00-${trace}-${span}-01`);
  });

  it('two runs put different ids on the wire for the same canonical ids; one salt reproduces one run', () => {
    const a = new WireIds();
    const b = new WireIds();
    expect(a.salt).not.toBe(b.salt);
    expect(a.trace(TRACE)).not.toBe(b.trace(TRACE));
    expect(a.span(SPAN)).not.toBe(b.span(SPAN));
    expect(new WireIds(a.salt).trace(TRACE)).toBe(a.trace(TRACE));
  });

  it('maps every id an envelope carries, and leaves the canonical envelope untouched', () => {
    const wire = new WireIds();
    const env = {
      id: 'm-1', traceId: TRACE, spanId: SPAN, parentSpanId: 'aaaaaaaaaaaaaaaa', source: 'a', destination: 'b', topic: 't', kind: 'event' as const,
      payload: null, architecture: 'direct' as const, createdAt: 0, path: ['a', 'b'], status: 'delivered' as const,
      hops: [{ index: 0, from: 'a', to: 'b', link: 'lan', spanId: 'bbbbbbbbbbbbbbbb', parentSpanId: SPAN, sentAt: 0, attempts: 1, status: 'delivered' as const }],
    };
    const out = wire.envelope(env);
    expect(out).toMatchObject({ id: 'm-1', traceId: wire.trace(TRACE), spanId: wire.span(SPAN), parentSpanId: wire.span('aaaaaaaaaaaaaaaa') });
    expect(out.hops[0]).toMatchObject({ spanId: wire.span('bbbbbbbbbbbbbbbb'), parentSpanId: wire.span(SPAN) });
    expect(env.traceId).toBe(TRACE);
    expect(env.hops[0]!.spanId).toBe('bbbbbbbbbbbbbbbb');
  });

  it('refuses ids of the wrong length or not lowercase hex rather than mapping them to garbage', () => {
    const wire = new WireIds();
    expect(() => wire.trace(SPAN)).toThrow(/32 hex digits/);
    expect(() => wire.span(`${SPAN.slice(0, 15)}G`)).toThrow(/not lowercase hex/);
    expect(() => wire.span(`${SPAN.slice(0, 15)}\u0130`)).toThrow(/not lowercase hex/);
  });

  it('refuses salts that are malformed or would leave ids unchanged', () => {
    expect(() => new WireIds('xyz')).toThrow(/48 lowercase hex/);
    expect(() => new WireIds('A'.repeat(48))).toThrow(/48 lowercase hex/);
    expect(() => new WireIds(`${'0'.repeat(32)}${'1'.repeat(16)}`)).toThrow(/all-zero/);
    expect(() => new WireIds(`${'1'.repeat(32)}${'0'.repeat(16)}`)).toThrow(/all-zero/);
  });

  it('derives reproducible, valid root ids for events without a message behind them', () => {
    const a = eventSpanIds(1, { seq: 7 });
    expect(a).toEqual(eventSpanIds(1, { seq: 7 }));
    expect(a).not.toEqual(eventSpanIds(1, { seq: 8 }));
    expect(a).not.toEqual(eventSpanIds(2, { seq: 7 }));
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.spanId).toMatch(/^[0-9a-f]{16}$/);
  });
});
