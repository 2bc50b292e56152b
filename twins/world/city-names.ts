// Names for generated streets, districts and places. Readable names make scenario logs and the UI easier
// to follow than ids ("Cobalt Software" rather than work-7); all choices go through the city's random
// stream so names, too, are fixed by the seed.

import type { RandomStream } from '../kernel/types';
import type { DistrictKind } from './city-map';

const STREET_NAMES = [
  'Oak', 'Pine', 'Elm', 'Chestnut', 'Walnut', 'Spruce', 'Poplar', 'Magnolia', 'Sycamore', 'Hawthorn',
  'Juniper', 'Acacia', 'Beech', 'Cypress', 'Fir', 'Hemlock', 'Larch', 'Mulberry', 'Olive', 'Plum',
];

const DISTRICT_WORDS: Record<DistrictKind, { first: readonly string[]; last: readonly string[] }> = {
  residential: {
    first: ['Maple', 'Cedar', 'Willow', 'Birch', 'Linden', 'Rowan', 'Hazel', 'Aspen', 'Laurel', 'Alder', 'Holly', 'Ivy'],
    last: ['Gardens', 'Heights', 'Village', 'Court', 'Terrace'],
  },
  business: {
    first: ['Central', 'Harbour', 'Market', 'Exchange', 'Riverside', 'Union', 'Station', 'Crown'],
    last: ['Business District', 'Quarter', 'Centre'],
  },
  industrial: {
    first: ['Foundry', 'Dockside', 'Millbrook', 'Ironworks', 'Gasworks', 'Freight'],
    last: ['Industrial Estate', 'Works'],
  },
  park: {
    first: ['Lakeside', 'Greenway', 'Meadow', 'Oakwood', 'Riverbank', 'Hilltop'],
    last: ['Park', 'Commons'],
  },
};

const COMPANY_FIRST = ['Harbor', 'Summit', 'Bluebird', 'Ironwood', 'Lumen', 'Vertex', 'Cobalt', 'Meridian', 'Sterling', 'Orchid'];
const COMPANY_LAST = ['Labs', 'Logistics', 'Insurance', 'Clinic', 'Software', 'Bank', 'Studios', 'Consulting', 'Engineering', 'Media'];

const POI_NAMES = ['City Mall', 'Central Station', 'General Hospital', 'Public Library', 'Sports Stadium', 'Science Museum', 'Supermarket', 'Cinema'];

export function avenueName(column: number): string {
  return `${ordinal(column + 1)} Avenue`;
}

export function streetName(row: number): string {
  const base = STREET_NAMES[row % STREET_NAMES.length]!;
  const round = Math.floor(row / STREET_NAMES.length);
  return round === 0 ? `${base} Street` : `${base} Street ${round + 1}`;
}

export function poiName(index: number): string {
  const base = POI_NAMES[index % POI_NAMES.length]!;
  const round = Math.floor(index / POI_NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Hands out names that stay unique within one city by numbering repeats ("Maple Gardens 2"). */
export class UniqueNames {
  private readonly used = new Map<string, number>();

  take(candidate: string): string {
    const seen = this.used.get(candidate) ?? 0;
    this.used.set(candidate, seen + 1);
    return seen === 0 ? candidate : `${candidate} ${seen + 1}`;
  }
}

export function districtName(random: RandomStream, kind: DistrictKind): string {
  const words = DISTRICT_WORDS[kind];
  return `${random.pick(words.first)} ${random.pick(words.last)}`;
}

export function companyName(random: RandomStream): string {
  return `${random.pick(COMPANY_FIRST)} ${random.pick(COMPANY_LAST)}`;
}
