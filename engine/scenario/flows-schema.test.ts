// Streams, transfers and bandwidth in scenario files: units parsed exactly, hostile values refused at their
// line:column, and metric names checked before anything runs (a misspelt one, or a flow no step starts).
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioText, type ScenarioIssue } from './index';
import { parseBitrate, parseSize } from './quantities';

const HEAD = 'scenario: t\nduration: 1m\nentities:\n  homes: [{ id: h1, devices: standard }]\n  vehicles: [{ id: car1, home: h1 }]\n';
const STREAM = 'steps:\n  - { id: s, at: 1s, do: { stream: { id: cam, from: h1/camera.front_door, to: vehicle/car1, bitrate: 2Mbps, twoWay: true } } }\n';

function load(yaml: string): { issues: ScenarioIssue[]; scenario?: ReturnType<typeof loadScenarioText>['scenario'] } {
  try {
    return { issues: [], scenario: loadScenarioText(yaml, 'flows.yaml').scenario };
  } catch (error) {
    if (error instanceof ScenarioError) return { issues: [...error.issues] };
    throw error;
  }
}
const issues = (yaml: string): string[] => load(yaml).issues.map((i) => `${i.line}:${i.column}: ${i.message}`);
const metric = (name: string): string => `expect:\n  - { id: m, metric: { name: ${name}, eq: 0 } }\n`;

describe('bitrates and sizes', () => {
  it.each([
    ['800kbps', 800], ['2.5Mbps', 2500], ['1Gbps', 1_000_000], ['0kbps', 0],
  ])('reads the bitrate %s as %d kbit/s', (text, kbps) => expect(parseBitrate(text)).toBe(kbps));

  it.each([
    ['500kB', 500_000], ['200MB', 200_000_000], ['1.5GB', 1_500_000_000], ['1B', 1],
  ])('reads the size %s as %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['2 Mbps', '2mbps', 'Mbps', '-1Mbps', '1e3Mbps', '2Mbit/s', '2MiB', '', '١Mbps'])('refuses the bitrate %j', (text) => {
    expect(parseBitrate(text)).toBeUndefined();
  });

  it('refuses a bad bitrate, a negative size and an absurd one at their positions', () => {
    const bad = `${HEAD}steps:\n  - { id: s, at: 1s, do: { stream: { id: cam, from: h1/camera.front_door, to: vehicle/car1, bitrate: fast } } }\nverdict: none\n`;
    expect(issues(bad).join('\n')).toMatch(/^7:.*bitrate.*"fast".*"2\.5Mbps"/);
    const negative = `${HEAD}steps:\n  - { id: s, at: 1s, do: { transfer: { id: clip, from: vehicle/car1, to: h1/storage.nas, size: -5 } } }\nverdict: none\n`;
    expect(issues(negative).join('\n')).toMatch(/size cannot be negative/);
    const huge = `${HEAD}steps:\n  - { id: s, at: 1s, do: { transfer: { id: clip, from: vehicle/car1, to: h1/storage.nas, size: 9000000GB } } }\nverdict: none\n`;
    expect(issues(huge).join('\n')).toMatch(/size is at most/);
  });
});

describe('flow actions', () => {
  it('resolves a stream, a transfer and a bandwidth change to kbit/s, bytes and addresses', () => {
    const yaml = `${HEAD}steps:\n  - { id: s, at: 1s, do: [` +
      '{ stream: { id: cam, from: h1/camera.front_door, to: vehicle/car1, bitrate: 2Mbps, duration: 30s } }, ' +
      '{ transfer: { id: clip, from: vehicle/car1, to: h1/storage.nas, size: 200MB } }, ' +
      '{ bandwidth: { link: cellular, party: vehicle/car1, down: 3Mbps } }] }\nverdict: none\n';
    const { scenario, issues: found } = load(yaml);
    expect(found).toEqual([]);
    expect(scenario!.steps[0]!.actions).toEqual([
      { type: 'stream', id: 'cam', from: 'home/h1/camera.front_door', to: 'vehicle/car1', bitrate: 2000, duration: 30_000 },
      { type: 'transfer', id: 'clip', from: 'vehicle/car1', to: 'home/h1/storage.nas', size: 200_000_000 },
      { type: 'bandwidth', link: 'cellular', party: 'vehicle/car1', down: 3000 },
    ]);
  });

  it('refuses a bandwidth change that changes nothing, and a link that does not exist', () => {
    expect(issues(`${HEAD}steps:\n  - { id: s, at: 1s, do: { bandwidth: { link: cellular } } }\nverdict: none\n`).join('\n')).toMatch(/give `up`, `down` or both/);
    expect(issues(`${HEAD}steps:\n  - { id: s, at: 1s, do: { bandwidth: { link: wifi, up: 1Mbps } } }\nverdict: none\n`).join('\n')).toMatch(/link/);
  });

  it('takes link capacities beside the latency model', () => {
    const { scenario } = load(`${HEAD}links:\n  cellular: { down: 4Mbps, medianMs: 80 }\nverdict: none\n`);
    expect(scenario!.links.cellular).toMatchObject({ down: 4000, medianMs: 80 });
  });
});

describe('metric names', () => {
  it('accepts the names a run produces: messages, a declared flow, its return stream, the doorbell video, flows.*', () => {
    for (const name of ['delivery.failure_rate', 'failures.timeout', 'flow.cam.ttff_ms', 'flow.cam-return.stalls', 'flow.doorbell-car1-1.stalls', 'flows.rebuffer_ratio.max', 'grid.peak_kw']) {
      expect(load(`${HEAD}${STREAM}${metric(name)}`).issues, name).toEqual([]);
    }
  });

  it('refuses a misspelt metric at its position, with the nearest name', () => {
    expect(issues(`${HEAD}${STREAM}${metric('flow.cam.stals')}`)).toEqual([expect.stringMatching(/^9:30: expect\[0\]\.metric\.name: unknown metric "flow\.cam\.stals"; did you mean "flow\.cam\.stalls"\?/)]);
    expect(issues(`${HEAD}${STREAM}${metric('latency.e2e.p96')}`)).toEqual([expect.stringMatching(/unknown metric "latency\.e2e\.p96"; did you mean "latency\.e2e\.p95"/)]);
  });

  it('refuses a flow no step starts (a typo in the id would look like a flow that never happened)', () => {
    expect(issues(`${HEAD}${STREAM}${metric('flow.camera.stalls')}`)).toEqual([expect.stringMatching(/no step starts a flow "camera" \(flows: cam, cam-return\)/)]);
  });

  it('refuses a return stream of a one-way stream', () => {
    const oneWay = STREAM.replace(', twoWay: true', '');
    expect(issues(`${HEAD}${oneWay}${metric('flow.cam-return.stalls')}`)).toEqual([expect.stringMatching(/no step starts a flow "cam-return"/)]);
  });

  it('refuses a stopFlow for a stream no step starts, and accepts one for a declared stream', () => {
    expect(issues(`${HEAD}${STREAM}  - { id: stop, at: 9s, do: { stopFlow: { id: cma } } }\nverdict: none\n`)).toEqual([
      expect.stringMatching(/^8:.*steps\[1\]\.do\.stopFlow\.id: no step starts a stream "cma"; did you mean "cam"\?/),
    ]);
    expect(issues(`${HEAD}${STREAM}  - { id: stop, at: 9s, do: [{ stopFlow: { id: cam } }] }\nverdict: none\n`)).toEqual([]);
  });
});
