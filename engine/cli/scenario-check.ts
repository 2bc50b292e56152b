// A scenario is runnable when it loads and its GeoJSON map (read only when the world is built) loads too: run and
// validate both use this, so a bad map is a bad scenario with file:line:column, never a crash mid-run.
import { readFileSync } from 'node:fs';
import { loadGeoJsonMap } from '../../twins/world/geojson-map';
import { MapLoadError } from '../../twins/world/map-load-error';
import { readRoutineModel, RoutineModelError } from '../runner/routine-model-file';
import { loadScenarioFile, ScenarioError, type ResolvedScenario, type ScenarioIssue } from '../scenario';

/** Throws ScenarioError or MapLoadError (see invalidScenarioIssues). */
export function loadRunnableScenario(file: string, set: Record<string, string> = {}): ResolvedScenario {
  const { scenario } = loadScenarioFile(file, { set });
  if (scenario.map.kind === 'geojson') loadGeoJsonMap(readFileSync(scenario.map.path, 'utf8'), scenario.map.path);
  const model = scenario.entities.household?.model;
  if (model !== undefined) readRoutineModel(model, scenario.sourceFile);
  return scenario;
}

/** The located problems of an invalid scenario or map; undefined for any other error. */
export function invalidScenarioIssues(err: unknown): readonly ScenarioIssue[] | undefined {
  if (err instanceof ScenarioError) return err.issues;
  if (err instanceof MapLoadError) {
    const where = { file: err.fileName, line: err.line ?? 1, column: err.column ?? 1 };
    return [{ ...where, message: `${err.featureIndex === undefined ? '' : `features[${err.featureIndex}]: `}${err.reason}` }];
  }
  if (err instanceof RoutineModelError) return [{ file: err.scenarioFile, ...modelLine(err.scenarioFile), message: err.message }];
  return undefined;
}

/** Where the scenario names its model (`model:` under household), or its first line if the text cannot be read. */
function modelLine(file: string): { line: number; column: number } {
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => /^\s*model\s*:/.test(l));
    if (i >= 0) return { line: i + 1, column: lines[i]!.indexOf('model') + 1 };
  } catch {
    // the file was read a moment ago; if it is gone now, its first line is as good a place as any
  }
  return { line: 1, column: 1 };
}
