// Scopes a scenario grants Home Assistant and external parties (`connectors.haGrants`, `external.<party>.grants`):
// a well-formed scope loads; anything else is refused at its line:column, saying how to write one.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';
import { issueLines } from './test-support/issues';

const BASE = `scenario: t
duration: 1m
verdict: none
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1 }]
  vehicles: [{ id: car1, home: h1 }]
steps:
  - { at: 1s, do: { doorbell: { home: h1 } } }
connectors:
`;

function load(connectors: string) {
  return loadScenarioText(`${BASE}${connectors}\n`, 'grants.yaml');
}

const issuesOf = (connectors: string): string[] => issueLines(`${BASE}${connectors}\n`);

describe('connector grants in a scenario', () => {
  it('takes home.* and vehicle.* scopes, with a command or a wildcard', () => {
    const { scenario } = load('  haDiscovery: true\n  haGrants: [home.cover:open_cover, home.lock:*]\n  external: { home-cloud: { http: "http://127.0.0.1:8090", grants: [vehicle.remote:remote_start] } }');
    expect(scenario.connectors?.haGrants).toEqual(['home.cover:open_cover', 'home.lock:*']);
    expect(scenario.connectors?.external['home-cloud']?.grants).toEqual(['vehicle.remote:remote_start']);
  });

  it.each(['"*"', 'unlock-everything', 'home.lock', 'garage.door:open', 'home.lock:unlock; drop'])('refuses %s at its line and column', (scope) => {
    const issues = issuesOf(`  haGrants: [${scope}]`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^11:14: connectors.haGrants\[0\]: not a scope: .*write home\.<service>:<command> or vehicle\.<service>:<command>/);
  });
});
