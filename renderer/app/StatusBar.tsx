// The top bar: what is loaded, the run state, the scene's clock, and the last error in the engine's own words.
import { clockAt } from '../flow/clock';
import { useAppState, useModel } from './ModelContext';

export function StatusBar({ presenter, onPresenter }: { presenter: boolean; onPresenter: (on: boolean) => void }) {
  const model = useModel();
  const session = useAppState((s) => s.session);
  const status = useAppState((s) => s.status);
  // The scene's time of day in the app's one format; the snapshot's time, so it moves with the map.
  const timeOfDay = useAppState((s) => (s.session && s.snapshot ? clockAt(s.snapshot.t, s.session.startTimeOfDayMs) : '--:--:--.---'));
  const connected = useAppState((s) => s.connected);
  const error = useAppState((s) => s.error);
  return (
    <header className="status-bar">
      <h1 className="brand">Twinbench</h1>
      <span className="status-scenario">{session ? `${session.title} · ${session.architecture} · seed ${session.seed}${session.replay ? ` · replay of run ${session.replay.runId}` : ''}` : 'No scenario loaded'}</span>
      <span className={`run-state run-state-${status.state}`} data-testid="run-state">{status.state}</span>
      <span className="clock" data-testid="clock" aria-label="Scene time of day">{timeOfDay}</span>
      <button type="button" data-testid="presenter-toggle" aria-pressed={presenter} onClick={() => onPresenter(!presenter)}
        title={presenter ? 'Back to the workbench: every panel' : 'Presenter mode: the map and the device screens large, side panels folded away'}>
        {presenter ? 'Workbench' : 'Presenter'}
      </button>
      {!connected && <span className="disconnected">engine not connected</span>}
      {error !== null && (
        <button type="button" className="error" data-testid="error" onClick={() => model.dismissError()} title="Dismiss">{error}</button>
      )}
    </header>
  );
}
