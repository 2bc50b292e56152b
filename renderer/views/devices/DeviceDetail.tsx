// The small print of a device card, by kind: what a person would glance at (a window's opening, a sensor's class).
// Its own component so richer per-device faces (window and sensor states) can grow here without touching the card.
import type { TwinView } from '../../../protocol';

export function DeviceDetail({ view }: { view: TwinView }) {
  const c = view.context !== null && typeof view.context === 'object' && !Array.isArray(view.context) ? view.context : {};
  if (view.kind === 'evse' && typeof c.sessionEnergyKwh === 'number') return <p className="small muted">session {c.sessionEnergyKwh.toFixed(2)} kWh</p>;
  if (view.kind === 'media_player' && typeof c.volumeLevel === 'number') return <p className="small muted">volume {Math.round(c.volumeLevel * 100)} %</p>;
  return null;
}
