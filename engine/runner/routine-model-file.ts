// Reads a routine model file (`twinbench learn --out`, named by a scene's `household.model`): JSON checked against
// the model's shape, so a hand-edited or foreign file is refused with its name and the first thing wrong, never
// half-loaded into an agent.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { RoutineModel } from '../../twins/sim/proactive/routine-learner';

const Minute = z.number().min(0).lt(1440);
const ModelSchema = z.strictObject({
  days: z.array(z.strictObject({
    day: z.int().min(0), weekday: z.int().min(0).max(6), departure: Minute.optional(), arrival: Minute.optional(), holiday: z.boolean().optional(),
  })).max(100_000),
  setpoints: z.array(z.number().min(-50).max(100)).max(100_000),
  lighting: z.array(z.string().max(100)).max(100_000),
  charging: z.array(z.strictObject({ minuteOfDay: Minute, energyKwh: z.number().min(0).max(1_000) })).max(100_000),
});

/** A model file that cannot be read or is not a model: the scene's fault, reported with both files. */
export class RoutineModelError extends Error {
  override readonly name = 'RoutineModelError';
  constructor(message: string, readonly scenarioFile: string) {
    super(message);
  }
}

/** The model at `file` (relative to the scenario file `scenarioFile`); an Error naming the file and the problem otherwise. */
export function readRoutineModel(file: string, scenarioFile: string): RoutineModel {
  const path = resolve(dirname(scenarioFile), file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RoutineModelError(`household.model: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); write one with \`twinbench learn <recording.db> <run> --vehicle <id> --out ${file}\``, scenarioFile);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RoutineModelError(`household.model: ${path} is not JSON (${(err as Error).message})`, scenarioFile);
  }
  const parsed = ModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RoutineModelError(`household.model: ${path} is not a routine model: ${issue.path.join('.') || '(top level)'}: ${issue.message}`, scenarioFile);
  }
  return parsed.data as RoutineModel;
}
