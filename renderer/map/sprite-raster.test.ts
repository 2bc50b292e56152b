import { describe, expect, it } from 'vitest';
import { SpriteRaster, blendOver, type SpritePixels } from './sprite-raster';

/** An RGBA pixel as ImageData's bytes read through a Uint32Array on this machine. */
const rgba = (r: number, g: number, b: number, a: number): number => new Uint32Array(new Uint8ClampedArray([r, g, b, a]).buffer)[0]!;
const bytes = (p: number): number[] => [...new Uint8Array(new Uint32Array([p]).buffer)];

/** A stand-in for the browser's ImageData (vitest runs in Node). */
const makeImage = (w: number, h: number): ImageData => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4), colorSpace: 'srgb' }) as ImageData;

/** A 2 × 2 atlas cell of one colour at (1, 0) in a 4 × 2 atlas, transparent elsewhere. */
function atlas(p: number): SpritePixels {
  const data = new Uint32Array(8);
  for (const i of [1, 2, 5, 6]) data[i] = p;
  return { data, width: 4, height: 2 };
}

function raster(w = 5, h = 4): SpriteRaster {
  const r = new SpriteRaster();
  r.begin(w, h, makeImage);
  return r;
}

/** The buffer's pixels as rows of 0 (empty) and 1 (anything drawn). */
function coverage(r: SpriteRaster): string[] {
  const words = new Uint32Array(r.image!.data.buffer);
  const rows: string[] = [];
  for (let y = 0; y < r.height; y++) rows.push([...words.subarray(y * r.width, (y + 1) * r.width)].map((p) => (p === 0 ? '0' : '1')).join(''));
  return rows;
}

const ORANGE = rgba(249, 115, 22, 255);

describe('SpriteRaster', () => {
  it('copies a cell of the atlas to its place, exactly', () => {
    const r = raster();
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 2, 1);
    expect(coverage(r)).toEqual(['00000', '00110', '00110', '00000']);
    expect(bytes(new Uint32Array(r.image!.data.buffer)[1 * 5 + 2]!)).toEqual([249, 115, 22, 255]);
  });

  it('clips a marker half off any edge of the canvas instead of wrapping it onto the next row or writing past the end', () => {
    const r = raster();
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, -1, -1); // top-left corner: one pixel shows
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 4, 3); // bottom-right corner: one pixel shows
    expect(coverage(r)).toEqual(['10000', '00000', '00000', '00001']);
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 40, -30); // wholly off: nothing
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 4, 1); // right edge: would wrap to x = 0 of the next row unclipped
    expect(coverage(r)).toEqual(['10000', '00001', '00001', '00001']);
  });

  it('does not read past the atlas for a cell that overhangs it', () => {
    const r = raster();
    r.drawImage(atlas(ORANGE), 3, 1, 2, 2, 0, 0); // only the atlas's last pixel (transparent) is inside
    expect(coverage(r)).toEqual(['00000', '00000', '00000', '00000']);
  });

  it('clears the previous frame, and follows a resize of the canvas', () => {
    const r = raster();
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 0, 0);
    r.begin(5, 4, makeImage);
    expect(coverage(r).join('')).not.toContain('1');
    r.begin(3, 2, makeImage);
    expect([r.image!.width, r.image!.height]).toEqual([3, 2]);
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 2, 0);
    expect(coverage(r)).toEqual(['001', '001']);
  });

  it('draws a later marker over an earlier one (the selected car is drawn last, on top)', () => {
    const r = raster();
    const pink = rgba(244, 114, 182, 255);
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 0, 0);
    r.drawImage(atlas(pink), 1, 0, 2, 2, 1, 0);
    const words = new Uint32Array(r.image!.data.buffer);
    expect([words[0], words[1], words[2]]).toEqual([ORANGE, pink, pink]);
  });

  it("blends a marker's anti-aliased rim over a marker below, instead of punching a see-through hole in it", () => {
    const r = raster();
    r.drawImage(atlas(ORANGE), 1, 0, 2, 2, 0, 0);
    r.drawImage(atlas(rgba(13, 17, 23, 128)), 1, 0, 2, 2, 1, 0);
    const words = new Uint32Array(r.image!.data.buffer);
    expect(bytes(words[1]!)[3]).toBe(255); // over an opaque car: still opaque
    expect(words[1]).toBe(blendOver(rgba(13, 17, 23, 128), ORANGE));
    expect(bytes(words[2]!)[3]).toBe(128); // over nothing: the rim as drawn
  });
});

describe('blendOver', () => {
  it('puts an opaque pixel as is, and a pixel over nothing as is', () => {
    expect(blendOver(ORANGE, rgba(0, 0, 255, 255))).toBe(ORANGE);
    const rim = rgba(13, 17, 23, 128);
    expect(blendOver(rim, 0)).toBe(rim);
    expect(blendOver(0, ORANGE)).toBe(ORANGE);
  });

  it('blends a half-transparent rim over an opaque pixel (source-over, straight alpha)', () => {
    // Half black over white: mid grey, opaque — not the rim replacing what lies below.
    expect(bytes(blendOver(rgba(0, 0, 0, 128), rgba(255, 255, 255, 255)))).toEqual([127, 127, 127, 255]);
  });

  it('blends two half-transparent pixels: alpha adds up to 1 − (1 − a)(1 − b), colours by weight', () => {
    const [r, g, b, a] = bytes(blendOver(rgba(255, 0, 0, 128), rgba(0, 0, 255, 128)));
    expect(a).toBe(192);
    expect(r).toBeGreaterThan(b!); // the pixel on top weighs more
    expect([r! + b!, g]).toEqual([255, 0]);
  });
});
