// Which scenes cannot be judged simulated: the CLI refuses them without their endpoint and a suite skips them, so
// a wrong answer here either fails a suite for no fault of the system (a scene run with nobody in a seat) or
// silently drops a scene from every suite.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioText } from './index';
import { realEndpointNeeded } from './real-endpoints';

const SCENES = path.resolve('scenarios');
const shipped = (name: string) => loadScenarioFile(path.join(SCENES, name)).scenario;
/** A shipped scene with its text edited (kept in the scenarios folder, so relative files resolve as they do there). */
const edited = (name: string, from: RegExp, to: string) => {
  const text = readFileSync(path.join(SCENES, name), 'utf8');
  expect(text).toMatch(from);
  return loadScenarioText(text.replace(from, to), path.join(SCENES, name)).scenario;
};

describe('realEndpointNeeded', () => {
  it('says a scene that leaves charging to an external CSMS needs a real one, and how to give it one', () => {
    const need = realEndpointNeeded(shipped('charging-peak-shaving-ocpp.yaml'));
    expect(need).toMatchObject({ endpoint: 'ocpp-csms', reason: 'charging strategy external-csms needs a real OCPP CSMS' });
    expect(need!.runAlone('scenarios/x.yaml')).toBe('twinbench run scenarios/x.yaml --ocpp ws://host:port/path');
  });

  it('still needs the CSMS when the scene names none in connectors (the CLI then wants --ocpp)', () => {
    const scene = edited('charging-peak-shaving-ocpp.yaml', /^connectors:\n.*\n/m, '');
    expect(scene.connectors?.ocpp).toBeUndefined();
    expect(realEndpointNeeded(scene)?.endpoint).toBe('ocpp-csms');
  });

  it('needs nothing when the same night charges under another strategy', () => {
    for (const strategy of ['coordinated', 'uncontrolled']) {
      expect(realEndpointNeeded(edited('charging-peak-shaving-ocpp.yaml', /strategy: external-csms/, `strategy: ${strategy}`))).toBeUndefined();
    }
  });

  it('says a household served by an external agent needs one connected over MCP', () => {
    const need = realEndpointNeeded(edited('proactive-weeks.yaml', /agent: "\$\{agent\}"/, 'agent: external'));
    expect(need).toMatchObject({ endpoint: 'mcp-agent', reason: 'household agent external needs an agent connected over MCP' });
    expect(need!.runAlone('w.yaml')).toBe('twinbench mcp w.yaml');
    expect(realEndpointNeeded(shipped('proactive-weeks.yaml'))).toBeUndefined();
  });

  it('needs nothing for a scene whose real party a suite simulates (doorbell-external: its home cloud)', () => {
    const scene = shipped('doorbell-external.yaml');
    expect(Object.keys(scene.connectors?.external ?? {})).toEqual(['home-cloud']);
    expect(realEndpointNeeded(scene)).toBeUndefined();
  });

  it('needs a real endpoint for no shipped scene but the OCPP one, so a suite over scenarios/*.yaml skips only it', () => {
    const needing = readdirSync(SCENES).filter((f) => f.endsWith('.yaml')).filter((f) => realEndpointNeeded(shipped(f)) !== undefined);
    expect(needing).toEqual(['charging-peak-shaving-ocpp.yaml']);
  });
});
