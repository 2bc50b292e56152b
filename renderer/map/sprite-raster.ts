// The cars' markers copied pixel by pixel into one buffer, which is then drawn onto the moving layer in one blit.
// Why not 1,000 `drawImage` calls from the atlas: a 2D canvas records each call and, when the frame is committed,
// Skia rasterises each as a filtered sub-rectangle draw — about 3.5 µs a 12 px marker on the benchmark's machine
// (Chromium without a GPU), 3.5 ms a frame for 1,000 cars, on the page's main thread. The markers are drawn at whole
// pixels and never scaled, so copying their pixels is exact: the same 1,000 markers cost under 1 ms this way
// (measured in Chromium, with the put and the blit onto the layer). Pixels are 32-bit RGBA as ImageData holds them
// (not premultiplied); a marker's anti-aliased rim is blended over what lies below it ("source-over").

/** Straight-alpha RGBA pixels, one 32-bit word each (ImageData's bytes read through a Uint32Array). */
export interface SpritePixels {
  readonly data: Uint32Array;
  readonly width: number;
  readonly height: number;
}

/** Where R, G, B and A sit in the 32-bit word: ImageData's bytes are R, G, B, A in memory, so on a little-endian
 *  machine (every browser's) A is the top byte. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const [R, G, B, A] = LITTLE_ENDIAN ? [0, 8, 16, 24] : [24, 16, 8, 0];

/** `src` over `dst`, both straight alpha, as one 32-bit word in the same byte order. Unrolled: this runs for every
 *  rim pixel that lands on another marker, tens of thousands a frame in a busy street. */
export function blendOver(src: number, dst: number): number {
  const sa = (src >>> A) & 0xff;
  const da = (dst >>> A) & 0xff;
  if (sa === 255 || da === 0) return src;
  if (sa === 0) return dst;
  // out alpha = sa + da (1 − sa); each colour weighted by its alpha (out colour = (s·sa + d·da·(1 − sa)) / out alpha).
  const keep = (da * (255 - sa)) / 255;
  const outA = sa + keep;
  const r = (((src >>> R) & 0xff) * sa + ((dst >>> R) & 0xff) * keep) / outA + 0.5;
  const g = (((src >>> G) & 0xff) * sa + ((dst >>> G) & 0xff) * keep) / outA + 0.5;
  const b = (((src >>> B) & 0xff) * sa + ((dst >>> B) & 0xff) * keep) / outA + 0.5;
  return (((r & 0xff) << R) | ((g & 0xff) << G) | ((b & 0xff) << B) | (((outA + 0.5) & 0xff) << A)) >>> 0;
}

/** A canvas-sized pixel buffer that markers are copied into; what drawCars (car-markers.ts) blits to. */
export class SpriteRaster {
  width = 0;
  height = 0;
  image: ImageData | undefined;
  private data = new Uint32Array(0);

  /** Sized to the layer's canvas (device pixels) and cleared, ready for a frame's markers. */
  begin(width: number, height: number, makeImage: (w: number, h: number) => ImageData): void {
    if (this.image === undefined || width !== this.width || height !== this.height) {
      this.width = width;
      this.height = height;
      this.image = makeImage(width, height);
      this.data = new Uint32Array(this.image.data.buffer, this.image.data.byteOffset, width * height);
    } else this.data.fill(0);
  }

  /** drawImage's nine-argument shape, unscaled (dw, dh are sw, sh): a marker's cell, clipped to the buffer. */
  drawImage(src: SpritePixels, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number): void {
    const { data, width, height } = this;
    // Clip the cell against the buffer (a marker half off the canvas's edge) and against the atlas.
    const x0 = Math.max(0, -dx, -sx);
    const y0 = Math.max(0, -dy, -sy);
    const x1 = Math.min(sw, width - dx, src.width - sx);
    const y1 = Math.min(sh, height - dy, src.height - sy);
    const pixels = src.data;
    for (let y = y0; y < y1; y++) {
      let s = (sy + y) * src.width + sx + x0;
      let d = (dy + y) * width + dx + x0;
      for (let x = x0; x < x1; x++, s++, d++) {
        const p = pixels[s]!;
        if (p === 0) continue;
        const under = data[d]!;
        data[d] = under === 0 ? p : blendOver(p, under);
      }
    }
  }
}
