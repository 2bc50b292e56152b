// How the scenario tests read the loader's refusal of a text: its issues, none when it loads. Only a ScenarioError
// is a refusal; anything else the loader throws is a bug in it, and the test must see it as one.
import { ScenarioError, loadScenarioText, type LoadOptions, type ScenarioIssue } from '../index';

/** The issues loading `text` as `fileName` raises; an empty list when it loads. */
export function scenarioIssues(text: string, fileName = 'test.yaml', options: LoadOptions = {}): ScenarioIssue[] {
  try {
    loadScenarioText(text, fileName, options);
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.issues];
    throw error;
  }
  return [];
}

/** The same issues as `line:column: message`, the way `twinbench validate` prints them after the file name. */
export function issueLines(text: string, fileName?: string, options?: LoadOptions): string[] {
  return scenarioIssues(text, fileName, options).map((i) => `${i.line}:${i.column}: ${i.message}`);
}
