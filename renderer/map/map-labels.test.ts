// Name tags on the map: everything in a small scene; in a big one only the households the scene is about.
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../protocol';
import { LABEL_CAPS, mapLabels } from './map-labels';

const place = (id: string, kind: string) => ({ id, kind, name: `${kind} ${id}`, x: 10, y: 20 });

function session(homes: number, cars: number, places: number): SessionInfo {
  return {
    screens: [{ address: 'vehicle/car1/screen', role: 'car', label: '' }, { address: 'home/h1/screen.tv', role: 'tv', label: '' }],
    homes: Array.from({ length: homes }, (_, i) => ({ id: `h${i + 1}`, placeId: `p${i}`, x: i, y: 2 * i })),
    vehicles: Array.from({ length: cars }, (_, i) => ({ id: `car${i + 1}`, homeId: `h${i + 1}`, ownerId: i === 0 ? 'alice' : undefined })),
    map: { places: [...Array.from({ length: places }, (_, i) => place(`w${i}`, 'workplace')), place('x', 'poi')] },
  } as unknown as SessionInfo;
}

describe('mapLabels', () => {
  it('names every home, car, workplace and charger of a small scene, at its ground point', () => {
    const labels = mapLabels(session(2, 2, 3));
    expect(labels.map((l) => l.key)).toEqual(['home-h1', 'home-h2', 'place-w0', 'place-w1', 'place-w2', 'car-car1', 'car-car2']);
    expect(labels.find((l) => l.key === 'home-h2')?.at).toEqual([1, 0, -2]);
    expect(labels.find((l) => l.key === 'car-car1')).toMatchObject({ text: 'car1 · alice', vehicleId: 'car1' });
    expect(labels.some((l) => l.text.includes('poi'))).toBe(false);
  });

  it('names only the story\'s household in a city of a thousand', () => {
    const labels = mapLabels(session(1000, 1000, 200));
    expect(labels.map((l) => l.key)).toEqual(['home-h1', 'car-car1']);
    expect(LABEL_CAPS.car).toBeLessThan(1000);
  });
});
