// JUnit XML for a scenario that could not run because it is invalid: CI must show a failure rather than no
// test results at all. One suite named after the file, one failed test case whose message is the first error
// and whose body lists every error as file:line:column: reason.
import { escapeAttribute, escapeText } from './escape';

export interface LocatedIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function invalidScenarioJunitXml(scenarioFile: string, issues: readonly LocatedIssue[], suitesName = 'twinbench'): string {
  const lines = issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`);
  const first = lines[0] ?? `${scenarioFile}: invalid scenario`;
  const message = issues.length > 1 ? `${first} (and ${issues.length - 1} more)` : first;
  const suite = `${scenarioFile} [invalid]`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeAttribute(suitesName)}" tests="1" failures="1" errors="0" time="0.000">`,
    `  <testsuite name="${escapeAttribute(suite)}" tests="1" failures="1" errors="0" skipped="0" time="0.000">`,
    '    <properties>',
    `      <property name="file" value="${escapeAttribute(scenarioFile)}"/>`,
    '    </properties>',
    `    <testcase name="scenario is valid" classname="${escapeAttribute(scenarioFile)}">`,
    `      <failure message="${escapeAttribute(message)}" type="invalid-scenario">${escapeText(lines.join('\n'))}</failure>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
