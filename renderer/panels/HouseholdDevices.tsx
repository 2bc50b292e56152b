// The watched household's windows, sensors, climate and lock as the engine reads them (snapshot.household), and
// what its smart speaker says. Small components of their own so the device cards can render them too: a card
// shows DeviceStateBadge for its device, the screens panel shows the whole list and the speech bubble.
import type { DeviceReading } from '../../protocol';
import { useAppState } from '../app/ModelContext';
import { useSpokenLine } from '../state/use-spoken-line';

/** What a reading says in words, and whether it is a warning (an open window, a leak, smoke, an unlocked door). */
export function describeReading(d: DeviceReading): { text: string; alert: boolean } {
  if (d.kind === 'cover') {
    const position = d.position === undefined ? '' : ` (${d.position} %)`;
    return { text: `${d.state}${position}`, alert: d.deviceClass === 'window' && d.state !== 'closed' };
  }
  if (d.kind === 'binary_sensor') {
    const detected = d.state === 'on';
    const what = d.deviceClass === 'moisture' ? 'LEAK' : d.deviceClass === 'smoke' ? 'SMOKE' : d.deviceClass === 'gas' ? 'GAS' : d.deviceClass === 'door' || d.deviceClass === 'window' ? 'OPEN' : 'DETECTED';
    const quiet = d.deviceClass === 'door' || d.deviceClass === 'window' ? 'closed' : 'clear';
    return { text: detected ? what : quiet, alert: detected };
  }
  if (d.kind === 'climate') {
    const now = d.temperature === undefined ? '—' : `${d.temperature.toFixed(1)} °C`;
    const target = d.targetTemperature === undefined ? '' : ` → ${d.targetTemperature} °C`;
    return { text: `${now}${target} · ${d.state}`, alert: false };
  }
  if (d.kind === 'lock') return { text: d.state, alert: d.state !== 'locked' };
  return { text: d.state, alert: d.state === 'triggered' };
}

/** One device's state, as a card or the list shows it. */
export function DeviceStateBadge({ reading }: { reading: DeviceReading }) {
  const { text, alert } = describeReading(reading);
  return (
    <b className={`device-state${alert ? ' warn' : ''}`} data-testid="device-state" data-address={reading.address} data-state={reading.state}
      data-alert={alert}>{text}</b>
  );
}

const ORDER = ['cover', 'binary_sensor', 'climate', 'lock', 'alarm_control_panel'];

export function HouseholdDevices() {
  const devices = useAppState((s) => s.snapshot?.household?.devices ?? null);
  if (devices === null || devices.length === 0) return null;
  const sorted = [...devices].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return (
    <ul className="household-devices" data-testid="household-devices" aria-label="Windows, sensors and climate">
      {sorted.map((d) => (
        <li key={d.address} data-testid="household-device" data-kind={d.kind}>
          <span className="muted">{d.name}</span> <DeviceStateBadge reading={d} />
        </li>
      ))}
    </ul>
  );
}

/** The speaker's line as a speech bubble: live while it is spoken, then kept a little while, marked as said. */
export function SpeechBubble() {
  const line = useSpokenLine();
  if (line === null) return null;
  return (
    <figure className={`speech-bubble${line.live ? ' live' : ''}`} data-testid="speech-bubble" data-speaking={line.live} role="status" aria-live="polite">
      <figcaption className="small muted">Speaker {line.live ? 'says' : 'said'}</figcaption>
      <blockquote data-testid="speech-text">“{line.text}”</blockquote>
    </figure>
  );
}
