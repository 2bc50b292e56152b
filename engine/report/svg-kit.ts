// Small building blocks for the report's SVG charts: escaped elements, compact coordinates, round axis ticks
// and the colour of each architecture. Charts are plain strings so the HTML report stays one offline file.
import { escapeAttribute, escapeText } from './escape';

/**
 * One colour per architecture, from the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), fixed so cloud-to-cloud is the same blue in every chart and every report.
 */
export const ARCHITECTURE_COLOURS: Readonly<Record<string, string>> = {
  'cloud-cloud': '#0072B2',
  direct: '#E69F00',
  'phone-proxy': '#009E73',
  local: '#CC79A7',
};
const SPARE_COLOURS = ['#56B4E9', '#F0E442', '#000000'];

export function colourOf(architecture: string, index: number): string {
  return ARCHITECTURE_COLOURS[architecture] ?? SPARE_COLOURS[index % SPARE_COLOURS.length]!;
}

export const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
export const INK = '#1f2328';
export const MUTED = '#57606a';
export const GRID_LINE = '#d0d7de';

type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(typeof v === 'number' ? num(v) : v)}"`)
    .join('');
}

/** An element with escaped attributes; children are already-built markup. */
export function el(name: string, a: Attrs, ...children: string[]): string {
  return children.length === 0 ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children.join('')}</${name}>`;
}

/** A text element whose content is escaped. */
export function text(x: number, y: number, content: string, a: Attrs = {}): string {
  return el('text', { x, y, fill: INK, 'font-size': 12, ...a }, escapeText(content));
}

/** Coordinates to one decimal: enough for a screen, short enough to keep the file small. */
export function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return el('svg', {
    xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'img', 'font-family': FONT,
  },
  el('title', {}, escapeText(title)),
  // Own white background so the chart stays readable when pasted on a dark page or opened on its own.
  el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
  ...body);
}

/** Round tick values from 0 to at least max: steps of 1, 2, 2.5 or 5 × 10^n, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Number(v.toPrecision(6)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(6)));
  return ticks;
}

/** A legend entry: a coloured swatch (filled box, line, dashed line or shaded area) and its label. */
export interface LegendItem {
  label: string;
  colour: string;
  kind: 'box' | 'line' | 'dashed' | 'shade';
}

/** Lays items out left to right and wraps to a new row at maxWidth; `bottom` is the last row's baseline. */
export function legend(x: number, y: number, items: readonly LegendItem[], maxWidth: number): { svg: string; bottom: number } {
  const rowHeight = 18;
  let cursor = x;
  let baseline = y;
  const parts: string[] = [];
  for (const item of items) {
    // Width estimate of a system-ui label at 12 px; good enough to keep legend items apart.
    const itemWidth = 20 + item.label.length * 6.6 + 18;
    if (cursor > x && cursor + itemWidth - 18 > x + maxWidth) {
      cursor = x;
      baseline += rowHeight;
    }
    if (item.kind === 'box' || item.kind === 'shade') {
      parts.push(el('rect', { x: cursor, y: baseline - 9, width: 14, height: 10, fill: item.colour, stroke: item.kind === 'shade' ? '#c9a227' : undefined }));
    } else {
      parts.push(el('line', {
        x1: cursor, y1: baseline - 4, x2: cursor + 16, y2: baseline - 4, stroke: item.colour, 'stroke-width': 2.5,
        'stroke-dasharray': item.kind === 'dashed' ? '5 3' : undefined,
      }));
    }
    parts.push(text(cursor + 20, baseline, item.label, { 'font-size': 12 }));
    cursor += itemWidth;
  }
  return { svg: el('g', { class: 'legend' }, ...parts), bottom: baseline };
}
