// The map's keyboard list: what each choice selects and where it brings the camera — and values that name nothing
// (a stale option, a tampered one) that must change nothing.
import { describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../../protocol';
import type { AppModel } from '../state/app-model';

vi.mock('@react-three/fiber', () => ({ invalidate: vi.fn() }));
const { homeTwin, pick, pickedValue } = await import('./MapPicker');

const session = {
  homes: [{ id: 'h1', placeId: 'p-h1', x: 100, y: 200 }],
  vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice' }],
  twins: [{ address: 'home/h1/light.hall', kind: 'light' }, { address: 'home/h1/lock.front_door', kind: 'lock' }],
  map: { places: [{ id: 'w1', kind: 'workplace', name: 'Harbor Labs', x: -50, y: 10 }] },
} as unknown as SessionInfo;

function fakeModel() {
  const selected: (string | null)[] = [];
  const model = {
    selectTwin: (address: string | null) => void selected.push(address),
    renderStats: { vehicleScenePoint: (id: string) => (id === 'car1' ? [7, -8] : undefined) } as AppModel['renderStats'],
  };
  return { model: model as unknown as AppModel, selected, stats: model.renderStats };
}

describe('map picker', () => {
  it('opens a home on its lock and a car on its drive, and moves the camera over each', () => {
    const { model, selected, stats } = fakeModel();
    expect(pick(model, session, 'home:h1')).toBe(true);
    expect(selected.at(-1)).toBe('home/h1/lock.front_door');
    expect(stats.mapFocus).toEqual([100, -200]);
    expect(pick(model, session, 'car:car1')).toBe(true);
    expect(selected.at(-1)).toBe('vehicle/car1/drive');
    expect(stats.mapFocus).toEqual([7, -8]);
  });

  it('brings the camera over a place without selecting anything', () => {
    const { model, selected, stats } = fakeModel();
    expect(pick(model, session, 'place:w1')).toBe(true);
    expect(selected).toEqual([]);
    expect(stats.mapFocus).toEqual([-50, -10]);
  });

  it('changes nothing for a value that names nothing here', () => {
    const { model, selected, stats } = fakeModel();
    for (const value of ['home:h2', 'car:', 'place:nope', 'twin:home/h1/lock.front_door', '', ':', 'home']) expect(pick(model, session, value), value).toBe(false);
    expect(selected).toEqual([]);
    expect(stats.mapFocus).toBeUndefined();
  });

  it('shows the selection\'s home or car, and nothing for other twins', () => {
    expect(pickedValue('home/h1/light.hall')).toBe('home:h1');
    expect(pickedValue('vehicle/car1/screen')).toBe('car:car1');
    expect(pickedValue('phone/alice/screen')).toBe('');
    expect(pickedValue(null)).toBe('');
    expect(homeTwin(session, 'h9')).toBeNull();
  });
});
