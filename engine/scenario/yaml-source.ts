// Turns scenario YAML into plain JS while remembering where every value and key came from, so that any
// problem found later (by zod or the cross-checks) can be reported as file:line:column. Scalars pass
// through a callback on the way, which is where `${parameter}` substitution happens.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { decodePlaceholders, encodePlaceholders } from './placeholders';

export type Path = readonly (string | number)[];

export interface SourceProblem {
  offset: number;
  message: string;
}

export interface ParsedSource {
  /** The text after placeholder encoding: same length and offsets as the original. */
  encoded: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  syntaxErrors: SourceProblem[];
}

export function parseYamlSource(text: string): ParsedSource {
  const encoded = encodePlaceholders(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(encoded, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors = doc.errors.map((error) => ({
    offset: error.pos[0],
    // yaml appends " at line X, column Y" and a source excerpt; the position is reported separately.
    message: decodePlaceholders(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')),
  }));
  return { encoded, doc, lineCounter, syntaxErrors };
}

const pathKey = (path: Path): string => JSON.stringify(path);

/** Where each path of the JS value starts in the source: the value itself and, for map entries, the key. */
export class SourceIndex {
  private readonly values = new Map<string, number>();
  private readonly keys = new Map<string, number>();

  constructor(private readonly lineCounter: LineCounter) {}

  record(path: Path, valueOffset: number, keyOffset?: number): void {
    this.values.set(pathKey(path), valueOffset);
    if (keyOffset !== undefined) this.keys.set(pathKey(path), keyOffset);
  }

  /** Offset of the path, or of its nearest ancestor that exists in the source (for missing fields). */
  offsetOf(path: Path, at: 'value' | 'key' = 'value'): number {
    for (let length = path.length; length >= 0; length--) {
      const key = pathKey(path.slice(0, length));
      const offset = length === path.length && at === 'key' ? (this.keys.get(key) ?? this.values.get(key)) : this.values.get(key);
      if (offset !== undefined) return offset;
    }
    return 0;
  }

  /** True when the path itself (not an ancestor) is in the source. */
  has(path: Path): boolean {
    return this.values.has(pathKey(path));
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }
}

export interface ScalarContext {
  node: Scalar;
  /** Path of the value; for a map key, the path of the map that holds it. */
  path: Path;
}

export interface ReadOptions {
  /** Maps each scalar's parsed value to the value the scenario sees; may report problems. */
  onScalar: (value: unknown, context: ScalarContext, report: (problem: SourceProblem) => void) => unknown;
}

const MAX_ALIAS_DEPTH = 64;

/** Plain JS value of `node` (an AST node of `source.doc`), recording positions under `basePath`. */
export function readNode(
  source: ParsedSource,
  node: unknown,
  basePath: Path,
  index: SourceIndex,
  options: ReadOptions,
): { value: unknown; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const report = (problem: SourceProblem) => problems.push(problem);

  const read = (current: unknown, path: Path, keyOffset: number | undefined, depth: number): unknown => {
    if (current === null || current === undefined) {
      if (keyOffset !== undefined) index.record(path, keyOffset, keyOffset);
      return null;
    }
    const start = (current as Node).range?.[0] ?? keyOffset ?? 0;
    index.record(path, start, keyOffset);
    if (isAlias(current)) {
      if (depth > MAX_ALIAS_DEPTH) {
        report({ offset: start, message: 'aliases nested too deeply (is an anchor referring to itself?)' });
        return null;
      }
      return read(current.resolve(source.doc), path, keyOffset, depth + 1);
    }
    if (isScalar(current)) return options.onScalar(current.value, { node: current, path }, report);
    if (isSeq(current)) return current.items.map((item, i) => read(item, [...path, i], undefined, depth));
    if (isMap(current)) {
      const object: Record<string, unknown> = {};
      for (const pair of current.items) {
        const keyNode = pair.key;
        const keyOffsetHere = (keyNode as Node | null)?.range?.[0] ?? start;
        if (!isScalar(keyNode)) {
          report({ offset: keyOffsetHere, message: 'keys must be plain words, not lists or maps' });
          continue;
        }
        // Keys go through the same callback, so `do: { ${answer}: … }` can pick an action by parameter.
        const key = String(options.onScalar(keyNode.value, { node: keyNode, path }, report));
        // defineProperty, not `object[key] =`: a key named `__proto__` stays a key (and is checked like any other)
        // instead of silently replacing the object's prototype.
        Object.defineProperty(object, key, {
          value: read(pair.value, [...path, key], keyOffsetHere, depth), enumerable: true, writable: true, configurable: true,
        });
      }
      return object;
    }
    report({ offset: start, message: 'unsupported YAML node' });
    return null;
  };

  const value = read(node, basePath, undefined, 0);
  return { value, problems };
}

/** The value node of a top-level key (e.g. `parameters`), when the document is a map that has it. */
export function topLevelNode(source: ParsedSource, key: string): unknown {
  const contents = source.doc.contents;
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair?.value ?? undefined;
}
