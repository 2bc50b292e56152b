// A scenario is runnable when it loads and its GeoJSON map (read only when the world is built) loads too: run and
// validate both use this, so a bad map is a bad scenario with file:line:column, never a crash mid-run.
import { readFileSync } from 'node:fs';
import { loadGeoJsonMap } from '../../twins/world/geojson-map';
import { MapLoadError } from '../../twins/world/map-load-error';
import { loadScenarioFile, ScenarioError, type ResolvedScenario, type ScenarioIssue } from '../scenario';

/** Throws ScenarioError or MapLoadError (see invalidScenarioIssues). */
export function loadRunnableScenario(file: string, set: Record<string, string> = {}): ResolvedScenario {
  const { scenario } = loadScenarioFile(file, { set });
  if (scenario.map.kind === 'geojson') loadGeoJsonMap(readFileSync(scenario.map.path, 'utf8'), scenario.map.path);
  return scenario;
}

/** The located problems of an invalid scenario or map; undefined for any other error. */
export function invalidScenarioIssues(err: unknown): readonly ScenarioIssue[] | undefined {
  if (err instanceof ScenarioError) return err.issues;
  if (err instanceof MapLoadError) {
    const where = { file: err.fileName, line: err.line ?? 1, column: err.column ?? 1 };
    return [{ ...where, message: `${err.featureIndex === undefined ? '' : `features[${err.featureIndex}]: `}${err.reason}` }];
  }
  return undefined;
}
