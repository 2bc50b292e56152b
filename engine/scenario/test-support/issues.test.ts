import { describe, expect, it } from 'vitest';
import { issueLines, scenarioIssues } from './issues';

const VALID = 'scenario: t\nduration: 1m\nentities:\n  homes: [{ id: h1, devices: standard }]\nexpect:\n  - never: { event: { type: doorbell.pressed } }\n';

describe('reading the loader’s refusal in a test', () => {
  it('is no issue for a text that loads', () => {
    expect(scenarioIssues(VALID)).toEqual([]);
    expect(issueLines(VALID)).toEqual([]);
  });

  it('is each issue where it is written, as line:column: message', () => {
    const lines = issueLines(VALID.replace('duration: 1m', 'duration: soon'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^2:11: duration: /);
  });

  it('is not a refusal when the loader itself breaks: that is thrown, for the test to fail on', () => {
    expect(() => scenarioIssues(undefined as unknown as string)).toThrow(TypeError);
  });
});
