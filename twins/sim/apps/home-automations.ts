// The home's automations, running where the architecture puts them (the home cloud, or the home gateway under
// local): device events arrive as messages and fan out to screens, phones and the car. Scenes (seed §2.2):
// doorbell across screens, safety alerts, arrival (the car's ETA falls to the arrival lead) and ETA announcement,
// status queries, rainstorm.
import { isWindowCover } from '../../home/cover-kind';
import { deviceAddress, phoneAddress, vehicleAddress } from '../../bus/addresses';
import type { Envelope } from '../../bus/envelope';
import type { Json } from '../../kernel/types';
import type { Intent } from '../ecosystem-codec';
import type { SimApp, Simulation } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import type { EtaUpdate } from '../vehicle-twin';
import type { CarApp } from './car-app';
import { driverOf } from '../user-index';

/** Device events worth a message to the automation host (others stay local to the device). */
const FORWARDED = new Set(['doorbell.pressed', 'alarm.raised', 'alarm.cleared']);
/** How long the doorbell prompt stays on the car screen. */
const DOORBELL_PROMPT_MS = 30_000;

export class HomeAutomations implements SimApp {
  private doorbellSeq = 0;

  constructor(private readonly sim: Simulation, private readonly car: CarApp) {}

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    if (!twin.id.startsWith('home/') || !FORWARDED.has(event.type)) return;
    const homeId = twin.id.split('/')[1]!;
    const attributes: { [key: string]: Json } = { event_type: event.type.replace('.', '_') };
    if (typeof event.deviceClass === 'string') attributes.device_class = event.deviceClass;
    this.sim.sendFromHome(twin.id, this.sim.automationHost(homeId), {
      capability: event.type.startsWith('alarm') ? 'binary_sensor' : 'event', name: 'state_changed', deviceId: twin.id.split('/').pop()!, attributes,
    }, 'event');
  }

  onMessage(address: string, env: Envelope, intent: Intent | undefined): boolean {
    if (intent === undefined || env.kind !== 'event') return false;
    if (env.source.startsWith('vehicle/') && intent.capability === 'vehicle') return this.fromCar(address, env, intent);
    if (!env.source.startsWith('home/')) return false;
    if (address !== this.sim.automationHost(env.source.split('/')[1]!)) return false;
    const homeId = env.source.split('/')[1]!;
    const eventType = intent.attributes.event_type;
    if (eventType === 'doorbell_pressed') this.doorbell(homeId, env);
    else if (eventType === 'alarm_raised') this.safetyAlert(homeId, String(intent.attributes.device_class ?? 'alarm'), env);
    else return eventType === 'alarm_cleared'; // leave other events (voice, …) to the apps that handle them
    return true;
  }

  /**
   * Home mode on approach: when the car's ETA home falls to the arrival lead (5 minutes by default, seed §2.2 "X is
   * 5 minutes away") it asks the driver, and the speaker tells the family. The home geofence still marks "arrived".
   */
  onEta(update: EtaUpdate): void {
    if (update.reason !== 'lead') return;
    const vehicle = this.sim.vehicle(update.vehicleId);
    const homeId = vehicle.spec.homeId;
    if (homeId === undefined || update.destination !== this.sim.home(homeId).place.id) return;
    this.car.promptHomeMode(vehicle.id, homeId);
    // "X is N minutes away": the car tells the home, the speaker announces it to the family.
    const speaker = this.sim.home(homeId).firstOfType('media_player');
    if (speaker === undefined) return;
    const minutes = Math.max(1, Math.round(update.etaSeconds / 60));
    const driver = driverOf(this.sim.users, vehicle.id)?.id ?? vehicle.id;
    this.sim.sendFromCar(vehicle.id, speaker.id, {
      capability: 'media_player', name: 'announce', deviceId: speaker.id.split('/').pop()!, attributes: { message: `${driver} is ${minutes} minutes away` },
    }, 'command');
  }

  /** Alerts the car raises for its home: a sentry scrape pops up on the home screens; a rainstorm closes windows. */
  private fromCar(address: string, env: Envelope, intent: Intent): boolean {
    const vehicle = this.sim.vehicles.get(env.source.split('/')[1]!);
    const homeId = vehicle?.spec.homeId;
    if (vehicle === undefined || homeId === undefined || address !== this.sim.automationHost(homeId)) return false;
    const home = this.sim.home(homeId);
    const notify = (title: string, message: string, severity: string): void => {
      for (const screen of home.devicesOfType('screen')) {
        this.sim.sendFromHome(address, screen.id, {
          capability: 'screen', name: 'notify', deviceId: screen.id.split('/').pop()!,
          attributes: { notification_id: `${env.id}:${screen.id}`, title, message, severity },
        }, 'command', { causedBy: env });
      }
    };
    const a = intent.attributes;
    if (typeof a.sentry_event === 'string') notify(`Sentry mode: ${a.sentry_event} detected`, `${vehicle.id} recorded clip ${String(a.sentry_clip_id ?? '')}`, 'warning');
    if (a.doorbell_call === 'ended') {
      // The call the doorbell started is over (answered in the car, declined or timed out): its video goes away.
      for (const screen of home.devicesOfType('screen')) {
        this.sim.sendFromHome(address, screen.id, { capability: 'screen', name: 'close_pip', deviceId: screen.id.split('/').pop()!, attributes: {} }, 'command', { causedBy: env });
      }
    }
    if (a.weather_alert === 'rainstorm') {
      home.weatherAlerts.add('rainstorm');
      notify('Rainstorm warning from your car', 'Closing the windows', 'warning');
      for (const cover of home.devicesOfType('cover')) {
        if (!isWindowCover(cover.id)) continue;
        this.sim.sendFromHome(address, cover.id, { capability: 'cover', name: 'close_cover', deviceId: cover.id.split('/').pop()!, attributes: {} }, 'command', { causedBy: env });
      }
    }
    return true;
  }

  private doorbell(homeId: string, cause: Envelope): void {
    const host = this.sim.automationHost(homeId);
    const home = this.sim.home(homeId);
    const camera = home.firstOfType('camera')?.id ?? `${deviceAddress(homeId, 'camera.front_door')}`;
    const pip = { source: camera, title: 'Visitor at the front door' };
    for (const screen of home.devicesOfType('screen')) {
      this.sim.sendFromHome(host, screen.id, { capability: 'screen', name: 'show_pip', deviceId: screen.id.split('/').pop()!, attributes: pip }, 'command', { causedBy: cause });
    }
    const promptId = `doorbell:${homeId}:${++this.doorbellSeq}`;
    for (const vehicle of this.sim.vehicles.values()) {
      if (vehicle.spec.homeId !== homeId) continue;
      const to = vehicleAddress(vehicle.id);
      const deviceId = `vehicle.${vehicle.id}`;
      this.sim.sendFromHome(host, to, { capability: 'vehicle_display', name: 'show_pip', deviceId, attributes: pip }, 'command', { causedBy: cause });
      this.sim.sendFromHome(host, to, {
        capability: 'vehicle_display', name: 'prompt', deviceId,
        attributes: { prompt_id: promptId, title: 'Someone is at the door. Unlock remotely?', expires_after_ms: DOORBELL_PROMPT_MS },
      }, 'command', { causedBy: cause }); // the prompt is the confirmation record: the authoriser keeps it as it leaves

    }
  }

  private safetyAlert(homeId: string, deviceClass: string, cause: Envelope): void {
    const host = this.sim.automationHost(homeId);
    const title = `${deviceClass === 'moisture' ? 'Water leak' : deviceClass === 'smoke' ? 'Smoke' : deviceClass === 'gas' ? 'Gas leak' : 'Alarm'} detected at home`;
    const note = { notification_id: `alert:${homeId}:${deviceClass}`, title, message: `${deviceClass} sensor triggered`, severity: 'critical' };
    for (const user of this.sim.users.values()) {
      if (user.homeId !== homeId) continue;
      this.sim.sendFromHome(host, phoneAddress(user.id), { capability: 'notify', name: 'notify', deviceId: `phone.${user.id}`, attributes: note }, 'command', { causedBy: cause });
    }
    for (const vehicle of this.sim.vehicles.values()) {
      if (vehicle.spec.homeId !== homeId) continue;
      this.sim.sendFromHome(host, vehicleAddress(vehicle.id), { capability: 'vehicle_display', name: 'notify', deviceId: `vehicle.${vehicle.id}`, attributes: note }, 'command', { causedBy: cause });
    }
    for (const screen of this.sim.home(homeId).devicesOfType('screen')) {
      this.sim.sendFromHome(host, screen.id, { capability: 'screen', name: 'notify', deviceId: screen.id.split('/').pop()!, attributes: note }, 'command', { causedBy: cause });
    }
  }
}
