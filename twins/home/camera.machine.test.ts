import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { cameraMachine, cameraState, type CameraEmitted } from './camera.machine';

function start() {
  const clock = new SimulatedClock();
  const actor = createActor(cameraMachine, { clock, input: { entityId: 'camera.front_door', bytesPerSecond: 100 } });
  const emitted: CameraEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  return { clock, actor, emitted };
}

describe('camera', () => {
  it('streams while at least one screen watches', () => {
    const { actor } = start();
    expect(cameraState(actor.getSnapshot())).toBe('idle');
    actor.send({ type: 'CAMERA.START_STREAM', viewer: 'screen.central_panel' });
    actor.send({ type: 'CAMERA.START_STREAM', viewer: 'screen.car' });
    actor.send({ type: 'CAMERA.START_STREAM', viewer: 'screen.car' });
    expect(actor.getSnapshot().context.viewers).toEqual(['screen.central_panel', 'screen.car']);
    actor.send({ type: 'CAMERA.STOP_STREAM', viewer: 'screen.car' });
    expect(cameraState(actor.getSnapshot())).toBe('streaming');
    actor.send({ type: 'CAMERA.STOP_STREAM', viewer: 'screen.central_panel' });
    expect(cameraState(actor.getSnapshot())).toBe('idle');
  });

  it('records a clip of the requested length and names clips in sequence', () => {
    const { clock, actor, emitted } = start();
    actor.send({ type: 'CAMERA.START_STREAM', viewer: 'screen.tv' });
    actor.send({ type: 'CAMERA.RECORD', at: 1000, durationMs: 10_000 });
    expect(cameraState(actor.getSnapshot())).toBe('recording');
    clock.increment(10_000);
    expect(cameraState(actor.getSnapshot())).toBe('streaming');
    actor.send({ type: 'CAMERA.RECORD', at: 20_000 });
    actor.send({ type: 'CAMERA.STOP_RECORDING', at: 25_000 });
    expect(emitted).toEqual([
      { type: 'camera.clip_recorded', entityId: 'camera.front_door', clipId: 'camera.front_door/clip-0001', startedAt: 1000, durationMs: 10_000, sizeBytes: 1000 },
      { type: 'camera.clip_recorded', entityId: 'camera.front_door', clipId: 'camera.front_door/clip-0002', startedAt: 20_000, durationMs: 5_000, sizeBytes: 500 },
    ]);
  });
});
