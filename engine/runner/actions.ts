// Performs a scenario step's actions on a running simulation. Each action is one thing a person, a device or
// the environment does; everything that follows from it (messages, state changes) is the simulation's business.
import type { Attacker, StandardApps } from '../../twins/sim/apps';
import type { Simulation } from '../../twins/sim/simulation';
import type { TwinActor } from '../../twins/sim/twin-actor';
import type { Action } from '../scenario';
import { gatewayAddressOf } from './simulation-spec';

export class ActionError extends Error {}

export interface ActionContext {
  sim: Simulation;
  apps: StandardApps;
  /** Forced charging strategy (the uncontrolled baseline of a peak-shaving comparison ignores `charging` steps). */
  chargingOverride?: 'uncontrolled' | 'coordinated';
  /** The penetration tester, present when the scenario has `attack` steps (it must listen from the start). */
  attacker?: Attacker;
  /** Hook for faults the simulation cannot do alone (broker restart with real connectors). */
  onBrokerRestart?: (durationMs: number) => void;
}

export function performAction(ctx: ActionContext, action: Action): void {
  const { sim, apps } = ctx;
  switch (action.type) {
    case 'doorbell':
      return lockOf(sim, action.home).send({ type: 'DOORBELL.PRESSED' });
    case 'press': {
      const twin = twinAt(sim, action.device);
      if (twin.kind === 'lock') return twin.send({ type: 'DOORBELL.PRESSED' });
      if (twin.kind === 'light') return twin.send({ type: 'LIGHT.TOGGLE' });
      throw new ActionError(`press: ${action.device} (${twin.kind}) has no button Twinbench knows; use setState`);
    }
    case 'confirm':
    case 'decline': {
      const screen = screenAt(sim, action.screen);
      return screen.send({ type: action.type === 'confirm' ? 'PROMPT.CONFIRM' : 'PROMPT.DECLINE', ...(action.prompt ? { promptId: action.prompt } : {}) });
    }
    case 'ignore':
      // Nothing reaches the twin: the prompt runs out on its own. Noted in the stream so a replay shows intent.
      return sim.kernel.events.emit('prompt.ignored', screenAt(sim, action.screen).id, { prompt: action.prompt ?? null });
    case 'voice':
      if (action.target === 'car') {
        const vehicle = action.vehicle ?? userOf(sim, action.user)?.vehicleId;
        if (vehicle === undefined) throw new ActionError('voice to the car needs `vehicle` or a `user` with a vehicle');
        return apps.voice.hearInCar(vehicle, action.utterance);
      } else {
        const home = action.home ?? userOf(sim, action.user)?.homeId ?? [...sim.homes.keys()][0];
        if (home === undefined) throw new ActionError('voice to the speaker needs `home` or a `user` with a home');
        return apps.voice.hearAtHome(home, action.utterance, action.user);
      }
    case 'drive': {
      const vehicle = sim.vehicle(action.vehicle);
      vehicle.driveTo(sim.placeFor(action.to, vehicle.spec.homeId));
      return;
    }
    case 'plugIn': {
      if (action.vehicle !== '*') return apps.charging.plugIn(action.vehicle, action.needKwh);
      // Every car with a home wallbox, each at its own seeded moment within `spread` (arrivals home vary).
      const arrivals = sim.kernel.random.stream('scenario/plug-in');
      for (const vehicle of sim.vehicles.values()) {
        const homeId = vehicle.spec.homeId;
        if (homeId === undefined || sim.home(homeId).firstOfType('evse') === undefined) continue;
        const delay = Math.round(arrivals.next() * (action.spread ?? 0));
        sim.kernel.scheduler.schedule(delay, () => apps.charging.plugIn(vehicle.id, action.needKwh), `plug-in:${vehicle.id}`);
      }
      return;
    }
    case 'unplug':
      if (action.vehicle === '*') for (const id of [...apps.charging.sessions.keys()]) apps.charging.unplug(id);
      else apps.charging.unplug(action.vehicle);
      return;
    case 'sensor':
      return twinAt(sim, action.device).send({ type: action.state === 'triggered' ? 'SENSOR.DETECTED' : 'SENSOR.CLEARED' });
    case 'sentry': {
      const sentry = sim.vehicle(action.vehicle).parts.sentry;
      if (sentry.state !== 'armed') sentry.send({ type: 'SENTRY.ARM' });
      return sentry.send({ type: action.event === 'scrape' ? 'SENTRY.SCRAPE_DETECTED' : 'SENTRY.IMPACT_DETECTED' });
    }
    case 'fault':
      return injectFault(ctx, action);
    case 'weather':
      return weather(ctx, action);
    case 'setState':
      return twinAt(sim, action.twin).send({ type: action.event, ...action.data });
    case 'charging':
      return apps.charging.setStrategy(ctx.chargingOverride ?? action.strategy);
    case 'stream':
      return apps.media.stream({
        id: action.id, from: action.from, to: action.to, bitrateKbps: action.bitrate,
        ...(action.duration !== undefined ? { durationMs: action.duration } : {}), ...(action.startup !== undefined ? { startupMs: action.startup } : {}),
        ...(action.twoWay ? { twoWay: true } : {}), ...(action.ask !== undefined ? { ask: action.ask } : {}),
      });
    case 'transfer':
      return apps.media.transfer({ id: action.id, from: action.from, to: action.to, sizeBytes: action.size });
    case 'stopFlow':
      if (!apps.media.stop(action.id)) throw new ActionError(`stopFlow: no stream "${action.id}" is running (it never started, or it has ended)`);
      return;
    case 'bandwidth':
      return sim.flows.network.setCapacity(action.party === undefined ? action.link : `${action.link}/${action.party}`, {
        ...(action.up !== undefined ? { upKbps: action.up } : {}), ...(action.down !== undefined ? { downKbps: action.down } : {}),
      });
    case 'attack': {
      if (ctx.attacker === undefined) throw new ActionError('attack: no attacker was listening from the start of the run (create the run from the scenario)');
      ctx.attacker.launch({
        kind: action.kind, vehicleId: action.vehicle,
        ...(action.home !== undefined ? { homeId: action.home } : {}), ...(action.age !== undefined ? { ageMs: action.age } : {}),
      });
      return;
    }
  }
}

function injectFault(ctx: ActionContext, fault: Extract<Action, { type: 'fault' }>): void {
  const { sim } = ctx;
  const durationMs = fault.duration;
  switch (fault.kind) {
    case 'outage':
      // Streams and transfers crossing the link get nothing for as long (they stall or wait), like the messages.
      sim.flows.network.blackout(fault.target, durationMs);
      return sim.bus.links.inject(fault.target, { kind: 'outage', durationMs });
    case 'latency':
      return sim.bus.links.inject(fault.target, { kind: 'latency', extraMs: fault.value ?? 0, durationMs });
    case 'loss':
      return sim.bus.links.inject(fault.target, { kind: 'loss', loss: fault.value ?? 0, durationMs });
    case 'offline':
      return sim.gateways.send(gatewayAddressOf(fault.target), { type: 'GATEWAY.FAIL', reason: 'fault injected by the scenario', durationMs });
    case 'degraded':
      return sim.gateways.send(gatewayAddressOf(fault.target), { type: 'GATEWAY.DEGRADE', reason: 'fault injected by the scenario', durationMs, ...(fault.value !== undefined ? { extraLatencyMs: fault.value } : {}) });
    case 'broker-restart':
      sim.kernel.events.emit('fault.broker_restart', 'sim', { durationMs });
      return ctx.onBrokerRestart?.(durationMs);
  }
}

/** Weather: a rainstorm is felt by every car that is out (rain sensor), which warns its home. */
function weather(ctx: ActionContext, w: Extract<Action, { type: 'weather' }>): void {
  const { sim, apps } = ctx;
  sim.kernel.events.emit(`weather.${w.kind}`, 'environment', { intensity: w.intensity, ...(w.temperature !== undefined ? { temperature: w.temperature } : {}) });
  // The weather service's alert covers the whole area: every home's home mode adapts to it (twins/sim/apps/home-mode.ts).
  for (const home of sim.homes.values()) home.weatherAlerts.add(w.kind);
  if (w.kind === 'rainstorm') {
    for (const vehicle of sim.vehicles.values()) {
      if (vehicle.location?.id !== (vehicle.spec.homeId ? sim.home(vehicle.spec.homeId).place.id : undefined)) {
        apps.car.reportToHome(vehicle.id, { weather_alert: 'rainstorm' });
      }
    }
  } else if (w.temperature !== undefined) {
    for (const home of sim.homes.values()) for (const c of home.devicesOfType('climate')) c.send({ type: 'OUTDOOR.TEMPERATURE_CHANGED', temperature: w.temperature });
    for (const v of sim.vehicles.values()) v.parts.hvac.send({ type: 'AMBIENT.TEMPERATURE_CHANGED', temperature: w.temperature });
  }
}

function userOf(sim: Simulation, id: string | undefined) {
  return id === undefined ? undefined : sim.users.get(id);
}

function lockOf(sim: Simulation, homeId: string): TwinActor {
  const lock = sim.home(homeId).firstOfType('lock');
  if (lock === undefined) throw new ActionError(`home ${homeId} has no smart lock`);
  return lock;
}

export function twinAt(sim: Simulation, address: string): TwinActor {
  const twin = sim.twin(address);
  if (twin === undefined) throw new ActionError(`no twin at ${address}`);
  return twin;
}

/** A screen by address: `vehicle/car1` is the car screen, `phone/alice` the phone, `home/h1/screen.tv` a home screen. */
function screenAt(sim: Simulation, address: string): TwinActor {
  if (/^(vehicle|phone)\/[^/]+$/.test(address)) return twinAt(sim, `${address}/screen`);
  return twinAt(sim, address);
}
