// One device as a Home Assistant tile: icon, name, state, and one-click controls. A press sends the device a command
// through the engine (bus, gateway, security layer); the card then follows that command in the message flow and
// shows whether it was done, refused (with the policy's or the device's reason) or lost.
import { useState } from 'react';
import type { TwinView } from '../../../protocol';
import { useModel } from '../../app/ModelContext';
import { commandOutcome } from './command-outcome';
import { deviceFace, deviceName, type DeviceControl } from './device-controls';
import { DeviceDetail } from './DeviceDetail';
import { DeviceIcon } from './DeviceIcon';

export function DeviceCard({ view, version }: { view: TwinView; version: number }) {
  const model = useModel();
  const face = deviceFace(view);
  const [sent, setSent] = useState<{ id: string; label: string } | null>(null);
  const press = async (control: DeviceControl): Promise<void> => {
    const answer = await model.sendDeviceCommand({ device: view.address, command: control.command, ...(control.attributes ? { attributes: control.attributes } : {}) });
    if (answer) setSent({ id: answer.messageId, label: control.label });
  };
  // Re-read on every log version: the response arrives as a message.
  const outcome = sent && version >= 0 ? commandOutcome(model.messages, sent.id) : undefined;
  const name = deviceName(view.address);
  return (
    <article className={`device-card${face.active ? ' active' : ''}`} data-testid="device-card" data-device={view.address} data-kind={view.kind} data-state={view.state} aria-label={`${name}: ${face.headline}`}>
      <header>
        <DeviceIcon kind={view.kind} />
        <button type="button" className="device-name" title={`Inspect ${view.address}`} onClick={() => model.selectTwin(view.address)}>{name}</button>
      </header>
      <p className="device-state" data-testid="device-state">{face.headline}</p>
      <DeviceDetail view={view} />
      {face.controls.length > 0 && (
        <div className="device-controls">
          {face.controls.map((c) => (
            <button key={`${c.command}${c.label}`} type="button" data-testid="device-control" data-command={c.command} onClick={() => void press(c)} aria-label={`${c.label}: ${name}`}>{c.label}</button>
          ))}
        </div>
      )}
      {sent && outcome && (
        <p className={`device-outcome small ${outcome.state === 'refused' || outcome.state === 'failed' ? 'failed' : outcome.state === 'done' ? 'passed' : 'muted'}`} data-testid="device-outcome" data-outcome={outcome.state} role="status">
          {sent.label}: {outcome.state === 'pending' ? 'sent — the answer comes as the run plays' : outcome.state === 'done' ? 'done' : /^refused\b/i.test(outcome.reason) ? outcome.reason : `${outcome.state === 'refused' ? 'Refused' : 'Failed'}: ${outcome.reason}`}
        </p>
      )}
    </article>
  );
}
