import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitXml } from './junit';
import { MALICIOUS_DETAIL, failingLocal, gridRun, passingCloud } from './test-support/run-results';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

interface Suite { '@name': string; '@tests': string; '@failures': string; '@time': string; properties: { property: { '@name': string; '@value': string }[] }; testcase: { '@name': string; '@classname': string; failure?: { '#text': string; '@message': string; '@type': string } }[] }

function parse(xml: string): { '@tests': string; '@failures': string; testsuite: Suite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

describe('junitXml', () => {
  it('is valid XML with one suite per scenario × architecture and one testcase per expectation', () => {
    const root = parse(junitXml([passingCloud, failingLocal, gridRun]));
    expect(root.testsuite.map((s) => s['@name'])).toEqual([
      'home-mode-on-approach [cloud-cloud]', 'home-mode-on-approach [local]', 'sleep-time-peak-shaving [cloud-cloud]',
    ]);
    const cloud = root.testsuite[0]!;
    expect(cloud.testcase.map((c) => [c['@classname'], c['@name']])).toEqual([
      ['home-mode-on-approach.cloud-cloud', 'lights-on'], ['home-mode-on-approach.cloud-cloud', 'ac-p95'],
    ]);
    expect(cloud['@tests']).toBe('2');
    expect(cloud['@failures']).toBe('0');
    expect(cloud['@time']).toBe('1.234');
  });

  it('counts failed expectations and adds a failing testcase for a run aborted by failWhen', () => {
    const root = parse(junitXml([passingCloud, failingLocal, gridRun]));
    const local = root.testsuite[1]!;
    expect(local['@tests']).toBe('3');
    expect(local['@failures']).toBe('2');
    const failed = local.testcase.filter((c) => c.failure);
    expect(failed.map((c) => c['@name'])).toEqual(['lights-on', 'run completed without failWhen']);
    expect(failed[1]!.failure!['@message']).toBe('run aborted by failWhen: gateway h1/gateway offline for 60 s');
    expect(failed[1]!.failure!['@type']).toBe('aborted');
    expect(root['@tests']).toBe('6');
    expect(root['@failures']).toBe('2');
  });

  it('records seed and eventHash as suite properties', () => {
    const suite = parse(junitXml([gridRun])).testsuite[0]!;
    const props = Object.fromEntries(suite.properties.property.map((p) => [p['@name'], p['@value']]));
    expect(props.seed).toBe('7');
    expect(props.eventHash).toBe(gridRun.eventHash);
    expect(props['parameter.strategy']).toBe('coordinated');
  });

  it('escapes & < > " \' in details and messages, so they read back exactly', () => {
    const xml = junitXml([failingLocal]);
    expect(xml).not.toContain('<b>bold</b>');
    expect(xml).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(xml).toContain('&quot;on&quot; &amp;');
    expect(xml).toContain('&#39;off&#39;');
    const failure = parse(xml).testsuite[0]!.testcase[0]!.failure!;
    const decode = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', htmlEntities: true }).parse(xml);
    const decoded = decode.testsuites.testsuite.testcase[0].failure;
    expect(decoded['@message']).toBe(MALICIOUS_DETAIL);
    expect(decoded['#text']).toContain(MALICIOUS_DETAIL);
    expect(failure['@type']).toBe('state');
  });

  it('strips control characters XML 1.0 forbids and keeps line breaks in messages', () => {
    const run = {
      ...failingLocal,
      abortedBy: undefined,
      scenario: 'bell\u0007-scene',
      expectations: [{ id: 'nul\u0000id', kind: 'event', passed: false, detail: 'first line\u001b[31m\nsecond line \uD800 lone surrogate' }],
    };
    const xml = junitXml([run]);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const suite = parse(xml).testsuite[0]!;
    expect(suite['@name']).toBe('bell-scene [local]');
    expect(suite.testcase[0]!['@name']).toBe('nulid');
    expect(suite.testcase[0]!.failure!['@message']).toBe('first line[31m');
    expect(suite.testcase[0]!.failure!['#text']).toBe('first line[31m\nsecond line  lone surrogate');
  });

  it('fails a suite whose verdict is FAIL even when no expectation explains it', () => {
    const run = { ...passingCloud, passed: false, expectations: [] };
    const suite = parse(junitXml([run])).testsuite[0]!;
    expect(suite['@failures']).toBe('1');
    expect(suite.testcase[0]!['@name']).toBe('verdict');
  });

  it('shows a run a suite skipped as one skipped testcase with its reason, neither passed nor failed, beside a run', () => {
    const reason = 'needs a real "CSMS" <here> & there; run it alone: twinbench run \'a b.yaml\' --seed 2';
    const xml = junitXml([{ scenario: 'night', architecture: 'direct', file: 'a b.yaml', seed: 2, skipped: reason }, passingCloud], { seedInNames: true });
    const root = parse(xml) as ReturnType<typeof parse> & { '@skipped': string };
    expect(root['@tests']).toBe('3');
    expect(root['@failures']).toBe('0');
    expect(root['@skipped']).toBe('1');
    const skipped = root.testsuite[0]! as Suite & { testcase: { skipped?: { '@message': string } }[] };
    expect(skipped['@name']).toBe('night [direct] seed 2');
    expect(skipped.properties.property.map((p) => [p['@name'], p['@value']])).toEqual([['scenario', 'night'], ['architecture', 'direct'], ['file', 'a b.yaml'], ['seed', '2']]);
    expect(skipped.testcase).toHaveLength(1);
    expect(skipped.testcase[0]!.skipped).toBeDefined();
    const decoded = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', htmlEntities: true }).parse(xml);
    expect(decoded.testsuites.testsuite[0].testcase.skipped['@message']).toBe(reason);
  });

  it('fails a run that could not run (no result), with why, so a CI reading only JUnit sees it', () => {
    const root = parse(junitXml([{ scenario: 'gone', architecture: 'local', file: 'g.yaml', seed: 1, error: 'its worker process ended (signal SIGKILL)\nlast line' }]));
    expect(root['@failures']).toBe('1');
    const suite = root.testsuite[0]!;
    expect(suite['@failures']).toBe('1');
    expect(suite.testcase[0]!.failure).toMatchObject({ '@message': 'the run could not run: its worker process ended (signal SIGKILL)', '@type': 'error' });
    expect(suite.testcase[0]!.failure!['#text']).toContain('last line');
  });
});
