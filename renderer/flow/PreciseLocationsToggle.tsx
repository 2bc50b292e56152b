// Issue 7: "Show precise locations", off by default. The engine coarsens vehicle latitude/longitude to 2 decimals
// (~1 km) in everything it sends the app until this is ticked, so screenshots of the flow view do not pinpoint a home.
import { useAppState, useModel } from '../app/ModelContext';

export function PreciseLocationsToggle() {
  const model = useModel();
  const precise = useAppState((s) => s.preciseLocations);
  return (
    <label className="check small" title="Vehicle locations are rounded to ~1 km unless you opt in; applies to messages from now on and to the twin inspector">
      <input type="checkbox" data-testid="precise-locations" checked={precise} onChange={(e) => void model.setPreciseLocations(e.target.checked)} />
      Show precise locations
    </label>
  );
}
