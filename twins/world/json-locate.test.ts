// The JSON scanner behind line:column error messages must agree with JSON.parse on validity.
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, findTopLevelArrayElement, positionAt } from './json-locate';

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      '{}', '[]', '0', '-0.5e+3', '"a\\u00e9\\n"', ' {"a": [1, 2, {"b": null}], "c": true} ', '[1e5, -1, 0.25]',
      '01', '1.', '.5', '+1', '[1,]', '{"a":1,}', '{a: 1}', "['x']", '"tab\there"', '"\\x"', '"unterminated', '[1 2]', '{"a" 1}', 'nul', '{} {}', '',
    ];
    for (const text of samples) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(text) === null, text).toBe(valid);
    }
  });

  it('says where and what', () => {
    expect(findJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toEqual({ offset: 13, line: 3, column: 3, reason: `expected ',' or '}' after the value of "a" but found '"'` });
    expect(findJsonSyntaxError('{"a": "x\ny"}')).toMatchObject({ line: 1, column: 9, reason: 'line break inside a string' });
    expect(findJsonSyntaxError("{'a': 1}")).toMatchObject({ column: 2, reason: "expected a property name in double quotes but found '''" });
  });
});

describe('findTopLevelArrayElement', () => {
  it('finds the start of features[i]', () => {
    const text = '{"name": {"features": [9]},\n "features": [\n  {"a": 1},\n  {"b": [2, 3]}\n ]}';
    expect(findTopLevelArrayElement(text, 'features', 1)).toEqual({ line: 4, column: 3 });
    expect(findTopLevelArrayElement(text, 'features', 2)).toBeNull();
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
  });
});
