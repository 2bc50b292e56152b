// Voice commands (seed §2.2), in English and Chinese, through one grammar (twins/sim/intents/grammar.ts) for both
// ends. In the car, the assistant controls the home: lights, AC (per room, temperature, mode), curtains, windows,
// purifier, camera, alarm panel, door lock — the car sends each device's command itself, signed when critical. At
// home, the smart speaker's utterance goes to the home's automation host, which commands the home the same way,
// answers questions about the car from its live VSS status (lock, windows, charge, range, tyres, location, ETA),
// commands the car (lock, unlock, remote start — signed — and preconditioning) and hands over on leaving home.
// An utterance the grammar does not cover is reported (`voice.not_understood`) and nothing is sent; one it covers
// but that cannot be done here (no such device, a car intent said in the car) is `voice.refused` with the reason.
import { vehicleAddress } from '../../bus/addresses';
import type { Envelope } from '../../bus/envelope';
import { findPlace, placesOfKind, toLonLat } from '../../world';
import type { Intent } from '../ecosystem-codec';
import { parseUtterance, type ParsedIntent } from '../intents/grammar';
import type { SimApp, Simulation } from '../simulation';
import { describeCarStatus, isCarStatusIntent } from './voice-car-status';
import { homeAction, isHomeIntent } from './voice-home-actions';
import { cabinTemperatureWithin } from '../vehicle-commands';

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

  /** The car's voice assistant heard `utterance`: it commands the home directly, or says why it cannot. */
  hearInCar(vehicleId: string, utterance: string): void {
    const vehicle = this.sim.vehicle(vehicleId);
    const car = vehicleAddress(vehicleId);
    const parsed = parseUtterance(utterance);
    if (parsed === undefined) return this.notUnderstood(car, utterance, 'car');
    const home = vehicle.spec.homeId ? this.sim.home(vehicle.spec.homeId) : undefined;
    if (home === undefined) return this.refused(car, utterance, parsed, `${vehicleId} is paired with no home`);
    if (!isHomeIntent(parsed.intent)) return this.refused(car, utterance, parsed, `"${parsed.intent}" is asked of the home's speaker, not said in the car`);
    const action = homeAction(home, parsed);
    if (!action.ok) return this.refused(car, utterance, parsed, action.reason);
    for (const { twin, intent } of action.commands) this.sim.sendFromCar(vehicleId, twin.id, intent, 'command');
    if (parsed.intent === 'camera.show') {
      // The stream is shown on the car's own screen; the camera counts the car as a viewer (play_stream above).
      vehicle.parts.screen.send({ type: 'PIP.SHOW', pip: { source: action.commands[0]!.twin.id, title: 'Home camera' } });
    }
  }

  onMessage(address: string, env: Envelope, intent: Intent | undefined): boolean {
    if (intent?.capability !== 'assist' || intent.name !== 'voice_command') return false;
    const homeId = env.source.split('/')[1]!;
    const utterance = String(intent.attributes.utterance ?? '');
    const parsed = parseUtterance(utterance);
    if (parsed === undefined) {
      this.notUnderstood(address, utterance, 'speaker');
      this.announce(homeId, address, `Sorry, I don't understand "${utterance}"`, env);
      return true;
    }
    if (isHomeIntent(parsed.intent)) return this.homeAtHome(address, homeId, utterance, parsed, env);
    const user = [...this.sim.users.values()].find((u) => u.id === intent.attributes.user) ?? [...this.sim.users.values()].find((u) => u.homeId === homeId);
    const vehicleId = user?.vehicleId ?? [...this.sim.vehicles.values()].find((v) => v.spec.homeId === homeId)?.id;
    if (vehicleId === undefined) {
      this.refused(address, utterance, parsed, `home ${homeId} has no car`);
      this.announce(homeId, address, `Sorry, there is no car to ask about "${utterance}"`, env);
      return true;
    }
    const car = vehicleAddress(vehicleId);
    const deviceId = `vehicle.${vehicleId}`;
    const send = (capability: string, name: string, attributes: Intent['attributes'], done: (answer: Intent | undefined) => string, kind: 'command' | 'query' = 'command'): void => {
      this.sim.sendFromHome(address, car, { capability, name, deviceId, attributes }, kind, {
        causedBy: env,
        onResponse: (_response, answer) => this.announce(homeId, address, answer?.success === false ? `Your car refused (${answer.error ?? 'no reason given'}).` : done(answer), env),
        onFailure: (reason) => this.announce(homeId, address, `I could not reach your car (${reason}).`, env),
      });
    };
    if (isCarStatusIntent(parsed.intent)) {
      send('vehicle', 'get_state', {}, (answer) => {
        const text = describeCarStatus(parsed.intent, answer?.attributes ?? {});
        this.showOnPanel(homeId, address, env, text);
        return text;
      }, 'query');
    }
    // Critical: signed by the home's automation host under the grant the vehicle cloud gave the home.
    else if (parsed.intent === 'car.start') send('vehicle_remote', 'remote_start', {}, () => 'Your car is starting.');
    else if (parsed.intent === 'car.unlock') send('vehicle_lock', 'unlock', {}, () => 'Your car is unlocked.');
    else if (parsed.intent === 'car.lock') send('vehicle_lock', 'lock', {}, () => 'Your car is locked.');
    else if (parsed.intent === 'car.precondition') send('vehicle_climate', 'precondition', {}, () => 'Your car is preconditioning.');
    else this.leavingHome(address, homeId, car, deviceId, user, env);
    return true;
  }

  /** Said at home about the home: the automation host commands the devices and the speaker reports the outcome. */
  private homeAtHome(address: string, homeId: string, utterance: string, parsed: ParsedIntent, env: Envelope): boolean {
    const home = this.sim.home(homeId);
    const action = homeAction(home, parsed);
    if (!action.ok) {
      this.refused(address, utterance, parsed, action.reason);
      this.announce(homeId, address, `Sorry, ${action.reason}.`, env);
      return true;
    }
    let waiting = action.commands.length;
    let refusal: string | undefined;
    const settle = (error?: string): void => {
      refusal ??= error;
      if (--waiting === 0) this.announce(homeId, address, refusal === undefined ? 'Done.' : `Sorry, that was refused (${refusal}).`, env);
    };
    for (const { twin, intent } of action.commands) {
      this.sim.sendFromHome(address, twin.id, intent, 'command', {
        causedBy: env, onResponse: (_r, answer) => settle(answer?.success === false ? (answer.error ?? 'no reason given') : undefined), onFailure: (reason) => settle(reason),
      });
    }
    const screen = home.firstOfType('screen');
    if (parsed.intent === 'camera.show' && screen !== undefined) {
      const pip = { source: action.commands[0]!.twin.id, title: 'Home camera' };
      this.sim.sendFromHome(address, screen.id, { capability: 'screen', name: 'show_pip', deviceId: screen.id.split('/').pop()!, attributes: pip }, 'command', { causedBy: env });
    }
    return true;
  }

  /** "I'm going to work": the home's AC setting, the usual route and the playlist are handed over to the car. */
  private leavingHome(address: string, homeId: string, car: string, deviceId: string, user: { preferences?: { temperature?: number; playlist?: string } } | undefined, env: Envelope): void {
    const climate = this.sim.home(homeId).firstOfType('climate');
    // The home's set-point, within what the car's cabin takes (vehicle-commands.ts): 12 °C at home is 15 °C in the car.
    const temperature = cabinTemperatureWithin(Number(climate?.context.targetTemperature ?? user?.preferences?.temperature ?? 22));
    const work = placesOfKind(this.sim.city, 'workplace')[0] ?? findPlace(this.sim.city, this.sim.home(homeId).place.id);
    const where = toLonLat(this.sim.city.projection, work);
    this.sim.sendFromHome(address, car, { capability: 'vehicle_climate', name: 'precondition', deviceId, attributes: { temperature } }, 'command', { causedBy: env });
    this.sim.sendFromHome(address, car, { capability: 'vehicle_navigation', name: 'set_destination', deviceId, attributes: { latitude: round(where.lat), longitude: round(where.lon) } }, 'command', { causedBy: env });
    if (user?.preferences?.playlist) {
      this.sim.sendFromHome(address, car, { capability: 'vehicle_media', name: 'play_media', deviceId, attributes: { media_content_id: user.preferences.playlist, media_content_type: 'playlist' } }, 'command', { causedBy: env });
    }
    this.announce(homeId, address, 'Have a good day. Your car is getting ready.', env);
  }

  /** The central panel shows the car's status too (seed §2.2: home screen shows car status), as a notification. */
  private showOnPanel(homeId: string, from: string, cause: Envelope, message: string): void {
    const panel = this.sim.home(homeId).firstOfType('screen');
    if (panel === undefined) return;
    this.sim.sendFromHome(from, panel.id, {
      capability: 'screen', name: 'notify', deviceId: panel.id.split('/').pop()!,
      attributes: { notification_id: `car-status:${cause.id}`, title: 'Your car', message, severity: 'info' },
    }, 'command', { causedBy: cause });
  }

  private notUnderstood(where: string, utterance: string, heardBy: 'car' | 'speaker'): void {
    this.sim.kernel.events.emit('voice.not_understood', where, { utterance, language: /\p{Script=Han}/u.test(utterance) ? 'zh' : 'en', where: heardBy });
  }

  private refused(where: string, utterance: string, parsed: ParsedIntent, reason: string): void {
    this.sim.kernel.events.emit('voice.refused', where, { utterance, intent: parsed.intent, reason });
  }

  private announce(homeId: string, from: string, message: string, cause: Envelope): void {
    const speaker = this.sim.home(homeId).firstOfType('media_player');
    if (speaker === undefined) return;
    this.sim.sendFromHome(from, speaker.id, { capability: 'media_player', name: 'announce', deviceId: speaker.id.split('/').pop()!, attributes: { message } }, 'command', { causedBy: cause });
  }
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
