// What the app opens on when nothing is loaded (issue 18): the story in two lines and the commute ready to play —
// a customer's first look is a car and a home talking, not an attack scene or an empty grey box.
import { useAppState, useModel } from './ModelContext';

/** The scene a demo starts with, and how fast it plays (an 11-hour day in about a minute). */
export const WELCOME_SCENARIO = 'scenarios/commute.yaml';
const WELCOME_SPEED = 600;

export function Welcome() {
  const model = useModel();
  const commute = useAppState((s) => s.scenarios.find((x) => x.file === WELCOME_SCENARIO));
  const busy = useAppState((s) => s.busy);
  const start = async (): Promise<void> => {
    if (commute === undefined) return;
    await model.load({ file: commute.file, architecture: commute.architectures[0] ?? 'cloud-cloud', handsOn: false });
    if (model.store.get().session?.file === commute.file) await model.play(WELCOME_SPEED);
  };
  return (
    <div className="welcome" data-testid="welcome">
      <h2>A car and a home, talking</h2>
      <p>
        Twinbench simulates cars, homes and the clouds between them. Watch Alice leave for work, the car take over
        from the speaker, and the home get ready as she drives back — every message on the map and in the flow below.
      </p>
      {commute !== undefined && (
        <button type="button" className="welcome-play" data-testid="welcome-play" onClick={() => void start()} disabled={busy}>
          ▶ Play the commute
        </button>
      )}
      <p className="muted small">Or choose any scenario, architecture and seed in the Scenario panel, then Load.</p>
    </div>
  );
}
