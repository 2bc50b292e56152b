// Inbound W3C trace context from external parties. An all-zero trace-id or parent-id is invalid (W3C Trace
// Context §3.2.2.3, §3.2.2.4): the message must start a fresh trace instead of joining the "zero" trace, where
// every misbehaving party's messages would end up together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTraceparent } from './party-effects';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  it('reads a valid traceparent', () => {
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`)).toEqual({ traceId: TRACE, spanId: SPAN });
  });

  it.each([
    ['an all-zero trace-id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero parent-id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['both all zero', `00-${'0'.repeat(32)}-${'0'.repeat(16)}-00`],
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['a short trace-id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['nothing', undefined],
  ])('refuses %s, so a fresh trace is started', (_name, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('never yields an all-zero id, whatever the input', () => {
    const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
    fc.assert(
      fc.property(fc.oneof(hex(32), fc.constant('0'.repeat(32))), fc.oneof(hex(16), fc.constant('0'.repeat(16))), (trace, span) => {
        const ids = parseTraceparent(`00-${trace}-${span}-01`);
        if (ids !== undefined) {
          expect(ids.traceId).not.toBe('0'.repeat(32));
          expect(ids.spanId).not.toBe('0'.repeat(16));
        }
      }),
    );
  });
});
