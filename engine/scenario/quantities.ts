// Bitrates and sizes as scenario authors write them ("2.5Mbps", "800kbps", "200MB", "1.5GB"), turned into the
// numbers the flow model runs on: kbit/s and bytes. Decimal (SI) units, as link speeds and file sizes are sold.
import { z } from 'zod';
import { show } from './schema-kit';

const BITRATE_UNITS = { kbps: 1, Mbps: 1_000, Gbps: 1_000_000 } as const;
const SIZE_UNITS = { B: 1, kB: 1_000, MB: 1_000_000, GB: 1_000_000_000 } as const;

export const BITRATE_PATTERN = /^(\d+(?:\.\d+)?)(kbps|Mbps|Gbps)$/;
export const SIZE_PATTERN = /^(\d+(?:\.\d+)?)(B|kB|MB|GB)$/;
const BITRATE_HINT = 'write kbit/s as a number or a string such as "800kbps", "2.5Mbps", "1Gbps"';
const SIZE_HINT = 'write bytes as a number or a string such as "500kB", "200MB", "1.5GB"';

/** The largest bitrate or size accepted: far beyond any link or clip, small enough to stay exact. */
const MAX_KBPS = 100_000_000; // 100 Gbit/s
const MAX_BYTES = 1e15; // 1 PB

export function parseBitrate(text: string): number | undefined {
  const m = BITRATE_PATTERN.exec(text);
  return m ? Number(m[1]) * BITRATE_UNITS[m[2] as keyof typeof BITRATE_UNITS] : undefined;
}

export function parseSize(text: string): number | undefined {
  const m = SIZE_PATTERN.exec(text);
  return m ? Math.round(Number(m[1]) * SIZE_UNITS[m[2] as keyof typeof SIZE_UNITS]) : undefined;
}

function quantity(pattern: RegExp, parse: (text: string) => number | undefined, hint: string, max: number, noun: string) {
  return z
    .union(
      [
        z.number().nonnegative({ error: (iss) => `a ${noun} cannot be negative (got ${show(iss.input)})` }),
        z.string().regex(pattern, { error: (iss) => `invalid ${noun} ${show(iss.input)}: ${hint}` }),
      ],
      { error: (iss) => (iss.code === 'invalid_union' ? `expected a ${noun}, got ${show(iss.input)}: ${hint}` : undefined) },
    )
    .transform((value) => (typeof value === 'number' ? value : parse(value)!))
    .refine((value) => value <= max, { error: `a ${noun} is at most ${max.toLocaleString('en')}` });
}

export const Bitrate = quantity(BITRATE_PATTERN, parseBitrate, BITRATE_HINT, MAX_KBPS, 'bitrate').meta({
  id: 'Bitrate', description: 'A bitrate: kbit/s as a number, or a string such as "800kbps", "2.5Mbps", "1Gbps".', examples: ['2.5Mbps', '800kbps'],
});

export const Size = quantity(SIZE_PATTERN, parseSize, SIZE_HINT, MAX_BYTES, 'size').meta({
  id: 'Size', description: 'A size: bytes as a number, or a string such as "500kB", "200MB", "1.5GB" (decimal units).', examples: ['200MB', '1.5GB'],
});
