// The model's side of the architecture comparison and the device controls: it asks the engine, shows the answer
// for the scene it was asked about (not for one loaded since), and shows a refusal in the engine's words.
import { describe, expect, it } from 'vitest';
import type { ArchitectureComparison, CommandName, EventName, Transport } from '../../protocol';
import { createEngineClient } from '../transport/engine-client';
import { AppModel } from './app-model';

class FakeEngine implements Transport {
  readonly calls: CommandName[] = [];
  constructor(private readonly answers: Partial<Record<CommandName, () => unknown>>) {}
  async invoke(command: CommandName): Promise<never> {
    this.calls.push(command);
    const answer = this.answers[command];
    if (answer === undefined) throw new Error(`${command} is not supported here`);
    return (await answer()) as never;
  }
  listen(_event: EventName): () => void {
    return () => undefined;
  }
}

const session = (scenario: string) => ({ scenario, screens: [], twins: [] }) as never;
const comparison = { scenario: 'commute', runs: [], latencySvg: '<svg/>' } as unknown as ArchitectureComparison;

describe('AppModel comparison and device controls', () => {
  it('shows the comparison once the engine answers, and running while it waits', async () => {
    let release: (c: ArchitectureComparison) => void = () => {};
    const engine = new FakeEngine({ loadScenario: () => session('commute'), compareArchitectures: () => new Promise((r) => (release = r)) });
    const model = new AppModel(createEngineClient(engine));
    await model.load({ file: 'scenarios/commute.yaml', architecture: 'cloud-cloud' });
    const pending = model.compareArchitectures();
    expect(model.store.get().comparison).toEqual({ state: 'running' });
    release(comparison);
    await pending;
    expect(model.store.get().comparison).toEqual({ state: 'done', result: comparison });
  });

  it('drops an answer that arrives after another scene was loaded, and clears it on load', async () => {
    let release: (c: ArchitectureComparison) => void = () => {};
    let loaded = 'commute';
    const engine = new FakeEngine({ loadScenario: () => session(loaded), compareArchitectures: () => new Promise((r) => (release = r)) });
    const model = new AppModel(createEngineClient(engine));
    await model.load({ file: 'scenarios/commute.yaml', architecture: 'cloud-cloud' });
    const pending = model.compareArchitectures();
    loaded = 'doorbell';
    await model.load({ file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud' });
    expect(model.store.get().comparison).toBeNull();
    release(comparison);
    await pending;
    expect(model.store.get().comparison).toBeNull(); // the commute's figures are not shown against the doorbell
  });

  it('shows a failed comparison and a refused device command in the engine\'s words', async () => {
    const model = new AppModel(createEngineClient(new FakeEngine({})));
    await model.compareArchitectures();
    expect(model.store.get().comparison).toEqual({ state: 'failed', error: 'compareArchitectures is not supported here' });
    expect(await model.sendDeviceCommand({ device: 'home/h1/lock.front_door', command: 'unlock' })).toBeUndefined();
    expect(model.store.get().error).toBe('sendDeviceCommand is not supported here');
  });
});
