// The many-brands scene is deterministic like every other (same seed ⇒ same eventHash), breaks its figures down
// into all 12 brand pairs, and runs a district of 480 households in seconds.
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../scenario';
import { runScenario } from './run-scenario';

const file = new URL('../../scenarios/pilot-district.yaml', import.meta.url).pathname;

describe('pilot-district', () => {
  it('same seed, same eventHash; every brand pair measured', async () => {
    const { scenario } = loadScenarioFile(file);
    const first = await runScenario(scenario, 'cloud-cloud');
    const second = await runScenario(scenario, 'cloud-cloud');
    expect(second.eventHash).toBe(first.eventHash);
    const pairs = first.metrics.brandPairs!;
    expect(pairs).toHaveLength(12);
    for (const p of pairs) expect(p.latency.count, `${p.vehicleBrand}×${p.homeBrand}`).toBeGreaterThan(0);
    // 480 households × 3 accesses each.
    expect(pairs.reduce((n, p) => n + p.messages, 0)).toBe(1440);
    expect(first.wallMs).toBeLessThan(20_000);
  });
});
