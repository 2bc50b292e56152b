// The recorder on a real simulation (the doorbell scene through the real bus, gateways and twins), recording
// live through EventLog.onEvent: the replayed stream reproduces the live eventHash; two runs with the same seed
// are equivalent; the same scene under another architecture is not, and the diff says it took other paths.
import { describe, expect, it } from 'vitest';
import type { Architecture, Envelope } from '../../twins/bus/envelope';
import { installStandardApps, Simulation, standardHomeDevices } from '../../twins/sim';
import { diffRuns } from './diff';
import { Recorder } from './recorder';
import { openReplay } from './replay';
import { tempDirPerTest } from './test-support/recording-fixtures';

let file: string;
tempDirPerTest((d) => void (file = d.file('real.db')));

/** Rings the doorbell, the driver confirms on the car screen; returns the run id and the live eventHash. */
function recordDoorbell(recorder: Recorder, architecture: Architecture, seed = 1, liveMessages: unknown[] = []): { runId: number; hash: string } {
  const sim = new Simulation({
    seed, architecture, map: { kind: 'generate', options: { homes: 4 } },
    users: [{ id: 'alice', homeId: 'h1', vehicleId: 'car1', preferences: { temperature: 23, lighting: 'soft' } }],
    homes: [{ id: 'h1', devices: standardHomeDevices() }],
    vehicles: [{ id: 'car1', homeId: 'h1', ownerId: 'alice', at: 'home' }],
  });
  installStandardApps(sim);
  const run = recorder.startRun({ scenario: 'doorbell-across-screens', seed, architecture });
  // Events emitted while the world was built come first, exactly as the log holds them; then record live.
  for (const line of sim.kernel.events.lines()) {
    const e = JSON.parse(line) as Parameters<typeof run.record>[0];
    run.record({ seq: e.seq, t: e.t, type: e.type, source: e.source, data: e.data }, line);
  }
  sim.kernel.events.onEvent(run.listener);
  sim.kernel.events.onEvent((e) => void (e.type.startsWith('msg.') && liveMessages.push(JSON.parse(JSON.stringify(e.data)))));
  sim.kernel.clock.runUntil(1_000);
  sim.home('h1').device('lock.front_door').send({ type: 'DOORBELL.PRESSED' });
  sim.kernel.clock.runUntil(5_000);
  sim.vehicle('car1').parts.screen.send({ type: 'PROMPT.CONFIRM' });
  sim.kernel.clock.runUntil(60_000);
  const locked = sim.home('h1').device('lock.front_door').state;
  const hash = sim.kernel.events.hash();
  const report = run.finish({ status: locked === 'unlocked' ? 'passed' : 'failed', eventHash: hash, expectations: [{ id: 'door-unlocked', passed: locked === 'unlocked' }] });
  expect(report.complete).toBe(true);
  return { runId: run.runId, hash };
}

describe('recording a real simulation', () => {
  it('replays to the live eventHash, and a same-seed rerun is equivalent', () => {
    const recorder = Recorder.open(file);
    const first = recordDoorbell(recorder, 'cloud-cloud');
    const second = recordDoorbell(recorder, 'cloud-cloud');
    recorder.close();
    const replay = openReplay(file, first.runId);
    expect(replay.hash()).toBe(first.hash);
    expect(replay.verify().ok).toBe(true);
    replay.close();
    const result = diffRuns({ file, run: first.runId }, { file, run: second.runId });
    expect(result.a.messages).toBeGreaterThan(3);
    expect(result.equivalent).toBe(true);
  });

  it('replays every message as the whole envelope the bus made, though its line holds the compact record', () => {
    const recorder = Recorder.open(file);
    const live: unknown[] = [];
    const { runId } = recordDoorbell(recorder, 'cloud-cloud', 1, live);
    recorder.close();
    const replay = openReplay(file, runId);
    const replayed = [...replay.events()].filter((e) => e.type.startsWith('msg.')).map((e) => e.data);
    replay.close();
    expect(live.length).toBeGreaterThan(3);
    expect(replayed).toEqual(live);
    const hub = (replayed as unknown as Envelope[]).flatMap((env) => env.hops).find((hop) => hop.from === 'hub');
    expect(hub?.payload).toBeDefined(); // the hub's translation survives the round trip
  });

  it('finds the same scene under local direct different: other paths, other latencies', () => {
    const recorder = Recorder.open(file);
    const cloud = recordDoorbell(recorder, 'cloud-cloud');
    const local = recordDoorbell(recorder, 'local');
    recorder.close();
    const result = diffRuns({ file, run: cloud.runId }, { file, run: local.runId });
    expect(result.equivalent).toBe(false);
    const paths = result.differences.filter((d) => d.kind === 'message-path');
    expect(paths.some((d) => d.subject.includes('lock/unlock') && d.detail.includes('> home/h1/gateway >'))).toBe(true);
    // The door opens under both: no expectation difference.
    expect(result.counts.expectation).toBe(0);
  });
});
