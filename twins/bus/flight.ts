// One envelope on its way through the bus: the mutable state its hop steps share. A flight is the one object a
// message keeps besides its envelope, and `step` is the one closure the scheduler calls for every hop of it.
import type { Json } from '../kernel/types';
import type { SendCallbacks } from './bus-types';
import type { Envelope, Hop } from './envelope';
import type { NodeCondition } from './nodes';
import type { PendingRequest } from './pending-requests';
import type { HopPlan, Route } from './routes';

/** What moves a flight on when the scheduler calls it: the bus. */
export interface FlightCarrier {
  advance(flight: Flight): void;
}

export class Flight {
  hopIndex = 0;
  hop: Hop | undefined = undefined;
  /** True when the scheduled step is the current hop arriving; false when it is the hop's next attempt. */
  arriving = false;
  /** True while send() is still running, so failures found then are reported asynchronously. */
  launching = true;
  readonly step: () => void;

  constructor(
    carrier: FlightCarrier,
    readonly env: Envelope,
    readonly route: Route,
    /** The payload as it travels now: translated in place of the original where the path translates it. */
    public payload: Json,
    public format: string,
    readonly callbacks: SendCallbacks | undefined,
    readonly pending: PendingRequest | undefined,
  ) {
    this.step = () => carrier.advance(this);
  }
}

/** The first node or interface on a hop that currently refuses traffic, if any. */
export function refusingNode(plan: HopPlan): NodeCondition | undefined {
  if (plan.fromNode !== undefined && plan.fromNode.refusal !== null) return plan.fromNode;
  if (plan.fromInterface !== undefined && plan.fromInterface.refusal !== null) return plan.fromInterface;
  if (plan.toInterface !== undefined && plan.toInterface.refusal !== null) return plan.toInterface;
  if (plan.toNode !== undefined && plan.toNode.refusal !== null) return plan.toNode;
  return undefined;
}
