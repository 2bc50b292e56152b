// The shape of a YAML text measured before it is parsed: how many nodes it writes, how deep it nests and
// whether it uses aliases. The yaml parser keeps a tree of ~150 bytes per source byte and recurses once per
// nesting level, so a file of half a million `0,` or ten thousand `[` would cost seconds and hundreds of MB,
// or end in "Maximum call stack size exceeded". yaml's own Lexer is a generator over the text: counting its
// tokens takes constant memory and linear time, so the limits are checked before any tree exists.
import { Lexer } from 'yaml';
import { SCENARIO_LIMITS, formatLimit } from './limits';
import type { SourceProblem } from './yaml-source';

// Tokens the lexer inserts that are not source text (see yaml's parse/cst.ts).
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

export interface YamlShape {
  nodes: number;
  aliases: number;
  /** The first limit crossed, at the token that crossed it. */
  problem?: SourceProblem;
}

/**
 * Counts nodes and tracks nesting: flow collections by their brackets, block collections by an indentation
 * stack (a node starting at column c closes every open block at c or deeper), `- ` and `? ` items as one
 * level each. The depth is an estimate that never undercounts a block map or list by more than one level.
 */
export function measureYaml(text: string, limits = SCENARIO_LIMITS): YamlShape {
  let nodes = 0;
  let aliases = 0;
  let offset = 0;
  let column = 0;
  let lineStart = true;
  let flowDepth = 0;
  const blockIndents: number[] = [];

  const openBlockAt = (at: number): number => {
    while (blockIndents.length > 0 && blockIndents[blockIndents.length - 1]! >= at) blockIndents.pop();
    blockIndents.push(at);
    return blockIndents.length + flowDepth;
  };

  for (const token of new Lexer().lex(text)) {
    if (token === DOCUMENT || token === SCALAR || token === FLOW_END) {
      if (token === SCALAR) nodes++;
      continue;
    }
    const here = offset;
    let depth = 0;
    if (token === '\n' || token === '\r\n' || token === '') {
      offset += token.length;
      column = 0;
      lineStart = true;
      continue;
    }
    const first = token[0];
    const isSpace = first === ' ' || first === '\t';
    const isComment = first === '#';
    if (!isSpace && !isComment) {
      if (flowDepth === 0 && (lineStart || token === '-' || token === '?')) depth = openBlockAt(column);
      if (token === '[' || token === '{') {
        nodes++;
        flowDepth++;
        depth = Math.max(depth, blockIndents.length + flowDepth);
      } else if (token === ']' || token === '}') {
        flowDepth = Math.max(0, flowDepth - 1);
      } else if (token === '-') {
        nodes++;
      } else if (first === '*') {
        nodes++;
        if (++aliases > limits.aliases) {
          return { nodes, aliases, problem: { offset: here, message: `more than ${formatLimit(limits.aliases)} aliases (*name); a scenario needs far fewer` } };
        }
      }
      lineStart = false;
    }
    if (depth > limits.depth) {
      return { nodes, aliases, problem: { offset: here, message: `nested more than ${limits.depth} levels deep; a scenario needs far fewer` } };
    }
    if (nodes > limits.yamlNodes) {
      return {
        nodes,
        aliases,
        problem: { offset: here, message: `more than ${formatLimit(limits.yamlNodes)} YAML values; a scenario needs far fewer (use \`count:\` for many homes or vehicles)` },
      };
    }
    offset += token.length;
    const newline = token.lastIndexOf('\n');
    column = newline === -1 ? column + token.length : token.length - newline - 1;
  }
  return { nodes, aliases };
}
