// Catastrophic backtracking in a scenario's `matches`: a pattern whose repeated part itself repeats (`(a+)+$`,
// `([a-z]+)*x`: star height above 1) can take exponential time on a value that almost matches, and V8's regex
// engine has no timeout, so one such check would hang a run. The pattern is parsed with `ret` (the tokenizer
// safe-regex builds on) and its star height counted; unlike safe-regex, an optional part (`(x+)?`, `{0,1}`) does
// not repeat and so does not count, which keeps ordinary checks like `(?: (?<unit>\w+))?` usable.
import ret, { types, type Token, type Tokens } from 'ret';

/** The deepest nesting of repetitions that can repeat (max > 1) in the pattern. */
export function starHeight(pattern: string): number {
  return heightOf(ret(pattern), 0);
}

function heightOf(token: Tokens, depth: number): number {
  switch (token.type) {
    case types.ROOT:
    case types.GROUP: {
      const branches: Token[][] = token.options ?? (token.stack ? [token.stack] : []);
      let deepest = depth;
      for (const branch of branches) for (const child of branch) deepest = Math.max(deepest, heightOf(child, depth));
      return deepest;
    }
    case types.REPETITION:
      return heightOf(token.value, token.max > 1 ? depth + 1 : depth);
    default:
      return depth;
  }
}
