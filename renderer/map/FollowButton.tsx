// "Follow" for the selected car: the map's orbit camera then tracks it every frame, until "Stop following" or until
// something else is selected (AppModel.selectTwin ends it).
import { useAppState, useModel } from '../app/ModelContext';
import { vehicleOf } from '../state/app-model';

export function FollowButton() {
  const model = useModel();
  const vehicle = useAppState((s) => vehicleOf(s.selectedTwin));
  const followed = useAppState((s) => s.followedVehicle);
  if (vehicle === undefined) return null;
  const following = followed === vehicle;
  return (
    <button type="button" data-testid="follow-vehicle" aria-pressed={following} onClick={() => model.followVehicle(following ? null : vehicle)}>
      {following ? 'Stop following' : `Follow ${vehicle} on the map`}
    </button>
  );
}
