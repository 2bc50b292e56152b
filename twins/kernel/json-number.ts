// The JSON text of a number, as JSON.stringify writes it, for the canonical event stream.

/** Below this magnitude a double's spacing is far finer than 0.001, so three decimals identify it uniquely. */
const FAST_DECIMAL_LIMIT = 1e12;

/**
 * The JSON text of a finite number, exactly as JSON.stringify writes it. Integers and values with at most three
 * decimals (virtual times have microsecond resolution) are written digit by digit, which is several times faster
 * than the general shortest-round-trip algorithm: for such a value the shortest decimal that reads back as the
 * same double is the three-decimal one with its trailing zeros removed (a property test pins this).
 */
export function canonicalNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`canonicalJson: non-finite number ${n}`);
  if (Number.isInteger(n)) return '' + n;
  const micros = Math.round(n * 1000);
  if (micros / 1000 !== n || !(Math.abs(n) < FAST_DECIMAL_LIMIT)) return '' + n;
  const negative = micros < 0;
  const magnitude = negative ? -micros : micros;
  const whole = Math.floor(magnitude / 1000);
  const fraction = magnitude - whole * 1000; // 1..999: integers were handled above
  const digits = fraction % 100 === 0 ? '' + fraction / 100
    : fraction % 10 === 0 ? (fraction < 100 ? '0' : '') + fraction / 10
      : (fraction < 10 ? '00' : fraction < 100 ? '0' : '') + fraction;
  return (negative ? '-' : '') + whole + '.' + digits;
}
