// The renderer's model mirrors what the engine publishes and forwards what the user does; a failing command
// becomes the error banner in the engine's words, and loading a new scenario forgets the previous run.
import { describe, expect, it } from 'vitest';
import type { CommandName, EngineEvents, EventName, Transport } from '../../protocol';
import { createEngineClient } from '../transport/engine-client';
import { AppModel } from './app-model';

class FakeEngine implements Transport {
  readonly calls: { command: CommandName; request: unknown }[] = [];
  private readonly listeners = new Map<EventName, ((p: never) => void)[]>();
  constructor(private readonly answers: Partial<Record<CommandName, (request: unknown) => unknown>>) {}
  async invoke(command: CommandName, request: unknown): Promise<never> {
    this.calls.push({ command, request });
    const answer = this.answers[command];
    if (answer === undefined) throw new Error(`${command} is not supported here`);
    return answer(request) as never;
  }
  listen(event: EventName, listener: (payload: never) => void): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return () => undefined;
  }
  emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) l(payload as never);
  }
}

const session = { screens: [{ address: 'vehicle/car1/screen', role: 'car', label: 'Car screen (car1)' }], twins: [] } as never;

describe('AppModel', () => {
  it('keeps verdicts, messages and selection per run, and resets them on load', async () => {
    const engine = new FakeEngine({ loadScenario: () => session });
    const model = new AppModel(createEngineClient(engine));
    engine.emit('verdict', { kind: 'expectation', t: 5, outcome: { id: 'pip-on-car', kind: 'within', passed: true, detail: 'ok' } });
    engine.emit('messages', { envelopes: [{ id: 'm-1' } as never], total: 1, reset: true });
    expect(model.store.get().liveVerdicts.map((v) => v.outcome.id)).toEqual(['pip-on-car']);
    expect(model.messages.total).toBe(1);

    await model.load({ file: 'scenarios/doorbell.yaml', architecture: 'direct' });
    expect(engine.calls.at(-1)).toEqual({ command: 'loadScenario', request: { file: 'scenarios/doorbell.yaml', architecture: 'direct' } });
    expect(model.store.get().liveVerdicts).toEqual([]);
    expect(model.messages.size).toBe(0);
    expect(model.store.get().selectedTwin).toBe('vehicle/car1/screen');
  });

  it('shows a failed command in the engine\'s words', async () => {
    const model = new AppModel(createEngineClient(new FakeEngine({})));
    expect(await model.play(2)).toBeUndefined();
    expect(model.store.get().error).toBe('play is not supported here');
  });

  it('follows a car until something else is selected', () => {
    const model = new AppModel(createEngineClient(new FakeEngine({})));
    model.selectTwin('vehicle/car1/drive');
    model.followVehicle('car1');
    model.selectTwin('vehicle/car1/battery'); // another part of the same car: still following
    expect(model.store.get().followedVehicle).toBe('car1');
    model.selectTwin('home/h1/lock.front_door');
    expect(model.store.get().followedVehicle).toBeNull();
  });

  it('re-attaches on start: the run state, snapshot, messages and verdicts the engine kept (a reload)', async () => {
    const final = { kind: 'final', result: { passed: true, expectations: [] }, charts: { latencySvg: '' } } as never;
    const attached = {
      session, status: { state: 'paused', speed: 5, t: 9_000, endTime: 120_000 }, snapshot: { t: 9_000 } as never,
      messages: { envelopes: [{ id: 'm-1', createdAt: 5 }, { id: 'm-2', createdAt: 1 }] as never, total: 2, reset: true },
      verdicts: [{ kind: 'expectation', t: 4, outcome: { id: 'pip-on-car', kind: 'within', passed: true, detail: 'ok' } }, final],
    };
    const engine = new FakeEngine({ listScenarios: () => [], attach: () => attached, setPreciseLocations: () => ({ precise: false }), listRuns: () => ({ runs: [] }) });
    const model = new AppModel(createEngineClient(engine));
    await model.start();
    const state = model.store.get();
    expect(state.status.state).toBe('paused');
    expect(state.snapshot?.t).toBe(9_000);
    expect(state.liveVerdicts.map((v) => v.outcome.id)).toEqual(['pip-on-car']);
    expect(state.final).toBe(final);
    expect(state.selectedTwin).toBe('vehicle/car1/screen');
    expect(model.messages.all().map((m) => m.id)).toEqual(['m-2', 'm-1']); // in send order
  });

  it('after a failed load, shows the session the engine kept, with the user\'s selection, and says why', async () => {
    const attached = { session, status: { state: 'paused', speed: 1, t: 3, endTime: 9 }, snapshot: null, messages: { envelopes: [{ id: 'm-1', createdAt: 1 }] as never, total: 1, reset: true }, verdicts: [] };
    const engine = new FakeEngine({
      attach: () => attached,
      loadScenario: () => { throw new Error('scenarios/x.yaml:3:7: --set homes=-5: parameter "homes" must be at least 1, got "-5"'); },
    });
    const model = new AppModel(createEngineClient(engine));
    engine.emit('messages', attached.messages);
    model.store.set({ session, selectedTwin: 'home/h1/lock.front_door', selectedMessage: 'm-1' });
    await model.load({ file: 'scenarios/x.yaml', architecture: 'direct', set: { homes: '-5' } });
    const state = model.store.get();
    expect(state.loadError).toMatch(/^scenarios\/x\.yaml:3:7: /);
    expect(state.session).toBe(session);
    expect(state.status.state).toBe('paused');
    expect(state.selectedTwin).toBe('home/h1/lock.front_door');
    expect(state.selectedMessage).toBe('m-1');
    expect(model.messages.size).toBe(1);
  });
});
