// Each home's look — lit, charging, selected — as its roof on the map's moving layer (home-roofs.ts says why not in
// the city's mesh). The looks are read from the store as one string, so React re-renders this only when a home's look
// or the selection changes; the roofs are repainted with the layer's next draw.
import { useThree } from '@react-three/fiber';
import { useLayoutEffect, useMemo } from 'react';
import type { HomeStatus, SessionInfo } from '../../protocol';
import { useAppState } from '../app/ModelContext';
import { ROOF_LOOKS, paintRoofs, type HomeLook } from './home-roofs';
import { PAINT_ORDER, type MovingLayer } from './MovingLayer';

const homeLook = (h: HomeStatus | undefined): HomeLook => (h?.lit ? 'lit' : h?.charging ? 'charging' : 'dark');

export function HomeRoofs({ homes, unit, layer }: { homes: SessionInfo['homes']; unit: number; layer: MovingLayer }) {
  const invalidate = useThree((s) => s.invalidate);
  // One character per home: the slice changes only when a home's look changes.
  // The engine lists homes in the same order in the session and in every snapshot.
  const looks = useAppState((s) => homes.map((h, i) => {
    const status = s.snapshot?.homes[i];
    return ROOF_LOOKS.indexOf(homeLook(status?.id === h.id ? status : undefined));
  }).join(''));
  const selectedHome = useAppState((s) => /^home\/([^/]+)\//.exec(s.selectedTwin ?? '')?.[1]);

  const roofs = useMemo(() => ({
    at: Float64Array.from(homes.flatMap((h) => [h.x, -h.y])),
    looks: new Uint8Array(homes.length),
  }), [homes]);
  useLayoutEffect(() => {
    layer.painters[PAINT_ORDER.homes] = (ctx, projection, dpr) => paintRoofs(ctx, projection, dpr, roofs.at, roofs.looks, unit);
    return () => void (layer.painters[PAINT_ORDER.homes] = undefined);
  }, [layer, roofs, unit]);

  useLayoutEffect(() => {
    homes.forEach((h, i) => {
      roofs.looks[i] = h.id === selectedHome ? ROOF_LOOKS.indexOf('selected') : Number(looks[i] ?? 0);
    });
    layer.changed = true;
    invalidate();
  }, [looks, selectedHome, homes, roofs, layer, invalidate]);

  return null;
}
