// The JUnit file of an invalid scenario is valid XML with one failed test case that lists every error.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { invalidScenarioJunitXml } from './junit-invalid';

describe('invalidScenarioJunitXml', () => {
  it('fails one test case with every error as file:line:column, escaped', () => {
    const xml = invalidScenarioJunitXml('s<1>.yaml', [
      { file: 's<1>.yaml', line: 2, column: 7, message: 'seed: expected a number, got "x" & more' },
      { file: 's<1>.yaml', line: 4, column: 11, message: 'duration: invalid\u0001' },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.testsuites['@_failures']).toBe('1');
    const failure = doc.testsuites.testsuite.testcase.failure;
    expect(failure['@_message']).toBe('s<1>.yaml:2:7: seed: expected a number, got "x" & more (and 1 more)');
    expect(failure['#text']).toContain('s<1>.yaml:4:11: duration: invalid');
  });
});
