// The transformer load goes out with the snapshots of a peak-shaving scene and grows as its evening plays; a scene
// without a grid sends none.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveSession } from './live-session';
import { PublishedEvents } from './test-support/recorder';

let session: LiveSession | undefined;
afterEach(() => session?.dispose());

describe('live transformer load', () => {
  it('grows with the run, minute by minute, within the rating the scene gives', () => {
    session = new LiveSession(new PublishedEvents().publish, { recordingFile: null });
    session.load({ file: 'scenarios/charging-peak-shaving.yaml', architecture: 'cloud-cloud' });
    for (let i = 0; i < 50; i++) session.step();
    const early = session.snapshot()!.grid!;
    expect(early.transformerKva).toBeGreaterThan(0);
    expect(early.maxLoadShare).toBeGreaterThan(0);
    for (let i = 0; i < 3000; i++) session.step();
    const later = session.snapshot()!.grid!;
    expect(later.samples.length).toBeGreaterThan(early.samples.length);
    const times = later.samples.map(([t]) => t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[1]! - times[0]!).toBe(60_000);
    for (const [, total, ev] of later.samples) expect(total).toBeGreaterThanOrEqual(ev);
  });

  it('is absent for a scene without a grid', () => {
    session = new LiveSession(new PublishedEvents().publish, { recordingFile: null });
    session.load({ file: 'scenarios/doorbell.yaml', architecture: 'cloud-cloud' });
    session.step();
    expect(session.snapshot()!.grid).toBeUndefined();
  });
});
