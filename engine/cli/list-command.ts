// `twinbench list`: the scenarios shipped in scenarios/, with their titles and architectures.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadScenarioFile } from '../scenario';
import { defineCommand } from './command-spec';

export const SCENARIOS_DIR = path.resolve(import.meta.dirname, '../../scenarios');

export function shippedScenarioFiles(): string[] {
  return readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(SCENARIOS_DIR, f));
}

export const listCommand = defineCommand(
  {
    name: 'list',
    args: '',
    positionals: { min: 0, max: 0 },
    summary: 'list the shipped scenarios with their titles and architectures',
    options: {},
  },
  async (_args, io) => {
    const rows = shippedScenarioFiles().map((file) => {
      const { scenario } = loadScenarioFile(file);
      return [path.relative(process.cwd(), file), scenario.title ?? scenario.scenario, scenario.architectures.join(', ')];
    });
    const width = (i: number): number => Math.max(...rows.map((r) => r[i]!.length), 4);
    for (const row of rows) io.out(`${row[0]!.padEnd(width(0))}  ${row[1]!.padEnd(width(1))}  ${row[2]}`);
    return 0;
  },
);
