// Many brands in a scenario file: every brand named anywhere is declared on the right side, pair metrics are
// spelt as the catalogue says, and a schema that cannot work is refused at its line:column before anything runs.
import { describe, expect, it } from 'vitest';
import { issueLines } from './test-support/issues';

const BRANDS = `scenario: brands
duration: 1m
brands:
  vehicle:
    - { id: volta, keys: { vin: vehicleId } }
  home:
    - { id: thermia, units: { temperature: { canonical: celsius, brand: fahrenheit } } }
entities:
  homes: [{ id: h, count: 2, brand: thermia }]
  vehicles: [{ id: car, count: 2, home: h, brand: volta }]
`;

const metric = (name: string): string => `${BRANDS}expect:\n  - metric: { name: ${name}, gte: 0.9 }\n`;

describe('brand-pair metrics are named from the catalogue', () => {
  it('accepts the figures of a declared pair', () => {
    for (const name of ['pair.volta.thermia.success_rate', 'pair.volta.thermia.latency.p99', 'pair.volta.thermia.failures.untranslatable']) {
      expect(issueLines(metric(name)), name).toEqual([]);
    }
  });

  it('refuses a misspelt figure with the nearest one', () => {
    expect(issueLines(metric('pair.volta.thermia.sucess_rate'))).toEqual([
      expect.stringMatching(/^12:\d+: .*unknown brand-pair figure "sucess_rate" .*did you mean "success_rate"\?/),
    ]);
  });

  it('refuses a brand nobody declared, and a home brand named as the car brand', () => {
    expect(issueLines(metric('pair.vlota.thermia.success_rate'))[0]).toMatch(/unknown vehicle brand "vlota" .*did you mean "volta"\?/);
    expect(issueLines(metric('pair.thermia.volta.success_rate'))[0]).toMatch(/unknown vehicle brand "thermia" .*"thermia" is a home brand/);
  });

  it('refuses a pair metric without a figure', () => {
    expect(issueLines(metric('pair.volta.thermia'))[0]).toMatch(/pair.<vehicle brand>.<home brand>.<figure>/);
  });
});

describe('brands named by entities, faults, gateways and the hub', () => {
  it('refuses an undeclared brand on a home, with its line', () => {
    expect(issueLines(`${BRANDS.replace('brand: thermia }', 'brand: [thermia, lumo] }')}verdict: none\n`)).toEqual([
      expect.stringMatching(/^9:\d+: entities.homes\[0\].brand\[1\]: unknown home brand "lumo"/),
    ]);
  });

  it("refuses a fault on a brand cloud that does not exist, and accepts one on a declared brand's cloud", () => {
    const fault = (target: string) => `${BRANDS}steps:\n  - at: 1s\n    do: { fault: { target: ${target}, kind: offline, duration: 10s } }\nexpect:\n  - never: { event: { type: lock.unlocked } }\n`;
    expect(issueLines(fault('home-cloud/thermia'))).toEqual([]);
    expect(issueLines(fault('vehicle-cloud/thermia'))[0]).toMatch(/unknown vehicle brand "thermia"/);
    expect(issueLines(fault('home-cloud/nobody'))[0]).toMatch(/unknown home brand "nobody"/);
  });

  it("refuses an event source naming an undeclared brand's cloud, and accepts a declared one", () => {
    const source = (text: string) => `${BRANDS}expect:\n  - never: { event: { type: gateway.state, source: ${text} } }\n`;
    expect(issueLines(source('home-cloud/thermia'))).toEqual([]);
    expect(issueLines(source('vehicle-cloud/vlota'))).toEqual([expect.stringMatching(/^12:\d+: .*unknown vehicle brand "vlota" \(vehicle brands: volta\)/)]);
  });

  it("refuses a hub mistake that names no unit the brand declares", () => {
    const hub = (text: string) => BRANDS.replace('entities:', `hub: ${text}\nentities:`) + 'expect:\n  - never: { event: { type: lock.unlocked } }\n';
    expect(issueLines(hub('{ ignoreUnits: { thermia: [temperature] } }'))).toEqual([]);
    expect(issueLines(hub('{ ignoreUnits: { thermia: [humidity] } }'))[0]).toMatch(/brand "thermia" declares no unit for "humidity"/);
    expect(issueLines(hub('{ missingAdapters: [nobody] }'))[0]).toMatch(/unknown home brand "nobody"/);
  });
});

describe('brand schemas that cannot work, and hostile ones', () => {
  const declare = (brand: string) => BRANDS.replace('- { id: volta, keys: { vin: vehicleId } }', brand);

  it('refuses a unit across dimensions and two fields renamed alike', () => {
    expect(issueLines(declare('- { id: volta, units: { celsius: { canonical: celsius, brand: mile } } }')).join('\n')).toMatch(/celsius and mile measure different things/);
    expect(issueLines(declare('- { id: volta, fields: { a: x, b: x } }')).join('\n')).toMatch(/'a' and 'b' are both renamed 'x'/);
  });

  it('refuses a brand id used on both sides, an unknown unit and a nest that is not a dot path', () => {
    expect(issueLines(declare('- { id: thermia }')).join('\n')).toMatch(/brand "thermia" is declared twice/);
    expect(issueLines(declare('- { id: volta, units: { celsius: { canonical: celsius, brand: rankine } } }')).join('\n')).toMatch(/rankine|invalid option/i);
    expect(issueLines(declare('- { id: volta, nest: "a..b" }')).join('\n')).toMatch(/nest is a dot path/);
    expect(issueLines(declare('- { id: "../x" }')).length).toBeGreaterThan(0);
  });

  it('a __proto__ brand or field neither crashes nor pollutes', () => {
    const issues = issueLines(declare('- { id: volta, fields: { __proto__: x }, values: { __proto__: { a: 1 } } }'));
    expect(Array.isArray(issues)).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
