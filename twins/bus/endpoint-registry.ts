// Who receives what on the bus: the endpoint registered at each address, the parties outside the simulation
// (externalize), and the topic subscribers that observe every delivered message. Split from MessageBus because it
// is a different job from carrying a message: this changes only when parties come and go, while the bus's flight
// lifecycle runs for every message and asks here just two things — is the hop's far end external, and who gets the
// message on arrival. Both answers are map look-ups (skipped while nothing is external or subscribed); nothing
// here allocates per message.
import type { Json } from '../kernel/types';
import type { EndpointHandler, ExternalParty } from './bus-types';
import type { Envelope } from './envelope';
import { SubscriptionIndex } from './topics';

export class EndpointRegistry {
  private readonly endpoints = new Map<string, EndpointHandler>();
  private readonly externals = new Map<string, ExternalParty>();
  private readonly subscriptions = new SubscriptionIndex<EndpointHandler>();

  register(address: string, handler: EndpointHandler): () => void {
    if (this.endpoints.has(address)) throw new Error(`bus: ${address} already has an endpoint; unregister it first`);
    this.endpoints.set(address, handler);
    return () => {
      if (this.endpoints.get(address) === handler) this.endpoints.delete(address);
    };
  }

  /**
   * Mark `address` as a party outside the simulation: hops into it are carried by `party.carry` (a real wire, its
   * latency recorded with `measured: true`) and messages addressed to it go to `party.deliver`, in place of any
   * endpoint registered here. Returns the function that brings the party back inside.
   */
  externalize(address: string, party: ExternalParty): () => void {
    if (this.externals.has(address)) throw new Error(`bus: ${address} is already external; call the function externalize returned first`);
    this.externals.set(address, party);
    return () => {
      if (this.externals.get(address) === party) this.externals.delete(address);
    };
  }

  /** Observe every delivered message whose topic matches the MQTT-style filter (`+`, `#`). */
  subscribe(topicFilter: string, handler: EndpointHandler): () => void {
    return this.subscriptions.add(topicFilter, handler);
  }

  /** The party outside the simulation at `address`, if it is one (a hop into it goes over its wire). */
  externalAt(address: string): ExternalParty | undefined {
    return this.externals.size > 0 ? this.externals.get(address) : undefined;
  }

  /** Who takes a message addressed to `address`: the external party there, else its endpoint, else nobody. */
  receiverOf(address: string): EndpointHandler | undefined {
    const external = this.externalAt(address);
    return external !== undefined ? external.deliver : this.endpoints.get(address);
  }

  /** Hands a delivered message to the subscribers whose filter matches its topic, in subscription order. */
  notifySubscribers(env: Envelope, payload: Json): void {
    if (this.subscriptions.size > 0) for (const observer of this.subscriptions.match(env.topic)) observer(env, payload);
  }
}
