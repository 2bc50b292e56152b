// The V2H scene through the runner and the reports, and its hostile inputs: a wallbox that cannot discharge, a
// discharge rating that is not one, an action on no bidirectional wallbox.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedScenarioFiles } from '../cli/list-command';
import { jsonReport } from '../report/json-report';
import { markdownReport } from '../report/markdown-report';
import { loadScenarioFile, loadScenarioText } from '../scenario';
import { scenarioIssues } from '../scenario/test-support/issues';
import { runScenario } from './run-scenario';

const file = shippedScenarioFiles().find((f) => f.endsWith('/v2h-tariff-peak.yaml'))!;
const text = readFileSync(file, 'utf8');

describe('v2h-tariff-peak, measured', () => {
  it('the counterfactual meter of the same run sees the homes\' whole peak load; V2H covers it', async () => {
    const result = await runScenario(loadScenarioFile(file).scenario, 'cloud-cloud');
    const v2h = result.metrics.grid!.v2h!;
    // Four homes drawing 2.2 kW (17–18 h) and 3 kW (18–21 h): 4 × 11.2 kWh at the peak without V2H.
    expect(v2h.peakImportWithoutV2hKwh).toBeCloseTo(44.8, 6);
    expect(v2h.peakImportKwh + v2h.shiftedKwh).toBeCloseTo(v2h.peakImportWithoutV2hKwh, 1);
    expect(v2h.cars.map((c) => c.socAtDeparturePercent)).toEqual([80, 80, 80, 80]);
    expect(v2h.cars.every((c) => c.floorKwh === 16.4 && c.minMarginKwh! > 0)).toBe(true);
    const md = markdownReport([result]);
    expect(md).toContain('grid import at the tariff peak, without V2H (same run)');
    expect(md).toMatch(/energy shifted out of the peak\s*\|\s*44\.\d kWh/);
    expect(JSON.parse(jsonReport([result])).metrics.grid.v2h).toEqual(v2h);
  });

  it('when the reserve binds, each car stops exactly at its floor and still leaves at 80 %', async () => {
    const result = await runScenario(loadScenarioFile(file, { set: { reserveKwh: '40' } }).scenario, 'cloud-cloud');
    expect(result.passed).toBe(true);
    expect(result.metrics.named['energy.reserve_margin_min_kwh']).toBeCloseTo(0, 2);
    expect(result.metrics.named['energy.reserve_margin_min_kwh']).toBeGreaterThanOrEqual(0);
    expect(result.metrics.named['energy.soc_at_departure_min']).toBeGreaterThanOrEqual(79.5);
  });
});

describe('v2h hostile inputs', () => {
  it('a V2H step where no wallbox is bidirectional is a step error that says what to add', async () => {
    const charged = text.replace(', wallboxDischargeKw: 7.2', '');
    expect(charged).not.toBe(text);
    const result = await runScenario(loadScenarioText(charged, file).scenario, 'cloud-cloud');
    expect(result.passed).toBe(false);
    expect(result.expectations.find((e) => e.kind === 'step')?.detail).toMatch(/step v2h: v2h failed: .*give its home `wallboxDischargeKw`/);
  });

  it.each([['-1', /wallboxDischargeKw: expected a number > 0|too small/], ['"lots"', /wallboxDischargeKw: expected a number/], ['1e9', /wallboxDischargeKw/]])(
    'wallboxDischargeKw %s is refused at its line', (value, message) => {
      const issues = scenarioIssues(text.replace('wallboxDischargeKw: 7.2', `wallboxDischargeKw: ${value}`));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.line).toBe(21);
      expect(issues[0]!.message).toMatch(message);
    },
  );

  it('a v2h action with an unknown mode or a negative trip names the field', () => {
    const bad = scenarioIssues(text.replace('mode: "${mode}"', 'mode: v2x').replace('firstTripKm: "${firstTripKm}"', 'firstTripKm: -5'));
    expect(bad.map((i) => i.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/steps\[1\]\.do\.v2h\.mode: .*v2h.*v2g/), expect.stringMatching(/steps\[1\]\.do\.v2h\.firstTripKm/),
    ]));
  });
});
