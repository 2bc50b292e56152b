// Where things are in JSON text. JSON.parse says neither where a syntax error is in a portable way nor
// where a given feature starts, and users fix files by line and column; this small scanner answers both.
// It runs only on the error path, so the fast native parser still does the real work.

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors show for BMP text). */
  column: number;
}

export interface JsonSyntaxProblem extends TextPosition {
  offset: number;
  reason: string;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class ScanError {
  constructor(readonly offset: number, readonly reason: string) {}
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw new ScanError(at, reason);
  }

  describeHere(): string {
    if (this.pos >= this.text.length) return 'end of input';
    return `'${this.text[this.pos]}'`;
  }

  skipWhitespace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) this.fail('comments are not allowed in JSON');
      else return;
    }
  }

  value(): void {
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (this.text.startsWith('true', this.pos)) this.pos += 4;
    else if (this.text.startsWith('false', this.pos)) this.pos += 5;
    else if (this.text.startsWith('null', this.pos)) this.pos += 4;
    else if (c === "'") this.fail('strings must use double quotes');
    else this.fail(`expected a value but found ${this.describeHere()}`);
  }

  /** Calls `onMember(key)` with `pos` at the member's value; the callback must consume that value. */
  object(onMember: (key: string) => void = () => this.value()): void {
    this.pos++; // '{'
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes but found ${this.describeHere()}`);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after property name "${key}" but found ${this.describeHere()}`);
      this.pos++;
      onMember(key);
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return;
      }
      if (c !== ',') this.fail(`expected ',' or '}' after the value of "${key}" but found ${this.describeHere()}`);
      const comma = this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === '}') this.fail("trailing comma before '}'", comma);
    }
  }

  /** Calls `onElement(index)` with `pos` at each element; the callback must consume that element. */
  array(onElement: (index: number) => void = () => this.value()): void {
    this.pos++; // '['
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.skipWhitespace();
      onElement(index);
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return;
      }
      if (c !== ',') this.fail(`expected ',' or ']' after array element ${index} but found ${this.describeHere()}`);
      const comma = this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === ']') this.fail("trailing comma before ']'", comma);
    }
  }

  string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string', start);
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) break;
      if (code < 0x20) this.fail(code === 10 ? 'line break inside a string' : 'control character inside a string');
      if (code === 0x5c) {
        const e = this.text[this.pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('bad \\u escape in string');
          this.pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail(`bad escape '\\${e ?? ''}' in string`);
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.pos++;
    // Keys only matter for navigation; escapes in keys are rare, so decode them through JSON.parse.
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (match === null) this.fail(`malformed number starting ${this.describeHere()}`);
    this.pos += match[0].length;
  }
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipWhitespace();
    if (scanner.pos >= text.length) scanner.fail('the file is empty');
    scanner.value();
    scanner.skipWhitespace();
    if (scanner.pos < text.length) scanner.fail(`unexpected ${scanner.describeHere()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { offset: error.offset, reason: error.reason, ...positionAt(text, error.offset) };
  }
}

/**
 * Position of element `index` of the array under top-level key `key` (e.g. `features`), in valid JSON.
 * Returns null when there is no such element.
 */
export function findTopLevelArrayElement(text: string, key: string, index: number): TextPosition | null {
  const scanner = new Scanner(text);
  // An object, not a `let`, because the callback assigns it (control-flow analysis cannot see that).
  const hit = { offset: -1 };
  try {
    scanner.skipWhitespace();
    if (text[scanner.pos] !== '{') return null;
    scanner.object((member) => {
      scanner.skipWhitespace();
      if (member !== key || text[scanner.pos] !== '[' || hit.offset >= 0) return scanner.value();
      scanner.array((k) => {
        if (k === index) hit.offset = scanner.pos;
        scanner.value();
      });
    });
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
  }
  return hit.offset < 0 ? null : positionAt(text, hit.offset);
}
