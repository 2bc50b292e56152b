// The open replay's transport, across the top of the window (issue 18): the scrubber over the whole run, play and
// pause at a speed, and the time — where a presenter's eye and hand already are, not inside a side panel.
import { useState } from 'react';
import type { Speed } from '../../protocol';
import { clockAt } from '../flow/clock';
import { SPEEDS } from '../panels/ScenarioPanel';
import { useAppState, useModel } from './ModelContext';

export function ReplayBar() {
  const model = useModel();
  const replay = useAppState((s) => s.session?.replay);
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  const status = useAppState((s) => s.status);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const [speed, setSpeed] = useState<Speed>(1);
  if (replay === undefined) return null;
  const playing = status.state === 'playing';
  const end = Math.max(1, status.endTime);
  const changeSpeed = (value: string): void => {
    const next: Speed = value === 'max' ? 'max' : Number(value);
    setSpeed(next);
    if (playing) void model.play(next);
  };
  return (
    <section className="replay-bar" data-testid="replay-controls" aria-label="Replay">
      <b className="replay-title">Replaying run {replay.runId}</b>
      <button type="button" data-testid="replay-play" onClick={() => void model.play(speed)} disabled={playing}>▶ Play</button>
      <button type="button" data-testid="replay-pause" onClick={() => void model.pause()} disabled={!playing}>❚❚ Pause</button>
      <select aria-label="Replay speed" data-testid="replay-speed" value={String(speed)} onChange={(e) => changeSpeed(e.target.value)}>
        {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{s === 'max' ? 'max' : `${s}×`}</option>)}
      </select>
      <input type="range" className="scrubber" data-testid="scrubber" aria-label="Replay time" aria-valuetext={clockAt(Math.min(t, end), start)}
        min={0} max={end} step={100} value={Math.min(t, end)} onChange={(e) => void model.seek(Number(e.target.value))} />
      <span className="clock small" data-testid="replay-time">{clockAt(t, start)} / {clockAt(end, start)}</span>
    </section>
  );
}
