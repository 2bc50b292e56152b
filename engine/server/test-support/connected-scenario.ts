// A scenario folder for tests of the app's real endpoints: the shipped doorbell scene with a `connectors:` section
// appended (a broker URL with a user and no password, as a scenario must write it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DOORBELL = path.resolve(import.meta.dirname, '../../../scenarios/doorbell.yaml');

export function connectedScenarioDir(connectors: string): { dir: string; file: string; remove(): void } {
  const base = mkdtempSync(path.join(tmpdir(), 'twinbench-connected-'));
  const dir = path.join(base, 'scenarios');
  mkdirSync(dir);
  const yaml = readFileSync(DOORBELL, 'utf8').replace(/^# yaml-language-server.*\n/, '');
  writeFileSync(path.join(dir, 'doorbell-connected.yaml'), `${yaml.trimEnd()}\nconnectors:\n${connectors.replace(/^/gm, '  ')}\n`);
  return { dir, file: 'scenarios/doorbell-connected.yaml', remove: () => rmSync(base, { recursive: true, force: true }) };
}
