// What the world offers and accepts, apart from how it is built: the apps that plug into it, the options of a
// message sent through it, and the host services a Simulation is created with.
import type { Envelope } from '../bus/envelope';
import type { SimEventListener, StreamHasher, Utf8Decoder } from '../kernel';
import type { SignatureProvider } from '../security';
import type { Intent } from './ecosystem-codec';
import type { EmittedEvent, TwinActor } from './twin-actor';
import type { EtaUpdate, VehicleFenceCrossing } from './vehicle-twin';

/** Scenario behaviour plugged into the world: the home's automations, the car's apps, the phone. */
export interface SimApp {
  /** A message arrived at `address` (a cloud, a gateway, a vehicle or a phone). Return true when handled. */
  onMessage?(address: string, envelope: Envelope, intent: Intent | undefined): boolean;
  /** A twin emitted a domain event (doorbell pressed, prompt answered, alarm raised …). */
  onTwinEvent?(twin: TwinActor, event: EmittedEvent): void;
  onGeofence?(crossing: VehicleFenceCrossing): void;
  /** A car's arrival prediction changed (departure, arrival lead, reroute, arrival): see twins/world/eta.ts. */
  onEta?(update: EtaUpdate): void;
}

export interface MessageOptions {
  timeoutMs?: number;
  onResponse?(response: Envelope, intent: Intent | undefined): void;
  onFailure?(reason: string, envelope: Envelope): void;
  causedBy?: Envelope;
  /** Prompt the occupant confirmed, named in a critical command's signature block (the doorbell's unlock). */
  confirmation?: string;
  /**
   * The party whose key signs a critical command, when it is not the bus address the message leaves from: Home
   * Assistant's commands enter at the home gateway but are signed as `party/ha-controller`, under its own grant.
   */
  signer?: string;
  /** The family member a car's command is for (unified account): the home checks that member's own grant. */
  member?: string;
}

export interface SimulationOptions {
  hasher?: StreamHasher;
  /** The host's UTF-8 decoder for the lines listeners get (see EventLogOptions). */
  decodeUtf8?: Utf8Decoder;
  listeners?: readonly SimEventListener[];
  /** Ed25519 for signed critical commands; the portable @noble/curves one by default, node:crypto in the engine. */
  signatures?: SignatureProvider;
}
