// Opening a recorded run: the engine publishes the run's verdict and first messages before it answers openRun, so
// the model must forget the previous run before asking, not after — or the replay would show no verdict.
import { describe, expect, it } from 'vitest';
import type { CommandName, EngineEvents, EventName, Transport } from '../../protocol';
import { createEngineClient } from '../transport/engine-client';
import { AppModel } from './app-model';

class PublishingEngine implements Transport {
  readonly calls: { command: CommandName; request: unknown }[] = [];
  private readonly listeners = new Map<EventName, ((p: never) => void)[]>();
  constructor(private readonly answers: Partial<Record<CommandName, (request: unknown) => unknown>>) {}
  async invoke(command: CommandName, request: unknown): Promise<never> {
    this.calls.push({ command, request });
    return this.answers[command]!(request) as never;
  }
  listen(event: EventName, listener: (payload: never) => void): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return () => undefined;
  }
  emit<E extends EventName>(event: E, payload: EngineEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) l(payload as never);
  }
}

const session = { screens: [], twins: [{ address: 'home/h1/lock.front_door', kind: 'lock' }], replay: { runId: 3 } } as never;
const final = { kind: 'final', result: { passed: true, expectations: [] }, charts: { latencySvg: '' } } as never;

describe('AppModel with recordings', () => {
  it('keeps what the engine published while opening the run, and drops the previous run', async () => {
    const engine: PublishingEngine = new PublishingEngine({
      openRun: () => {
        engine.emit('verdict', final);
        engine.emit('messages', { envelopes: [{ id: 'm-1' } as never], total: 1, reset: true });
        return session;
      },
    });
    const model = new AppModel(createEngineClient(engine));
    engine.emit('verdict', { kind: 'expectation', t: 5, outcome: { id: 'old', kind: 'within', passed: false, detail: 'x' } });
    await model.openRun(3);
    expect(engine.calls.at(-1)).toEqual({ command: 'openRun', request: { runId: 3 } });
    expect(model.store.get().final).toBe(final);
    expect(model.store.get().liveVerdicts).toEqual([]);
    expect(model.messages.total).toBe(1);
    expect(model.store.get().session).toBe(session);
  });

  it('shows the diff the engine made, and the run list it pushes', async () => {
    const diff = { a: 1, b: 2, equivalent: true, total: 0, toleranceMs: 0, warnings: [], report: 'Equivalent' };
    const engine = new PublishingEngine({ diffRuns: () => diff, seek: (r) => ({ state: 'paused', speed: 1, t: (r as { t: number }).t, endTime: 9 }) });
    const model = new AppModel(createEngineClient(engine));
    await model.diffRuns(1, 2, 2.5);
    expect(model.store.get().diff).toEqual(diff);
    expect(engine.calls.find((c) => c.command === 'diffRuns')?.request).toEqual({ a: 1, b: 2, toleranceMs: 2.5 });
    expect((await model.seek(4))?.t).toBe(4);
    engine.emit('recordings', { file: '/tmp/runs.db', runs: [] });
    expect(model.store.get().recordings).toEqual({ file: '/tmp/runs.db', runs: [] });
  });
});
