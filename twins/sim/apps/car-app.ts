// The car's head unit apps: it shows what the home sends (notifications, prompts, the doorbell picture-in-picture),
// answers status queries from live VSS signals, accepts remote commands (preconditioning, navigation, media), and
// acts on the driver's answers — a confirmed doorbell prompt sends the remote unlock (signed, naming the prompt the
// occupant confirmed, which the home checks), a confirmed arrival prompt starts home mode. Nothing is sent on a
// decline or a timeout.
import { deviceAddress, vehicleAddress } from '../../bus/addresses';
import type { Envelope } from '../../bus/envelope';
import type { Json } from '../../kernel/types';
import { VSS } from '../../vehicle/vss';
import type { Intent, JsonObject } from '../ecosystem-codec';
import type { SimApp, Simulation } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';
import { vehicleAttributeProblem, vehicleCommandOf } from '../vehicle-commands';
import { homeModeIntents } from './home-mode';

const PROMPT_TIMEOUT_MS = 30_000;

export class CarApp implements SimApp {
  /** Prompts the car is showing on behalf of the home: prompt id → what a confirmation does. */
  private readonly pendingActions = new Map<string, { vehicleId: string; homeId: string; action: 'unlock' | 'home-mode'; cause?: Envelope }>();
  private promptSeq = 0;

  constructor(private readonly sim: Simulation) {}

  onMessage(address: string, env: Envelope, intent: Intent | undefined): boolean {
    if (!address.startsWith('vehicle/') || intent === undefined) return false;
    const vehicleId = address.slice('vehicle/'.length);
    const vehicle = this.sim.vehicle(vehicleId);
    const screen = vehicle.parts.screen;
    const a = intent.attributes;
    const ok = (attributes: JsonObject = {}): void => void (env.kind !== 'event' && this.sim.respond(env, { ...intent, attributes, success: true }));
    const refuse = (error: string): true => {
      if (env.kind !== 'event') this.sim.respond(env, { ...intent, attributes: {}, success: false, error });
      return true;
    };
    if (env.kind === 'query' && intent.name !== 'get_state') return refuse(`a query only reads (get_state): send '${intent.name}' to ${address} as a command`);
    // The car acts only on commands whose effect it knows: that table is also what its security check reads.
    if (vehicleCommandOf(intent).effect === 'unknown') return false;
    // A number out of the car's range (a cabin at 90 °C, a latitude of 200) is refused, not silently followed.
    const problem = vehicleAttributeProblem(`${intent.capability}/${intent.name}`, a);
    if (problem !== undefined) return refuse(problem);
    switch (`${intent.capability}/${intent.name}`) {
      case 'vehicle_display/notify':
        screen.send({ type: 'NOTIFICATION.POST', notification: { id: str(a.notification_id, env.id), title: str(a.title), body: str(a.message), severity: str(a.severity, 'info'), at: this.sim.now } });
        ok();
        return true;
      case 'vehicle_display/show_pip':
        screen.send({ type: 'PIP.SHOW', pip: { source: str(a.source, 'camera'), title: str(a.title) } });
        ok();
        return true;
      case 'vehicle_display/close_pip':
        screen.send({ type: 'PIP.CLOSE' });
        ok();
        return true;
      case 'vehicle_display/prompt': {
        // A prompt asks the driver something: without a question, or with a lifetime no screen can keep, it is refused.
        if (typeof a.title !== 'string' || a.title.length === 0) return refuse('a prompt needs a title (the question to the driver)');
        const promptId = str(a.prompt_id, env.id);
        const homeId = promptId.split(':')[1] ?? '';
        if (promptId.startsWith('doorbell:')) this.pendingActions.set(promptId, { vehicleId, homeId, action: 'unlock', cause: env });
        screen.send({ type: 'PROMPT.SHOW', prompt: { id: promptId, question: str(a.title), options: ['confirm', 'decline'], expiresAfterMs: num(a.expires_after_ms, PROMPT_TIMEOUT_MS) } });
        ok();
        return true;
      }
      case 'vehicle/get_state':
        ok(this.statusAttributes(vehicleId));
        return true;
      // Remote start (effect `start`, critical: only a signed, authorised command gets this far) makes an EV ready to
      // drive; the twin models its cabin part, the same preconditioning a paired home may ask for unsigned.
      case 'vehicle_remote/remote_start':
      case 'vehicle_climate/precondition':
      case 'vehicle_climate/turn_on':
        vehicle.parts.hvac.send({ type: 'HVAC.PRECONDITION', ...(typeof a.temperature === 'number' ? { temperature: a.temperature } : {}) });
        ok();
        return true;
      // Locking is not critical; unlocking is (only a signed command the car's grant covers gets this far).
      case 'vehicle_lock/lock':
      case 'vehicle_lock/unlock': {
        const rejected = vehicle.parts.body.sendChecked({ type: intent.name === 'lock' ? 'DOOR.LOCK' : 'DOOR.UNLOCK' });
        if (rejected !== undefined) return refuse(rejected);
        ok();
        return true;
      }
      case 'vehicle_climate/set_temperature':
        vehicle.parts.hvac.send({ type: 'HVAC.SET_TARGET', temperature: num(a.temperature, 22) });
        ok();
        return true;
      case 'vehicle_climate/turn_off':
        vehicle.parts.hvac.send({ type: 'HVAC.TURN_OFF' });
        ok();
        return true;
      case 'vehicle_navigation/set_destination':
      case 'vehicle_media/play_media':
        // Recorded by the message itself (route and playlist hand-over); the car accepts them.
        ok();
        return true;
      default:
        return false;
    }
  }

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    if (event.type === 'sentry.alert') return this.reportToHome(String(event.vehicleId), { sentry_event: String(event.detection), sentry_clip_id: String(event.clipId) });
    if (event.type !== 'prompt.answered' || !twin.id.startsWith('vehicle/')) return;
    const pending = this.pendingActions.get(String(event.promptId));
    if (pending === undefined) return;
    this.pendingActions.delete(String(event.promptId));
    if (pending.action === 'unlock') {
      const lock = this.sim.home(pending.homeId).firstOfType('lock');
      if (event.answer === 'confirmed' && lock !== undefined) {
        this.sim.sendFromCar(pending.vehicleId, lock.id, { capability: 'lock', name: 'unlock', deviceId: lock.id.split('/').pop()!, attributes: {} }, 'command', {
          confirmation: String(event.promptId), ...(pending.cause ? { causedBy: pending.cause } : {}),
        });
      }
      // Answered, declined or timed out, the doorbell call is over: its video leaves every screen that showed it.
      this.endDoorbellCall(pending.vehicleId, String(event.promptId));
    } else if (event.answer === 'confirmed') { // declined or timed out: nothing leaves the car
      for (const intent of homeModeIntents(this.sim, pending.homeId, pending.vehicleId)) {
        this.sim.sendFromCar(pending.vehicleId, deviceAddress(pending.homeId, intent.deviceId), intent, 'command');
      }
    }
  }

  /** The car's own screen closes the doorbell's video at once; the home is told, so its screens close it too. */
  private endDoorbellCall(vehicleId: string, promptId: string): void {
    this.sim.vehicle(vehicleId).parts.screen.send({ type: 'PIP.CLOSE' });
    this.reportToHome(vehicleId, { doorbell_call: 'ended', prompt_id: promptId });
  }

  /** The car raises something for its home (sentry alert, weather warning): an event to the home's automation host. */
  reportToHome(vehicleId: string, attributes: JsonObject): void {
    const homeId = this.sim.vehicle(vehicleId).spec.homeId;
    if (homeId === undefined) return;
    this.sim.sendFromCar(vehicleId, this.sim.automationHost(homeId), { capability: 'vehicle', name: 'state_changed', deviceId: `vehicle.${vehicleId}`, attributes }, 'event');
  }

  /** Ask the driver (on the car screen) whether to start home mode; confirmation sends the commands. */
  promptHomeMode(vehicleId: string, homeId: string): void {
    const promptId = `home-mode:${homeId}:${++this.promptSeq}`;
    this.pendingActions.set(promptId, { vehicleId, homeId, action: 'home-mode' });
    this.sim.vehicle(vehicleId).parts.screen.send({
      type: 'PROMPT.SHOW', prompt: { id: promptId, question: 'Almost home. Start home mode?', options: ['confirm', 'decline'], expiresAfterMs: PROMPT_TIMEOUT_MS },
    });
  }

  /** Live status in the home ecosystem's attribute names (what the speaker reads out). */
  private statusAttributes(vehicleId: string): JsonObject {
    const vehicle = this.sim.vehicle(vehicleId);
    const s = vehicle.signals(this.sim.now) as Record<string, Json>;
    return {
      battery_level: s[VSS.stateOfCharge] ?? null,
      range_km: typeof s[VSS.range] === 'number' ? Math.round((s[VSS.range] as number) / 1000) : null,
      charging: s[VSS.isCharging] ?? null,
      tire_pressure_front_left: s['Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure'] ?? null,
      tire_pressure_front_right: s['Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure'] ?? null,
      tire_pressure_rear_left: s['Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure'] ?? null,
      tire_pressure_rear_right: s['Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure'] ?? null,
      driver_door_locked: s['Vehicle.Cabin.Door.Row1.DriverSide.IsLocked'] ?? null,
      passenger_door_locked: s['Vehicle.Cabin.Door.Row1.PassengerSide.IsLocked'] ?? null,
      rear_left_door_locked: s['Vehicle.Cabin.Door.Row2.DriverSide.IsLocked'] ?? null,
      rear_right_door_locked: s['Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked'] ?? null,
      driver_window_position: s['Vehicle.Cabin.Door.Row1.DriverSide.Window.Position'] ?? null,
      passenger_window_position: s['Vehicle.Cabin.Door.Row1.PassengerSide.Window.Position'] ?? null,
      rear_left_window_position: s['Vehicle.Cabin.Door.Row2.DriverSide.Window.Position'] ?? null,
      rear_right_window_position: s['Vehicle.Cabin.Door.Row2.PassengerSide.Window.Position'] ?? null,
      latitude: s[VSS.latitude] ?? null,
      longitude: s[VSS.longitude] ?? null,
      speed: s[VSS.speed] ?? null,
      eta_minutes: Math.round(vehicle.etaSeconds(this.sim.now) / 60),
    };
  }
}

export function vehicleOf(address: string): string | undefined {
  return address.startsWith('vehicle/') ? address.split('/')[1] : undefined;
}

const str = (v: Json | undefined, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: Json | undefined, fallback: number): number => (typeof v === 'number' ? v : fallback);

export { vehicleAddress };
