// Presenter mode's run controls, in a bar at the top (the Scenario panel is folded away): play, pause and the
// speed of the live run, and the way back to the full workbench. A replay has its own bar (ReplayBar).
import { useState } from 'react';
import type { Speed } from '../../protocol';
import { SPEEDS } from '../panels/ScenarioPanel';
import { useAppState, useModel } from './ModelContext';

export function PresenterControls() {
  const model = useModel();
  const status = useAppState((s) => s.status);
  const live = useAppState((s) => s.session !== null && s.session.replay === undefined);
  const [speed, setSpeed] = useState<Speed>(60);
  if (!live) return null;
  const playing = status.state === 'playing';
  const canRun = status.state === 'ready' || status.state === 'paused' || playing;
  const changeSpeed = (value: string): void => {
    const next: Speed = value === 'max' ? 'max' : Number(value);
    setSpeed(next);
    if (playing) void model.play(next);
  };
  return (
    <section className="presenter-controls" data-testid="presenter-controls" aria-label="Run controls">
      <button type="button" data-testid="presenter-play" onClick={() => void model.play(speed)} disabled={!canRun || playing}>▶ Play</button>
      <button type="button" data-testid="presenter-pause" onClick={() => void model.pause()} disabled={!playing}>❚❚ Pause</button>
      <select aria-label="Speed" data-testid="presenter-speed" value={String(speed)} onChange={(e) => changeSpeed(e.target.value)}>
        {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{s === 'max' ? 'max' : `${s}×`}</option>)}
      </select>
    </section>
  );
}
