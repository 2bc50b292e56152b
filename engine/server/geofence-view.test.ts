// The map's rings come from the simulation's own fences: the watched car's home fence in the commute, as a closed
// circle of the fence's radius; a polygon keeps its points.
import { describe, expect, it } from 'vitest';
import { ScenarioRun } from '../runner/scenario-run';
import { loadScenarioFile } from '../scenario';
import { SHIPPED_SCENARIOS_DIR } from './scenario-catalogue';
import { CIRCLE_POINTS, geofencesOf, outlineOf } from './geofence-view';

describe('geofence view', () => {
  it('draws a circle as CIRCLE_POINTS points on its radius, and a polygon as its points', () => {
    const circle = outlineOf({ id: 'c', center: { x: 100, y: -50 }, radiusM: 300 });
    expect(circle).toHaveLength(CIRCLE_POINTS * 2);
    for (let i = 0; i < CIRCLE_POINTS; i++) expect(Math.hypot(circle[2 * i]! - 100, circle[2 * i + 1]! + 50)).toBeCloseTo(300, 6);
    expect(outlineOf({ id: 'p', points: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 0 }] })).toEqual([1, 2, 3, 4, 5, 0]);
  });

  it('sends the commute car\'s home fence once, and nothing for a car the scene does not watch in a big city', () => {
    const { scenario } = loadScenarioFile(`${SHIPPED_SCENARIOS_DIR}/commute.yaml`);
    const run = new ScenarioRun(scenario, 'cloud-cloud');
    const fences = geofencesOf(run.sim, 'car1');
    expect(fences.length).toBeGreaterThan(0);
    expect(new Set(fences.map((f) => f.id)).size).toBe(fences.length);
    expect(fences.every((f) => f.outline.length >= 6)).toBe(true);
  });
});
