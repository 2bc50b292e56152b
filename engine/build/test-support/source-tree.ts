// A small tree of source files for bundling tests (engine/build, engine/suite): written under `parent`, returned
// as the folder's path.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function sourceTree(parent: string, name: string, files: Record<string, string>): string {
  const root = path.join(parent, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}
