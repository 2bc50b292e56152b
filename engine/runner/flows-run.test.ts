// Flows in a whole run: a cellular outage (the `fault` action) stalls the car's camera view like it stops messages,
// a `bandwidth` step that starves the link makes it stall, and each architecture's path shows in the flow's links
// and its first frame (the path's one-way latency comes first).
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../scenario';
import { runScenario } from './run-scenario';

const scene = (steps: string) => `scenario: t
duration: 1m
architectures: [cloud-cloud, direct]
entities:
  users: [{ id: alice, home: h1, vehicle: car1 }]
  homes: [{ id: h1, devices: standard }]
  vehicles: [{ id: car1, owner: alice, home: h1, at: work }]
steps:
  - { id: view, at: 1s, do: { stream: { id: cam, from: h1/camera.front_door, to: vehicle/car1, bitrate: 2Mbps, duration: 30s } } }
${steps}
expect:
  - { id: no-stall, metric: { name: flow.cam.stalls, eq: 0 } }
`;

async function run(steps: string) {
  const { scenario } = loadScenarioText(scene(steps), 'flows-run.yaml');
  return Promise.all(scenario.architectures.map((a) => runScenario(scenario, a)));
}

describe('flows in a run', () => {
  it('plays without a stall on the default links, a later first frame through more clouds', async () => {
    const [cloud, direct] = await run('');
    expect(cloud!.passed && direct!.passed).toBe(true);
    expect(cloud!.metrics.flows![0]!.links).toEqual(['lan', 'home-broadband', 'internet', 'internet', 'cellular']);
    expect(direct!.metrics.flows![0]!.links).toEqual(['lan', 'home-broadband', 'cellular']);
    expect(cloud!.metrics.named['flow.cam.ttff_ms']).toBeGreaterThan(direct!.metrics.named['flow.cam.ttff_ms']!);
  });

  it('stalls through a cellular outage', async () => {
    for (const r of await run('  - { id: tunnel, at: 10s, do: { fault: { target: cellular, kind: outage, duration: 5s } } }')) {
      expect(r.passed).toBe(false);
      expect(r.metrics.named['flow.cam.stalls']).toBe(1);
      expect(r.metrics.named['flow.cam.stalled_ms']).toBeCloseTo(5000, -1);
    }
  });

  it('stalls when a bandwidth step starves the car\'s downlink', async () => {
    for (const r of await run('  - { id: weak, at: 10s, do: { bandwidth: { link: cellular, party: vehicle/car1, down: 500kbps } } }')) {
      expect(r.passed).toBe(false);
      expect(r.metrics.named['flow.cam.rebuffer_ratio']).toBeGreaterThan(0.3);
    }
  });
});
