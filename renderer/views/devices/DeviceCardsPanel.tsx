// Device cards like Home Assistant's (issue 18 §6): every device of one home as a tile with its state and one-click
// controls. The home is the household's (the one whose screens the scene watches) unless another is chosen.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TwinView } from '../../../protocol';
import { Panel } from '../../app/Panel';
import { useAppState, useModel } from '../../app/ModelContext';
import { useLogVersion } from '../../state/use-log-version';
import { DeviceCard } from './DeviceCard';

const REFRESH_MS = 500;
/** Screens have their own panel (device screens); the gateway is infrastructure, not a device a person uses. */
const NOT_CARDS = new Set(['screen', 'gateway']);

export function DeviceCardsPanel() {
  const model = useModel();
  const homes = useAppState((s) => s.session?.homes ?? []);
  const twins = useAppState((s) => s.session?.twins ?? []);
  const household = useAppState((s) => s.session?.screens.find((x) => x.address.startsWith('home/'))?.address.split('/')[1] ?? s.session?.homes[0]?.id ?? '');
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  const live = useAppState((s) => s.session !== null && s.session.replay === undefined && s.status.state !== 'finished');
  const version = useLogVersion(model.messages, 250);
  const [chosen, setChosen] = useState('');
  const home = homes.some((h) => h.id === chosen) ? chosen : household;
  const devices = useMemo(() => twins.filter((tw) => tw.address.startsWith(`home/${home}/`) && !NOT_CARDS.has(tw.kind)), [twins, home]);
  const [views, setViews] = useState<Map<string, TwinView>>(new Map());
  const lastFetch = useRef(0);

  useEffect(() => setViews(new Map()), [home]);
  useEffect(() => {
    const now = performance.now();
    if (devices.length === 0 || now - lastFetch.current < REFRESH_MS) return;
    lastFetch.current = now;
    void Promise.all(devices.map((d) => model.getTwin(d.address))).then((list) => {
      setViews(new Map(list.flatMap((v) => (v ? [[v.address, v] as const] : []))));
    });
  }, [model, devices, t, version]);

  return (
    <Panel
      title="Devices" testId="device-cards"
      tools={homes.length > 1 ? (
        <select aria-label="Home" data-testid="device-home" value={home} onChange={(e) => setChosen(e.target.value)}>
          {homes.map((h) => <option key={h.id} value={h.id}>Home {h.id}</option>)}
        </select>
      ) : undefined}
    >
      {devices.length === 0 && <p className="muted small">Load a scenario with a home to see its devices.</p>}
      {devices.length > 0 && !live && <p className="muted small">Controls act on a live run that is not over: load the scenario to use them.</p>}
      <div className="device-grid">
        {devices.map((d) => {
          const v = views.get(d.address);
          return v ? <DeviceCard key={d.address} view={v} version={version} /> : null;
        })}
      </div>
    </Panel>
  );
}
