// Voice commands (seed §2.2). At home, the smart speaker hears the user and the home's automation host acts:
// "I'm going to work" hands the AC setting, the usual route and the playlist over to the car; "what's my tyre
// pressure / range / ETA" queries the car's live VSS status and the speaker answers; "precondition the car" starts
// cabin preconditioning and "start the car" a (signed) remote start. In the car, the voice assistant controls the
// home ("turn on all AC", "lights off", "arm security"). "Disarm security" needs an alarm panel, which the simulated
// home does not have: it is reported as not supported rather than turned into some other command. Utterances are
// matched by keywords — an NLU is not what Twinbench tests.
import { vehicleAddress } from '../../bus/addresses';
import type { Envelope } from '../../bus/envelope';
import { findPlace, placesOfKind, toLonLat } from '../../world';
import type { Intent } from '../ecosystem-codec';
import type { SimApp, Simulation } from '../simulation';

export type VoiceIntent =
  | 'leaving-home' | 'status-tyres' | 'status-range' | 'status-eta' | 'precondition' | 'remote-start' | 'all-ac-on' | 'lights-off'
  | 'arm-security' | 'disarm-security' | 'unknown';

/** Intents that command the home's own devices: device type, capability and command, for every device of the type. */
const HOME_DEVICE_INTENTS: Partial<Record<VoiceIntent, readonly [string, string, string]>> = {
  'all-ac-on': ['climate', 'climate', 'turn_on'],
  'lights-off': ['light', 'light', 'turn_off'],
  // Without an alarm panel, "arm security" locks the doors: the one security device the home has.
  'arm-security': ['lock', 'lock', 'lock'],
};

/** Home Assistant's alarm panel domain: the only device that could be disarmed. */
const ALARM_PANEL = 'alarm_control_panel';

export function classifyUtterance(utterance: string): VoiceIntent {
  const u = utterance.toLowerCase();
  if (/going to work|leaving|heading out|出门|上班/.test(u)) return 'leaving-home';
  if (/tyre|tire|胎压/.test(u)) return 'status-tyres';
  if (/range|battery|charge|电量|续航/.test(u)) return 'status-range';
  if (/eta|how far|when .*(arrive|home)|到哪/.test(u)) return 'status-eta';
  if (/start (the|my) car|remote start|启动/.test(u)) return 'remote-start';
  if (/precondition|warm up|cool down|预热/.test(u)) return 'precondition';
  if (/(all|every).*(ac|air ?con)|空调/.test(u)) return 'all-ac-on';
  if (/lights? off|关灯/.test(u)) return 'lights-off';
  // Disarming first: "disarm" contains "arm", and the two must never be confused.
  if (/disarm|unarm|deactivate (the )?(alarm|security)|撤防/.test(u)) return 'disarm-security';
  if (/\barm\b|alarm|security|布防/.test(u)) return 'arm-security';
  return 'unknown';
}

export class VoiceAssistant implements SimApp {
  constructor(private readonly sim: Simulation) {}

  /** The speaker heard `utterance`: it is sent to the home's automation host as an assist event. */
  hearAtHome(homeId: string, utterance: string, userId?: string): void {
    const speaker = this.sim.home(homeId).firstOfType('media_player');
    if (speaker === undefined) throw new Error(`home ${homeId} has no smart speaker (media_player)`);
    this.sim.sendFromHome(speaker.id, this.sim.automationHost(homeId), {
      capability: 'assist', name: 'voice_command', deviceId: speaker.id.split('/').pop()!, attributes: { utterance, user: userId ?? null },
    }, 'event');
  }

  /** The car's voice assistant heard `utterance`: it commands the home directly. */
  hearInCar(vehicleId: string, utterance: string): void {
    const vehicle = this.sim.vehicle(vehicleId);
    const home = vehicle.spec.homeId ? this.sim.home(vehicle.spec.homeId) : undefined;
    if (home === undefined) return;
    const intent = classifyUtterance(utterance);
    const onDevices = HOME_DEVICE_INTENTS[intent];
    if (onDevices !== undefined) {
      const [type, capability, name] = onDevices;
      for (const device of home.devicesOfType(type)) {
        this.sim.sendFromCar(vehicleId, device.id, { capability, name, deviceId: device.id.split('/').pop()!, attributes: {} }, 'command');
      }
    } else if (intent === 'disarm-security') this.notSupported(vehicleAddress(vehicleId), utterance, home.id);
    else this.sim.kernel.events.emit('voice.not_understood', vehicleAddress(vehicleId), { utterance });
  }

  onMessage(address: string, env: Envelope, intent: Intent | undefined): boolean {
    if (intent?.capability !== 'assist' || intent.name !== 'voice_command') return false;
    const homeId = env.source.split('/')[1]!;
    const utterance = String(intent.attributes.utterance ?? '');
    const user = [...this.sim.users.values()].find((u) => u.id === intent.attributes.user) ?? [...this.sim.users.values()].find((u) => u.homeId === homeId);
    const vehicleId = user?.vehicleId ?? [...this.sim.vehicles.values()].find((v) => v.spec.homeId === homeId)?.id;
    const kind = classifyUtterance(utterance);
    if (kind === 'disarm-security') {
      this.notSupported(address, utterance, homeId);
      this.announce(homeId, address, `Sorry, disarming security is not supported: this home has no alarm panel.`, env);
      return true;
    }
    const onDevices = HOME_DEVICE_INTENTS[kind];
    if (onDevices !== undefined) {
      // Said at home about the home: the automation host commands the devices (not a question about the car).
      const [type, capability, name] = onDevices;
      for (const device of this.sim.home(homeId).devicesOfType(type)) {
        this.sim.sendFromHome(address, device.id, { capability, name, deviceId: device.id.split('/').pop()!, attributes: {} }, 'command', { causedBy: env });
      }
      this.announce(homeId, address, 'Done.', env);
      return true;
    }
    if (vehicleId === undefined || kind === 'unknown') {
      this.announce(homeId, address, `Sorry, I can't help with "${utterance}"`, env);
      return true;
    }
    const car = vehicleAddress(vehicleId);
    const deviceId = `vehicle.${vehicleId}`;
    if (kind === 'leaving-home') {
      const climate = this.sim.home(homeId).firstOfType('climate');
      const temperature = Number(climate?.context.targetTemperature ?? user?.preferences?.temperature ?? 22);
      const work = placesOfKind(this.sim.city, 'workplace')[0] ?? findPlace(this.sim.city, this.sim.home(homeId).place.id);
      const where = toLonLat(this.sim.city.projection, work);
      this.sim.sendFromHome(address, car, { capability: 'vehicle_climate', name: 'precondition', deviceId, attributes: { temperature } }, 'command', { causedBy: env });
      this.sim.sendFromHome(address, car, { capability: 'vehicle_navigation', name: 'set_destination', deviceId, attributes: { latitude: round(where.lat), longitude: round(where.lon) } }, 'command', { causedBy: env });
      if (user?.preferences?.playlist) {
        this.sim.sendFromHome(address, car, { capability: 'vehicle_media', name: 'play_media', deviceId, attributes: { media_content_id: user.preferences.playlist, media_content_type: 'playlist' } }, 'command', { causedBy: env });
      }
      this.announce(homeId, address, 'Have a good day. Your car is getting ready.', env);
    } else if (kind === 'remote-start') {
      // Critical: signed by the home's automation host under the grant the vehicle cloud gave the home.
      this.sim.sendFromHome(address, car, { capability: 'vehicle_remote', name: 'remote_start', deviceId, attributes: {} }, 'command', {
        causedBy: env,
        onResponse: (_response, answer) => this.announce(homeId, address, answer?.success === false ? `Your car refused to start (${answer.error ?? 'no reason given'}).` : 'Your car is starting.', env),
        onFailure: (reason) => this.announce(homeId, address, `I could not reach your car (${reason}).`, env),
      });
    } else if (kind === 'precondition') {
      this.sim.sendFromHome(address, car, { capability: 'vehicle_climate', name: 'precondition', deviceId, attributes: {} }, 'command', {
        causedBy: env, onResponse: () => this.announce(homeId, address, 'Your car is preconditioning.', env),
        onFailure: (reason) => this.announce(homeId, address, `I could not reach your car (${reason}).`, env),
      });
    } else {
      this.sim.sendFromHome(address, car, { capability: 'vehicle', name: 'get_state', deviceId, attributes: {} }, 'query', {
        causedBy: env,
        onResponse: (_response, answer) => this.announce(homeId, address, describeStatus(kind, answer?.attributes ?? {}), env),
        onFailure: (reason) => this.announce(homeId, address, `I could not reach your car (${reason}).`, env),
      });
    }
    return true;
  }

  /**
   * Disarming needs an alarm panel (alarm_control_panel, with its signed `alarm_disarm`); without one the request is
   * reported, never mapped onto another device's command.
   */
  private notSupported(where: string, utterance: string, homeId: string): void {
    const panels = this.sim.home(homeId).devicesOfType(ALARM_PANEL);
    this.sim.kernel.events.emit('voice.not_supported', where, {
      utterance, home: homeId, reason: panels.length === 0 ? `home ${homeId} has no alarm panel (${ALARM_PANEL}) to disarm` : 'disarming by voice is not supported',
    });
  }

  private announce(homeId: string, from: string, message: string, cause: Envelope): void {
    const speaker = this.sim.home(homeId).firstOfType('media_player');
    if (speaker === undefined) return;
    this.sim.sendFromHome(from, speaker.id, { capability: 'media_player', name: 'announce', deviceId: speaker.id.split('/').pop()!, attributes: { message } }, 'command', { causedBy: cause });
  }
}

function describeStatus(kind: VoiceIntent, a: Intent['attributes']): string {
  if (kind === 'status-tyres') {
    const p = ['tire_pressure_front_left', 'tire_pressure_front_right', 'tire_pressure_rear_left', 'tire_pressure_rear_right'].map((k) => a[k]);
    return `Tyre pressures are ${p.join(', ')} kPa`;
  }
  if (kind === 'status-range') return `Range is ${String(a.range_km)} km with the battery at ${Math.round(Number(a.battery_level))} %`;
  const eta = Number(a.eta_minutes);
  return eta > 0 ? `Arriving in ${eta} minutes` : 'The car is parked';
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
