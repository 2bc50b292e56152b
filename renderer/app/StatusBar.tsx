// The top bar: what is loaded, the run state, the scene's clock, and the last error in the engine's own words.
import { useAppState, useModel } from './ModelContext';

export function StatusBar() {
  const model = useModel();
  const session = useAppState((s) => s.session);
  const status = useAppState((s) => s.status);
  const timeOfDay = useAppState((s) => s.snapshot?.timeOfDay ?? '--:--:--');
  const connected = useAppState((s) => s.connected);
  const error = useAppState((s) => s.error);
  return (
    <header className="status-bar">
      <span className="brand">Twinbench</span>
      <span className="status-scenario">{session ? `${session.title} · ${session.architecture} · seed ${session.seed}${session.replay ? ` · replay of run ${session.replay.runId}` : ''}` : 'No scenario loaded'}</span>
      <span className={`run-state run-state-${status.state}`} data-testid="run-state">{status.state}</span>
      <span className="clock" data-testid="clock">{timeOfDay}</span>
      {!connected && <span className="disconnected">engine not connected</span>}
      {error !== null && (
        <button type="button" className="error" data-testid="error" onClick={() => model.dismissError()} title="Dismiss">{error}</button>
      )}
    </header>
  );
}
