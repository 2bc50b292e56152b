// The event types the twins put in the canonical stream, each with the keys of its data: what a scenario's
// `type:` and `data:` may name. A machine's entry is checked by the compiler against the machine's own
// `…Emitted` type (every type, every key, nothing else), so it cannot drift from the machine; the other emitters
// (simulation, bus, gateways, security, apps) declare theirs beside them here, and a test that runs every shipped
// scenario asserts that each emitted type and data key is listed (engine/runner/emitted-names.test.ts).
import type { Envelope } from '../../bus/envelope';
import { GATEWAY_MACHINES } from '../../gateways/gateway-fleet';
import type { AlarmPanelEmitted } from '../../home/alarm-control-panel.machine';
import type { BinarySensorEmitted } from '../../home/binary-sensor.machine';
import type { DeviceType } from '../../home/devices';
import type { CameraEmitted } from '../../home/camera.machine';
import type { EvseEmitted } from '../../home/evse.machine';
import type { FanEmitted } from '../../home/fan.machine';
import type { VacuumEmitted } from '../../home/vacuum.machine';
import type { LockEmitted } from '../../home/lock.machine';
import type { MediaPlayerEmitted } from '../../home/media-player.machine';
import type { ScreenEmitted } from '../../home/screen.machine';
import type { StorageEmitted } from '../../home/storage.machine';
import type { BodyEmitted } from '../../vehicle/body.machine';
import type { CabinHvacEmitted } from '../../vehicle/cabin-hvac.machine';
import type { DriveEmitted } from '../../vehicle/drive.machine';
import type { SentryEmitted } from '../../vehicle/sentry.machine';
import type { TiresEmitted } from '../../vehicle/tires.machine';
import type { VehiclePart } from '../../vehicle';
import type { TractionBatteryEmitted } from '../../vehicle/traction-battery.machine';

/** Event type → the keys its data may have. */
export type EventCatalogue = Readonly<Record<string, readonly string[]>>;

type DataKeysOf<E> = Exclude<keyof E, 'type'>;
/** Every emitted type of a machine, each with exactly its data keys: a missing or extra one is a type error. */
type MachineEntries<E extends { type: string }> = { [T in E['type']]: { [K in DataKeysOf<Extract<E, { type: T }>>]-?: true } };

/** The twin kinds (TwinActor.kind) a machine runs as: a device type, a vehicle part, or a phone's screen. */
type TwinKind = DeviceType | VehiclePart | 'phone';

interface MachineEvents {
  kinds: readonly TwinKind[];
  events: EventCatalogue;
}

function fromMachine<E extends { type: string }>(kinds: readonly TwinKind[], entries: MachineEntries<E>): MachineEvents {
  return { kinds, events: Object.fromEntries(Object.entries(entries).map(([type, keys]) => [type, Object.keys(keys as object)])) };
}

const MACHINE_EVENTS: readonly MachineEvents[] = [
  fromMachine<LockEmitted>(['lock'], {
    'doorbell.pressed': { entityId: true, at: true, visitor: true },
    'lock.locked': { entityId: true, at: true },
    'lock.unlocked': { entityId: true, at: true, by: true },
    'lock.jammed': { entityId: true, at: true },
    'command.rejected': { twinId: true, command: true, reason: true },
  }),
  fromMachine<AlarmPanelEmitted>(['alarm_control_panel'], {
    'alarm_panel.armed': { entityId: true, mode: true, by: true },
    'alarm_panel.disarmed': { entityId: true, by: true },
    'alarm_panel.triggered': { entityId: true, zone: true },
  }),
  fromMachine<BinarySensorEmitted>(['binary_sensor'], {
    'alarm.raised': { entityId: true, deviceClass: true, at: true },
    'alarm.cleared': { entityId: true, deviceClass: true, at: true },
  }),
  fromMachine<CameraEmitted>(['camera'], {
    'camera.clip_recorded': { entityId: true, clipId: true, startedAt: true, durationMs: true, sizeBytes: true },
  }),
  fromMachine<EvseEmitted>(['evse'], {
    'evse.session_started': { entityId: true, sessionId: true, at: true },
    'evse.session_ended': { entityId: true, sessionId: true, at: true, energyKwh: true },
    'evse.power_changed': { entityId: true, at: true, deliveredPowerKw: true },
    'evse.discharge_changed': { entityId: true, at: true, dischargedPowerKw: true },
    'command.rejected': { twinId: true, command: true, reason: true },
  }),
  fromMachine<FanEmitted>(['fan'], { 'command.rejected': { twinId: true, command: true, reason: true } }),
  fromMachine<VacuumEmitted>(['vacuum'], { 'command.rejected': { twinId: true, command: true, reason: true } }),
  fromMachine<MediaPlayerEmitted>(['media_player'], { 'speaker.announced': { entityId: true, text: true, requestedAt: true, at: true } }),
  fromMachine<ScreenEmitted>(['screen', 'phone'], {
    'prompt.answered': { entityId: true, promptId: true, answer: true, option: true, at: true, responseTimeMs: true },
    'notification.acknowledged': { entityId: true, notificationId: true },
    'notification.shown': { entityId: true, notificationId: true, title: true, severity: true },
    'prompt.shown': { entityId: true, promptId: true, question: true },
    'pip.shown': { entityId: true, source: true, title: true },
    'pip.closed': { entityId: true },
  }),
  fromMachine<StorageEmitted>(['storage'], {
    'storage.clip_saved': { entityId: true, clipId: true, at: true, usedBytes: true },
    'storage.write_failed': { entityId: true, clipId: true, at: true, reason: true },
    'storage.media_opened': { entityId: true, mediaId: true },
    'command.rejected': { twinId: true, command: true, reason: true },
  }),
  fromMachine<BodyEmitted>(['body'], {
    'body.locked': { vehicleId: true },
    'body.unlocked': { vehicleId: true, doors: true },
    'command.rejected': { twinId: true, command: true, reason: true },
  }),
  fromMachine<CabinHvacEmitted>(['hvac'], {
    'hvac.cabin_ready': { vehicleId: true, at: true, temperature: true },
    'hvac.preconditioning_expired': { vehicleId: true, at: true },
  }),
  fromMachine<DriveEmitted>(['drive'], {
    'trip.started': { vehicleId: true, tripId: true, at: true },
    'trip.ended': { vehicleId: true, tripId: true, at: true, distanceKm: true, energyKwh: true, durationMs: true },
    'energy.consumed': { vehicleId: true, at: true, energyKwh: true },
    'command.rejected': { twinId: true, command: true, reason: true },
  }),
  fromMachine<SentryEmitted>(['sentry'], {
    'sentry.alert': { vehicleId: true, at: true, detection: true, zone: true, clipId: true },
    'sentry.clip_saved': { vehicleId: true, clipId: true, startedAt: true, durationMs: true, sizeBytes: true },
  }),
  fromMachine<TiresEmitted>(['tires'], {
    'tire.pressure_low': { vehicleId: true, at: true, wheels: true },
    'tire.pressure_restored': { vehicleId: true, at: true },
  }),
  fromMachine<TractionBatteryEmitted>(['battery'], {
    'charging.started': { vehicleId: true, at: true, socPercent: true },
    'charging.stopped': { vehicleId: true, at: true, socPercent: true, reason: true },
    'charging.completed': { vehicleId: true, at: true, socPercent: true },
    'discharging.started': { vehicleId: true, at: true, socPercent: true, powerKw: true, floorSocPercent: true },
    'discharging.reserve_reached': { vehicleId: true, at: true, socPercent: true },
    'discharging.stopped': { vehicleId: true, at: true, socPercent: true },
    'command.rejected': { twinId: true, command: true, reason: true },
  }),
];

/** A finished message's event carries the envelope itself (twins/bus/bus.ts emitEnvelope). */
const ENVELOPE_KEYS: { [K in keyof Envelope]-?: true } = {
  id: true, traceId: true, spanId: true, parentSpanId: true, source: true, destination: true, topic: true, kind: true, payload: true,
  correlationId: true, architecture: true, createdAt: true, path: true, hops: true, status: true, completedAt: true, error: true, failure: true,
};

/** `gateway.state` reports the gateway's role and reason and the state of each region of its machine. */
function gatewayStateKeys(): string[] {
  const regions = new Set<string>();
  for (const machine of Object.values(GATEWAY_MACHINES)) for (const region of Object.keys(machine.root.states)) regions.add(region);
  return ['role', 'reason', ...[...regions].sort()];
}

const SECURITY_BASE = ['command', 'to', 'from', 'message'];
const GRANT_KEYS = ['id', 'issuer', 'subject', 'audience', 'scopes', 'issuedAt', 'expiresAt'];

/** Emitters outside the machines, each named where it emits. */
const OTHER_EVENTS = (): EventCatalogue => ({
  // twins/sim/twin-actor.ts: every twin's creation, state or context change, and a machine's crash.
  'twin.created': ['kind', 'state', 'changes'],
  'twin.state': ['kind', 'state', 'from', 'changes'],
  'twin.error': ['message'],
  // twins/sim/simulation.ts
  'sim.started': ['seed', 'architecture', 'homes', 'vehicles', 'map'],
  'geofence.enter': ['fence'],
  'geofence.exit': ['fence'],
  'vehicle.eta': ['reason', 'destination', 'arriveAt', 'etaSeconds', 'etaMinutes'],
  'route.changed': ['reason', 'lengthM', 'etaSeconds', 'avoided'],
  'road.flooded': ['segments', 'radiusM'],
  'flood.entered': ['edge'],
  // twins/sim/apps/precool.ts and evening-mode.ts
  'home.precool_planned': ['home', 'vehicle', 'startAt', 'arriveAt', 'target', 'leadMinutes'],
  'home.arrived': ['vehicle', 'roomTemperature', 'targetTemperature', 'hvacMode'],
  'calendar.departure_predicted': ['user', 'home', 'departure', 'because', 'arriveAt'],
  'home.evening_mode': ['home', 'user', 'predictedArrival'],
  // twins/bus/flow-network.ts: streams and transfers (source: the receiving party)
  'flow.started': ['flow', 'kind', 'from', 'to', 'path', 'links', 'bitrateKbps', 'sizeBytes'],
  'flow.first_frame': ['flow', 'ttffMs'],
  'flow.stalled': ['flow', 'stall'],
  'flow.resumed': ['flow', 'stalledMs'],
  'flow.completed': ['flow', 'ms', 'bytes', 'throughputKbps'],
  'flow.ended': ['flow', 'reason', 'ttffMs', 'playedMs', 'stalls', 'stalledMs', 'rebufferRatio', 'throughputKbps', 'bytes'],
  'flow.failed': ['flow', 'kind', 'from', 'to', 'reason', 'bytes'],
  // twins/bus/bus.ts
  'msg.delivered': Object.keys(ENVELOPE_KEYS),
  'msg.failed': Object.keys(ENVELOPE_KEYS),
  // twins/gateways/gateway-fleet.ts
  'gateway.state': gatewayStateKeys(),
  // twins/sim/command-guard.ts and twins/security/command-security.ts
  // `at`: the node whose hop the check ran on (the source is the party whose check and records it was).
  'security.verified': [...SECURITY_BASE, 'at', 'stage', 'sender', 'grant'],
  'security.refused': [...SECURITY_BASE, 'at', 'reason', 'detail', 'stage', 'sender', 'member'],
  'security.paired': ['home', 'vehicle', 'vin', 'grants'],
  'security.enrolled': ['party', 'id', 'domain', 'grant'],
  'security.grant_renewed': [...GRANT_KEYS, 'replaces'],
  // twins/sim/apps/account-app.ts
  'account.created': ['account', 'home', 'members', 'homeControl', 'media'],
  'account.entitlement_granted': ['account', 'member', 'entitlement', 'grants'],
  'account.entitlement_revoked': ['account', 'member', 'entitlement', 'grants'],
  'account.media_followed': ['account', 'member', 'subscription', 'to'],
  // twins/sim/apps/attacker.ts and voice-assistant.ts
  'attack.launched': ['kind', 'from', 'to', 'claimedSender', 'replays'],
  'attack.outcome': ['kind', 'message', 'outcome', 'error', 'response'],
  // twins/sim/apps/occupant-consent.ts
  'consent.requested': ['prompt', 'home', 'requester', 'command', 'screens'],
  'consent.answered': ['prompt', 'home', 'requester', 'answer', 'by'],
  'voice.not_understood': ['utterance', 'language', 'where'],
  'voice.refused': ['utterance', 'intent', 'reason'],
  'screen.tapped': ['control', 'room', 'temperature', 'mode'],
  // twins/sim/proactive: the household's ground truth and taps, a proactive agent's actions and questions
  'household.departed': ['day', 'minute', 'socPercent', 'readySocPercent'],
  'household.arrived': ['day', 'minute', 'dark'],
  'user.interaction': ['need', 'how', 'day', 'temperature', 'answer', 'brightness'],
  'agent.acted': ['need', 'day', 'weekday', 'topic', 'target', 'confidence', 'explanation', 'startAt', 'readyAt', 'vehicle'],
  'agent.asked': ['need', 'day', 'confidence', 'explanation'],
});

/** Merges catalogues; a type emitted by several twins may carry the keys of any of them. */
export function mergeCatalogues(parts: readonly EventCatalogue[]): EventCatalogue {
  const merged = new Map<string, Set<string>>();
  for (const part of parts) {
    for (const [type, keys] of Object.entries(part)) {
      const set = merged.get(type) ?? new Set<string>();
      for (const key of keys) set.add(key);
      merged.set(type, set);
    }
  }
  return Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : 1)).map(([type, keys]) => [type, [...keys]]));
}

let twinEvents: EventCatalogue | undefined;

/** Every event type the twins emit, with its data keys. */
export function twinEventCatalogue(): EventCatalogue {
  return (twinEvents ??= mergeCatalogues([...MACHINE_EVENTS.map((machine) => machine.events), OTHER_EVENTS()]));
}

let emitters: ReadonlyMap<string, ReadonlySet<string>> | undefined;

/**
 * For each event type only machines emit, the twin kinds whose machine emits it (`lock.unlocked` → lock). A matcher
 * naming a twin of another kind as its source could never match.
 */
export function machineEmitters(): ReadonlyMap<string, ReadonlySet<string>> {
  if (emitters === undefined) {
    const others = OTHER_EVENTS();
    const map = new Map<string, Set<string>>();
    for (const machine of MACHINE_EVENTS) {
      for (const type of Object.keys(machine.events)) {
        if (Object.hasOwn(others, type)) continue;
        const kinds = map.get(type) ?? new Set<string>();
        for (const kind of machine.kinds) kinds.add(kind);
        map.set(type, kinds);
      }
    }
    emitters = map;
  }
  return emitters;
}
