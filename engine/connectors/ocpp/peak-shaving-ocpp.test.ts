// The peak-shaving night with the coordination left to a real CSMS over OCPP: the shipped scene, its wallboxes
// connected to the test-support smart-charging CSMS, judged with the same measurements as the coordinated run.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOUSEHOLD_PROFILE, baseLoadKw } from '../../../twins/home/meter';
import { driveAsFastAsPossible } from '../../runner/drive';
import { runScenario } from '../../runner/run-scenario';
import { loadScenarioFile } from '../../scenario';
import { ocppOptionsOf } from '../../cli/ocpp-flags';
import { attachConnectors, type Connectors } from '../index';
import { startSmartCsms, type SmartCsmsOptions } from '../test-support/smart-csms';

const SCENE = new URL('../../../scenarios/charging-peak-shaving-ocpp.yaml', import.meta.url).pathname;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The CSMS knows the site: 80 % of 50 kVA less a margin, the tariff peak, and ten homes' base load forecast. */
const SITE: SmartCsmsOptions['site'] = { limitKw: 38, peak: [16, 21], baseLoadKw: (hour) => 10 * baseLoadKw(DEFAULT_HOUSEHOLD_PROFILE, hour * 3_600_000) };

async function runNight(csmsOptions: SmartCsmsOptions, version: '1.6' | '2.0.1') {
  const csms = await startSmartCsms({ ...csmsOptions, version });
  cleanups.push(() => csms.close());
  const { scenario } = loadScenarioFile(SCENE, { set: { csms: csms.url } });
  const ocpp = ocppOptionsOf({ 'ocpp-version': version }, scenario.connectors)!;
  let connectors: Connectors | undefined;
  const result = await runScenario(scenario, 'cloud-cloud', {
    onStart: async (run) => {
      connectors = await attachConnectors(run.sim, { ocpp });
      cleanups.push(() => connectors!.close());
    },
    drive: (run) => driveAsFastAsPossible(run, undefined, connectors!.gate),
  });
  return { result, csms, stats: connectors!.stats() };
}

describe('charging-peak-shaving-ocpp.yaml against a smart-charging CSMS', () => {
  for (const version of ['1.6', '2.0.1'] as const) {
    it(`passes every measurement of the coordinated night over OCPP ${version}`, async () => {
      const { result, csms, stats } = await runNight({ site: SITE, reply: 'after' }, version);
      const failed = result.expectations.filter((e) => !e.passed).map((e) => `${e.id}: ${e.detail}`);
      expect(failed).toEqual([]);
      expect(result.metrics.grid).toMatchObject({ strategy: 'external-csms', evCount: 6, evsAtTarget: 6 });
      expect(csms.identities()).toHaveLength(10);
      expect(csms.profilesSent.every((p) => JSON.stringify(p.result).includes('Accepted'))).toBe(true);
      expect(stats.ocpp!.chargePoints.every((cp) => cp.refused === 0 && cp.outages === 0 && cp.inboundRejected === 0)).toBe(true);
    }, 60_000);
  }

  it('fails the scene when the CSMS does not coordinate (it only answers)', async () => {
    const { result } = await runNight({}, '1.6');
    const failed = result.expectations.filter((e) => !e.passed).map((e) => e.id);
    expect(failed).toEqual(expect.arrayContaining(['transformer-below-80-percent', 'peak-reduced-40-percent', 'no-charging-in-tariff-peak']));
  }, 60_000);
});
