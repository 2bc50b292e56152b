// One-click device controls (issue 18 §6, device cards): a click becomes a command to the device over the bus, sent
// the way every controller outside the twins sends one (Home Assistant on the broker, an MCP agent): the app is
// enrolled as a named party (`party/twinbench-app`) with the non-critical home scopes only, its command enters at
// the home's gateway signed under its own key, and the security layer judges it like the car's. So a critical
// command (unlock the door, disarm the alarm, open a window) is refused unless a grant covers it — the card shows
// the refusal — and nothing here touches the device's machine. The answer arrives as the command's response in
// the message flow, where the card reads it.
import type { DeviceCommandRequest, DeviceCommandSent } from '../../protocol';
import { gatewayAddress } from '../../twins/bus/addresses';
import type { Json } from '../../twins/kernel/types';
import { enrolController } from '../../twins/sim/controller-parties';
import type { Simulation } from '../../twins/sim/simulation';
import { twinAt } from './twin-view';

export const APP_CONTROLLER = 'twinbench-app';

/** The app's party per run, enrolled on its first command (so a run nobody touches keeps its event stream). */
const enrolled = new WeakMap<Simulation, string>();

export function sendDeviceCommand(sim: Simulation, request: DeviceCommandRequest): DeviceCommandSent {
  const twin = twinAt(sim, request.device);
  const match = /^home\/([^/]+)\/(.+)$/.exec(twin.id);
  if (match === null) throw new Error(`${request.device} is not a home device: device controls command home devices (home/<home>/<device>)`);
  const homeId = match[1]!;
  const deviceId = match[2]!;
  let signer = enrolled.get(sim);
  if (signer === undefined) enrolled.set(sim, (signer = enrolController(sim, APP_CONTROLLER)));
  const source = gatewayAddress(homeId);
  const attributes = request.attributes ?? {};
  // In the canonical stream, so a replay or a report shows that a person pressed a control here.
  sim.kernel.events.emit('ui.device_command', 'ui', { device: twin.id, command: request.command, attributes: attributes as { [key: string]: Json } });
  const envelope = sim.sendFromHome(source, twin.id, { capability: twin.kind, name: request.command, deviceId, attributes }, 'command', { signer });
  return { messageId: envelope.id, source };
}
