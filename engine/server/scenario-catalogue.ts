// The scenarios the app may open: the YAML files of the scenario folders it was started with (the shipped
// scenarios/ by default). A client names a scenario by the handle listed here, never by a free path, so a page
// that reaches the local server cannot make it read arbitrary files.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioSummary } from '../../protocol';
import { loadScenarioFile, ScenarioError } from '../scenario';

export const SHIPPED_SCENARIOS_DIR = path.resolve(import.meta.dirname, '../../scenarios');

export class ScenarioCatalogue {
  constructor(private readonly dirs: readonly string[] = [SHIPPED_SCENARIOS_DIR]) {}

  /** Handle (`scenarios/doorbell.yaml`) → absolute path, in folder then file-name order. */
  files(): Map<string, string> {
    const files = new Map<string, string>();
    for (const dir of this.dirs) {
      let names: string[];
      try {
        names = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
      } catch (err) {
        throw new Error(`scenario folder ${dir} cannot be read: ${(err as Error).message}`);
      }
      for (const name of names) files.set(`${path.basename(dir)}/${name}`, path.join(dir, name));
    }
    return files;
  }

  /** Every valid scenario; a broken file is listed with its first error as the description, so it is not silently missing. */
  list(): ScenarioSummary[] {
    return [...this.files()].map(([handle, file]) => {
      try {
        const { scenario } = loadScenarioFile(file);
        return {
          file: handle,
          scenario: scenario.scenario,
          title: scenario.title ?? scenario.scenario,
          ...(scenario.description !== undefined ? { description: scenario.description.trim() } : {}),
          architectures: [...scenario.architectures],
          seed: scenario.seed,
          durationMs: scenario.duration,
          parameters: Object.entries(scenario.parameters).map(([name, p]) => ({
            name, default: p.default, ...(p.description !== undefined ? { description: p.description } : {}), ...(p.enum ? { enum: p.enum } : {}),
          })),
        };
      } catch (err) {
        const reason = err instanceof ScenarioError ? err.message.split('\n')[0] : (err as Error).message;
        return { file: handle, scenario: path.basename(file), title: `${path.basename(file)} (invalid)`, description: reason, architectures: [], seed: 0, durationMs: 0, parameters: [] };
      }
    });
  }

  /** The absolute path behind a handle; throws naming the known handles when it is not one of them. */
  resolve(handle: string): string {
    const files = this.files();
    const file = files.get(handle);
    if (file === undefined) throw new Error(`unknown scenario "${handle}"; the app can open: ${[...files.keys()].join(', ') || 'none'}`);
    return file;
  }
}
