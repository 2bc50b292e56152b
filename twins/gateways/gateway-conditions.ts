// Turns a gateway twin's state into the NodeCondition objects the bus reads on every hop. The bus never asks a
// state machine anything on its hot path: these objects are updated in place when a twin changes state.
import type { FailureCode } from '../bus/envelope';
import type { NodeCondition } from '../bus/nodes';
import type { GatewayContext, HealthStatus } from './gateway-health';

/** The parts of a gateway snapshot the conditions depend on (every gateway machine is parallel). */
export interface GatewayView {
  value: { [region: string]: string };
  context: GatewayContext;
}

const OFFLINE: FailureCode = 'gateway-offline';

export function newCondition(): NodeCondition {
  return { refusal: null, refusalCode: OFFLINE, processingMs: 0, extraLatencyMs: 0, extraLoss: 0 };
}

export function healthOf(view: GatewayView): HealthStatus {
  return view.value.health as HealthStatus;
}

/** The gateway as a node on a path: offline refuses, degraded slows and loses (on top of its own link's base). */
export function updateNodeCondition(target: NodeCondition, view: GatewayView): void {
  const health = healthOf(view);
  const { context } = view;
  target.refusal = health === 'offline' ? `${context.address} is offline (${context.reason ?? 'failed'})` : null;
  target.processingMs = context.processingMs;
  target.extraLatencyMs = context.baseLatencyMs + (health === 'degraded' ? context.degradedLatencyMs : 0);
  target.extraLoss = Math.min(1, context.baseLoss + (health === 'degraded' ? context.degradedLoss : 0));
}

/**
 * The one link interface of a gateway that can fail on its own, or undefined for roles without one:
 * home gateway → its WAN uplink (home-broadband), phone → its projection into the car, local link → the radio.
 */
export function updateInterfaceCondition(target: NodeCondition, view: GatewayView): void {
  const { context, value } = view;
  target.refusal = null;
  target.extraLatencyMs = 0;
  target.extraLoss = 0;
  switch (context.role) {
    case 'home-gateway':
      if (value.wan === 'down') target.refusal = `${context.address} has lost its WAN uplink`;
      break;
    case 'phone-proxy':
      if (value.projection === 'disconnected') target.refusal = `${context.address} is not projected into the car`;
      break;
    case 'local-link': {
      const home = context.address.slice('local/'.length);
      const health = healthOf(view);
      if (health === 'offline') target.refusal = `the local radio of home ${home} is offline (${context.reason ?? 'failed'})`;
      else if (value.radio === 'disabled') target.refusal = `the local radio of home ${home} is switched off`;
      else if (health === 'degraded') {
        target.extraLatencyMs = context.degradedLatencyMs;
        target.extraLoss = context.degradedLoss;
      }
      break;
    }
    default:
      break;
  }
}

/** Why the hub cannot translate right now, or null. */
export function hubBlockedReason(view: GatewayView): string | null {
  return view.value.schema === 'drifted'
    ? 'the home cloud changed its schema and the hub mapping is out of date (HUB.SCHEMA_DRIFT)'
    : null;
}

/** A compact, stable summary of the state, used to emit `gateway.state` only when something changed. */
export function summaryOf(view: GatewayView): string {
  const regions = Object.keys(view.value).sort().map((r) => `${r}=${view.value[r]}`);
  return `${regions.join(',')}|${view.context.reason ?? ''}`;
}
