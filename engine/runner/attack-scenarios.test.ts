// The attack scenes pass only because the attacks are refused: with verification switched off, every one of them
// fails (the door opens), and each insists on its own refusal reason.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecurityAgent, type Verdict } from '../../twins/security';
import { shippedScenarioFiles } from '../cli/list-command';
import { loadScenarioFile, loadScenarioText } from '../scenario';
import { runScenario } from './run-scenario';

const ATTACKS = ['attack-forged-unlock', 'attack-replayed-unlock', 'attack-expired-token', 'attack-unpaired-car'];
const fileOf = (name: string) => shippedScenarioFiles().find((f) => f.endsWith(`/${name}.yaml`))!;

afterEach(() => vi.restoreAllMocks());

describe('attack scenes', () => {
  it('are shipped', () => {
    for (const name of ATTACKS) expect(fileOf(name)).toBeDefined();
  });

  it.each(ATTACKS)('%s fails when the home accepts whatever it is sent', async (name) => {
    const { scenario } = loadScenarioFile(fileOf(name));
    // Every party's check passes: the home cloud's authorisation and the gateway's verification, at every hop.
    for (const check of ['verify', 'authorise'] as const) {
      vi.spyOn(SecurityAgent.prototype, check).mockImplementation(() => ({ ok: true, sender: { id: 'anyone' }, grant: undefined }) as unknown as Verdict);
    }
    for (const arch of scenario.architectures) {
      const result = await runScenario(scenario, arch);
      expect(result.passed).toBe(false);
      const failed = result.expectations.filter((e) => !e.passed).map((e) => e.id);
      expect(failed).toContain(result.abortedBy === undefined ? 'stays-locked' : 'nothing-verified');
      expect(failed.some((id) => id.startsWith('refused-as-'))).toBe(true);
    }
  });

  it('an attack refused for another reason than the scene expects fails it', async () => {
    const file = fileOf('attack-forged-unlock');
    const unsigned = readFileSync(file, 'utf8').replace('kind: forged-unlock', 'kind: unsigned-unlock');
    const result = await runScenario(loadScenarioText(unsigned, file).scenario, 'cloud-cloud');
    expect(result.passed).toBe(false);
    expect(result.expectations.filter((e) => !e.passed).map((e) => e.id)).toEqual(['refused-as-forged', 'attacker-answered-with-a-failure']);
  });

  it('a replay after the freshness window is refused as expired rather than replayed', async () => {
    const file = fileOf('attack-replayed-unlock');
    const late = readFileSync(file, 'utf8').replace('after: { step: lock-up, delay: 2s }', 'after: { step: lock-up, delay: 30s }').replace('at: 40s', 'at: 90s');
    const result = await runScenario(loadScenarioText(late, file).scenario, 'direct');
    expect(result.expectations.find((e) => e.id === 'refused-as-replayed')?.detail).toMatch(/did not happen within 2000 ms/);
    expect(result.expectations.find((e) => e.id === 'stays-locked')?.passed).toBe(true);
  });
});
