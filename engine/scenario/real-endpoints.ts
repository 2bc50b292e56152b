// Scene features that leave a part of the system under test to a real endpoint. Simulated (as every run of a suite
// is), nobody plays that part, so the scene's expectations would judge an empty seat rather than the system: the
// CLI refuses such a scene without its endpoint, and a suite skips it with the reason. One list of these rules,
// so the two cannot drift apart. Features that merely mirror a run to a real endpoint (a broker, Home Assistant,
// OTLP, a Matter bridge) or name a party a simulated twin can play (`connectors.external`: the suite simulates
// that home cloud) are not here: their scenes are judged the same simulated.
import type { ResolvedScenario } from './loader';

export interface RealEndpointNeed {
  /** Which endpoint: the CLI checks the one it can be given by a flag. */
  endpoint: 'ocpp-csms' | 'mcp-agent';
  /** Why the scene cannot be judged simulated, e.g. "charging strategy external-csms needs a real OCPP CSMS". */
  reason: string;
  /** The command that runs the scene file with that endpoint (add `--arch` and `--seed` for one run of a suite). */
  runAlone(file: string): string;
}

/** The first real endpoint the scene needs to be judged, or undefined when it runs fully simulated. */
export function realEndpointNeeded(scenario: ResolvedScenario): RealEndpointNeed | undefined {
  if (scenario.steps.some((step) => step.actions.some((a) => a.type === 'charging' && a.strategy === 'external-csms'))) {
    // --ocpp works whether or not the scene names its CSMS (connectors.ocpp), which it overrides.
    return { endpoint: 'ocpp-csms', reason: 'charging strategy external-csms needs a real OCPP CSMS', runAlone: (file) => `twinbench run ${file} --ocpp ws://host:port/path` };
  }
  if (scenario.entities.household?.agent === 'external') {
    return { endpoint: 'mcp-agent', reason: 'household agent external needs an agent connected over MCP', runAlone: (file) => `twinbench mcp ${file}` };
  }
  return undefined;
}
