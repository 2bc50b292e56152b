// The unified-account scene's hostile inputs: members, holders and actions naming people who are not there; and its
// claims under seeds other than its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedScenarioFiles } from '../cli/list-command';
import { loadRunnableScenario } from '../cli/scenario-check';
import { loadScenarioText } from '../scenario';
import { scenarioIssues } from '../scenario/test-support/issues';
import { runScenario } from './run-scenario';

const file = shippedScenarioFiles().find((f) => f.endsWith('/unified-account.yaml'))!;
const text = readFileSync(file, 'utf8');

describe('unified account: hostile scenario input', () => {
  it.each([
    ['a member who is not a user', ['members: [{ user: alice }, { user: bob }]', 'members: [{ user: alice }, { user: carol }]'], /entities\.accounts\[0\]\.members\[1\]\.user: unknown user "carol"/],
    ['a subscription held by a non-member', ['holder: alice', 'holder: dave'], /entities\.accounts\[0\]\.media\.holder: "dave" is not a member of account "family"/],
    ['a family in no home of the scene', ['      home: h1\n      members', '      home: h9\n      members'], /entities\.accounts\[0\]\.home: unknown home "h9"/],
    ['a revocation of someone unknown', ['revoke: { account: family, member: bob,', 'revoke: { account: family, member: mallory,'], /steps\[1\]\.do\.revoke\.member: unknown user "mallory"/],
    ['an entitlement that does not exist', ['entitlement: home-control } } }', 'entitlement: everything } } }'], /steps\[1\]\.do\.revoke\.entitlement: .*home-control.*media/],
  ])('%s is refused before anything runs, at its line', (_what, [from, to], message) => {
    const changed = text.replace(from!, to!);
    expect(changed).not.toBe(text);
    const issues = scenarioIssues(changed);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.message).join('\n')).toMatch(message);
    expect(issues[0]!.line).toBeGreaterThan(1);
  });

  it('a revocation in an account that does not exist is a step error naming the accounts', async () => {
    const changed = text.replace('revoke: { account: family,', 'revoke: { account: clan,');
    const result = await runScenario(loadScenarioText(changed, file).scenario, 'direct');
    expect(result.passed).toBe(false);
    expect(result.expectations.find((e) => e.kind === 'step')?.detail).toBe('step revoke-bob: revoke failed: no account "clan" (accounts: family)');
  });
});

describe('unified account under other seeds', () => {
  // Seeds 19 and 26 put the home 166 m and 160 m from the road node trips start at: the playlist handed over as the
  // car set off, under local, failed out of near-field range though the car was leaving its own driveway.
  it.each([19, 26])('under local, seed %i: the playlist reaches the car as it drives off', async (seed) => {
    const result = await runScenario({ ...loadRunnableScenario(file), seed }, 'local');
    expect(result.passed, JSON.stringify(result.expectations.filter((e) => !e.passed))).toBe(true);
    expect(result.metrics.failuresByReason).toEqual({ refused: 1 }); // Bob's command after the revocation, and nothing out of range
  });
});
