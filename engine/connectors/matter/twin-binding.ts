// What a bridged endpoint stands for: the twin behind it and the party its commands are sent as. A Matter command
// handler (twin-behaviors.ts) finds its binding here by endpoint, sends the twin command, and turns a refusal into
// the Matter status a controller understands. The attributes never change in the handler: they follow the twin
// (state-sync.ts), so what a controller reads is always what the twin is.
import type { Intent } from '../../../twins/sim/ecosystem-codec';
import type { JsonObject } from '../twin-state';
import type { CommandResult, MatterExchange, MatterParty } from './matter-party';
import { StatusResponse } from '@matter/main/types';

export interface TwinBinding {
  /** Bus address of the twin, e.g. `home/h1/light.hallway`. */
  address: string;
  /** The twin's kind (`light`, `lock` …): the capability its commands name. */
  kind: string;
  party: MatterParty;
  /** Put the twin's current state back on the endpoint (after a write the twin did not take). */
  resync(): void;
}

const bindings = new WeakMap<object, TwinBinding>();

export function bind(endpoint: object, binding: TwinBinding): void {
  bindings.set(endpoint, binding);
}

/** The exchange a command arrived on, when it came from a controller over the network (not a local act()). */
interface RemoteContext {
  exchange?: { closed: PromiseLike<unknown> };
}

/** How long an answer's round trip is timed at most (an exchange that never closes still releases the clock). */
const ACK_WAIT_MS = 5_000;

function exchangeOf(context: unknown): MatterExchange | undefined {
  const exchange = (context as RemoteContext | undefined)?.exchange;
  if (exchange === undefined) return undefined;
  return {
    closed: () => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ACK_WAIT_MS);
      Promise.resolve(exchange.closed).then(() => resolve(), () => resolve()).finally(() => clearTimeout(timer));
    }),
  };
}

/** The Matter status for an outcome: the policy's refusal is UNSUPPORTED_ACCESS, as Matter's own ACL refusals are. */
export function statusErrorOf(result: Extract<CommandResult, { ok: false }>): Error {
  if (result.status === 'refused') return new StatusResponse.UnsupportedAccessError(result.error);
  if (result.status === 'timeout') return new StatusResponse.TimeoutError(result.error);
  return new StatusResponse.FailureError(result.error);
}

/**
 * Send `name` with `attributes` to the twin behind `endpoint` as the Matter controller; throws the Matter status
 * error when the twin, the bus or the policy says no.
 */
export async function forward(endpoint: object, context: unknown, name: string, attributes: JsonObject = {}): Promise<void> {
  const binding = bindings.get(endpoint);
  if (binding === undefined) throw new StatusResponse.FailureError('this endpoint is bound to no twin');
  const intent: Intent = { capability: binding.kind, name, deviceId: binding.address.split('/')[2]!, attributes };
  const result = await binding.party.command(binding.address, intent, exchangeOf(context));
  if (!result.ok) throw statusErrorOf(result);
}

/**
 * A controller's attribute write (fan speed, thermostat mode) as a twin command. Matter has already stored the
 * value when a `$Changed` reactor runs and cannot wait for the simulation, so the write is forwarded without
 * waiting: when the twin, the bus or the policy says no, the endpoint is put back to the twin's state (and the
 * refusal is a `security.refused` event like any other).
 */
export function forwardWrite(endpoint: object, context: unknown, name: string, attributes: JsonObject = {}): void {
  forward(endpoint, context, name, attributes).catch(() => bindings.get(endpoint)?.resync());
}

export function bindingResync(endpoint: object): void {
  bindings.get(endpoint)?.resync();
}

/** True when a change came from a controller over the network rather than from the twin's own state (sync). */
export function isRemote(context: unknown): boolean {
  return (context as RemoteContext | undefined)?.exchange !== undefined;
}
