// `--ocpp <url>` and `--ocpp-version 1.6|2.0.1` for `twinbench run`, over the scenario's `connectors.ocpp`; the
// password (security profile 1) comes from TWINBENCH_OCPP_PASSWORD, never from the command line or a file. And the
// refusal of a scene only a real endpoint can judge when `run` has none to give it (scenario/real-endpoints.ts).
import type { OcppOptions } from '../connectors';
import { ocppUrlProblem } from '../connectors/ocpp';
import { realEndpointNeeded, type ResolvedScenario } from '../scenario';
import { UsageError } from './cli-errors';

export function ocppOptionsOf(values: { ocpp?: string | undefined; 'ocpp-version'?: string | undefined }, fromScenario: ResolvedScenario['connectors']): OcppOptions | undefined {
  const scenario = fromScenario?.ocpp;
  const url = values.ocpp ?? scenario?.url;
  const version = values['ocpp-version'] ?? scenario?.version ?? '1.6';
  if (version !== '1.6' && version !== '2.0.1') throw new UsageError(`--ocpp-version takes 1.6 or 2.0.1, got "${version}"`);
  if (url === undefined) {
    if (values['ocpp-version'] !== undefined) throw new UsageError('--ocpp-version needs --ocpp <url> (or connectors.ocpp in the scenario)');
    return undefined;
  }
  const problem = ocppUrlProblem(url);
  if (problem !== undefined) throw new UsageError(`--ocpp: ${problem}`);
  const password = process.env.TWINBENCH_OCPP_PASSWORD;
  return { url, version, ...(password ? { password } : {}), ...(scenario?.meterInterval !== undefined ? { meterIntervalMs: scenario.meterInterval } : {}) };
}

/**
 * A scene only a real endpoint can judge cannot run without it: say so before minutes of simulation. A CSMS comes
 * from --ocpp or connectors.ocpp; an agent over MCP never comes to `run` (`twinbench mcp` serves the scene to one).
 */
export function requireRealEndpoint(scenario: ResolvedScenario, ocpp: OcppOptions | undefined): void {
  const need = realEndpointNeeded(scenario);
  if (need?.endpoint === 'ocpp-csms' && ocpp === undefined) throw new UsageError(`${scenario.sourceFile}: ${need.reason}: --ocpp ws://host:port/path, or connectors.ocpp in the scenario`);
  if (need?.endpoint === 'mcp-agent') throw new UsageError(`${scenario.sourceFile}: ${need.reason}, which \`twinbench run\` does not connect; run it with: ${need.runAlone(scenario.sourceFile)}`);
}
