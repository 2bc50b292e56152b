// JUnit XML for CI servers (Jenkins, GitLab, GitHub test reporters): one <testsuite> per scenario ×
// architecture, one <testcase> per expectation, so a failed expectation shows up as a failed test with the
// run's own words as its message. A run cut short by a failWhen gets a failing testcase of its own, because
// its remaining expectations never had the chance to fail.
import { escapeAttribute, escapeText } from './escape';
import { NO_VERDICT_REASON, formatParameters, verdictOf } from './format';
import type { RunVerdict } from '../../protocol/run-result';

const JUNIT_VERDICT: Readonly<Record<RunVerdict, string>> = { pass: 'PASS', fail: 'FAIL', none: 'NO VERDICT' };
import type { RunResult } from '../runner/result';

/**
 * A planned run with no result. Skipped — a suite skips a scene only a real endpoint can judge: one skipped testcase
 * with the reason, neither passed nor failed. Or it could not run (its worker died, the scene failed to load): one
 * failing testcase with why, so a CI that reads only JUnit still sees the suite fail.
 */
export type RunWithoutResult = { scenario: string; architecture: string; file: string; seed: number } & ({ skipped: string } | { error: string });

export interface JunitOptions {
  /** Name of the <testsuites> root (default `twinbench`). */
  name?: string;
  /** Name each run's <testsuite> with its seed too (a suite runs one scene under many seeds). */
  seedInNames?: boolean;
}

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; body: string };
  /** Why the testcase was skipped. */
  skipped?: string;
  out?: string;
}

export function junitXml(results: readonly (RunResult | RunWithoutResult)[], options: JunitOptions = {}): string {
  const suites = results.map((run) => ('wallMs' in run ? suiteOf(run, options.seedInNames === true) : withoutResultSuiteOf(run, options.seedInNames === true)));
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const skipped = suites.reduce((n, s) => n + s.skipped, 0);
  const time = seconds(results.reduce((t, r) => t + ('wallMs' in r ? r.wallMs : 0), 0));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeAttribute(options.name ?? 'twinbench')}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suiteOf(run: RunResult, seedInNames: boolean): { xml: string; cases: Case[]; failures: number; skipped: number } {
  const classname = seedInNames ? `${run.scenario}.${run.architecture}.seed${run.seed}` : `${run.scenario}.${run.architecture}`;
  const cases: Case[] = run.expectations.map((e) => ({
    name: e.id,
    classname,
    ...(e.passed
      ? { out: e.detail }
      : { failure: { message: firstLine(e.detail) || `expectation ${e.id} failed`, type: e.kind, body: describe(e.description, e.detail) } }),
  }));
  // A declared demo checks nothing: one skipped testcase says so, and the suite neither passes nor fails.
  if (run.noVerdict) cases.push({ name: 'verdict', classname, skipped: NO_VERDICT_REASON });
  if (run.abortedBy) {
    cases.push({
      name: 'run completed without failWhen',
      classname,
      failure: { message: `run aborted by failWhen: ${firstLine(run.abortedBy)}`, type: 'aborted', body: run.abortedBy },
    });
  }
  // A failed verdict must fail the suite even when no expectation or abort explains it (say, zero expectations).
  if (!run.passed && !run.noVerdict && !cases.some((c) => c.failure)) {
    cases.push({ name: 'verdict', classname, failure: { message: 'the run failed', type: 'verdict', body: 'The run\'s verdict is FAIL although no expectation failed.' } });
  }
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const properties: [string, string][] = [
    ['scenario', run.scenario],
    ['architecture', run.architecture],
    ['file', run.file],
    ['seed', String(run.seed)],
    ['eventHash', run.eventHash],
    ['events', String(run.events)],
    ['simulatedMs', String(run.simulatedMs)],
    ...Object.keys(run.parameters).sort().map((k): [string, string] => [`parameter.${k}`, String(run.parameters[k])]),
  ];
  const out = `${run.title ?? run.scenario} [${run.architecture}], seed ${run.seed}${formatParameters(run.parameters) ? `, ${formatParameters(run.parameters)}` : ''}: ${JUNIT_VERDICT[verdictOf(run)]}`;
  return { xml: testsuiteXml(run, seedInNames, { cases, failures, skipped, time: seconds(run.wallMs), properties, out }), cases, failures, skipped };
}

function withoutResultSuiteOf(run: RunWithoutResult, seedInNames: boolean): { xml: string; cases: Case[]; failures: number; skipped: number } {
  const classname = seedInNames ? `${run.scenario}.${run.architecture}.seed${run.seed}` : `${run.scenario}.${run.architecture}`;
  const cases: Case[] = ['skipped' in run
    ? { name: 'run', classname, skipped: run.skipped }
    : { name: 'run', classname, failure: { message: `the run could not run: ${firstLine(run.error)}`, type: 'error', body: run.error } }];
  const failures = 'error' in run ? 1 : 0;
  const skipped = 1 - failures;
  const properties: [string, string][] = [['scenario', run.scenario], ['architecture', run.architecture], ['file', run.file], ['seed', String(run.seed)]];
  const out = `${run.scenario} [${run.architecture}], seed ${run.seed}: ${failures > 0 ? 'ERROR' : 'SKIPPED'}`;
  return { xml: testsuiteXml(run, seedInNames, { cases, failures, skipped, time: '0.000', properties, out }), cases, failures, skipped };
}

interface TestsuiteBody { cases: Case[]; failures: number; skipped: number; time: string; properties: [string, string][]; out: string }

/** One run's `<testsuite>`: named by scene, architecture (and seed in a suite), its properties, cases and summary. */
function testsuiteXml(run: { scenario: string; architecture: string; seed: number }, seedInNames: boolean, body: TestsuiteBody): string {
  return [
    `  <testsuite name="${escapeAttribute(`${run.scenario} [${run.architecture}]${seedInNames ? ` seed ${run.seed}` : ''}`)}" tests="${body.cases.length}" failures="${body.failures}" errors="0" skipped="${body.skipped}" time="${body.time}">`,
    '    <properties>',
    ...body.properties.map(([k, v]) => `      <property name="${escapeAttribute(k)}" value="${escapeAttribute(v)}"/>`),
    '    </properties>',
    ...body.cases.map(caseXml),
    `    <system-out>${escapeText(body.out)}</system-out>`,
    '  </testsuite>',
  ].join('\n');
}

function caseXml(c: Case): string {
  const open = `    <testcase name="${escapeAttribute(c.name)}" classname="${escapeAttribute(c.classname)}"`;
  if (c.skipped !== undefined) return `${open}>\n      <skipped message="${escapeAttribute(c.skipped)}"/>\n    </testcase>`;
  if (c.failure) {
    return `${open}>\n      <failure message="${escapeAttribute(c.failure.message)}" type="${escapeAttribute(c.failure.type)}">${escapeText(c.failure.body)}</failure>\n    </testcase>`;
  }
  if (c.out) return `${open}>\n      <system-out>${escapeText(c.out)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

function describe(description: string | undefined, detail: string): string {
  return description ? `${description}\n${detail}` : detail;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** JUnit times are seconds with a decimal point. */
function seconds(ms: number): string {
  return Number.isFinite(ms) ? (Math.max(0, ms) / 1000).toFixed(3) : '0.000';
}
