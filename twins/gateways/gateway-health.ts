// What every gateway twin shares: the health region (online / degraded / offline) driven by the fault events
// GATEWAY.FAIL, GATEWAY.DEGRADE and GATEWAY.RECOVER, each optionally for a duration after which the gateway
// recovers by itself. Role machines (vehicle cloud, hub, home gateway…) are built on this one setup and add
// their own regions (a home gateway's WAN uplink, a phone's projection session…). The bus reads the result
// through gateway-conditions.ts: offline refuses hops (so the link retries, then the message fails), degraded
// adds latency and loss.
import { assign, enqueueActions, setup } from 'xstate';

export type GatewayRole = 'vehicle-cloud' | 'home-cloud' | 'hub' | 'home-gateway' | 'phone-proxy' | 'local-link';

export interface GatewayContext {
  address: string;
  role: GatewayRole;
  /** Time spent on each message before it is forwarded. */
  processingMs: number;
  /** Added to hops leaving the gateway while degraded. */
  degradedLatencyMs: number;
  /** Added to the loss probability of hops touching the gateway while degraded. */
  degradedLoss: number;
  /** Always added to hops leaving the gateway: a brand cloud's own, slower link to the hub (many brands). */
  baseLatencyMs: number;
  /** Always added to the loss probability of hops touching the gateway: a brand cloud's own lossy link. */
  baseLoss: number;
  /** Why the gateway is offline or degraded, shown in failure reasons; null when healthy. */
  reason: string | null;
}

export interface GatewayInput {
  address: string;
  processingMs?: number;
  baseLatencyMs?: number;
  baseLoss?: number;
}

export type GatewayEvent =
  | { type: 'GATEWAY.FAIL'; reason?: string; durationMs?: number }
  | { type: 'GATEWAY.DEGRADE'; extraLatencyMs?: number; extraLoss?: number; reason?: string; durationMs?: number }
  | { type: 'GATEWAY.RECOVER' }
  // Role events; machines without that role ignore them.
  | { type: 'GATEWAY.REBOOT'; durationMs?: number }
  | { type: 'WAN.DOWN'; durationMs?: number }
  | { type: 'WAN.UP' }
  | { type: 'PROJECTION.CONNECT' }
  | { type: 'PROJECTION.DISCONNECT' }
  | { type: 'RADIO.ENABLE' }
  | { type: 'RADIO.DISABLE' }
  | { type: 'HUB.SCHEMA_DRIFT'; durationMs?: number }
  | { type: 'HUB.SCHEMA_SYNC' };

/** A struggling gateway in the field: a quarter second slower and one message in twenty lost. */
export const DEFAULT_DEGRADED_LATENCY_MS = 250;
export const DEFAULT_DEGRADED_LOSS = 0.05;

export function initialGatewayContext(input: GatewayInput, role: GatewayRole, processingMs: number): GatewayContext {
  return {
    address: input.address,
    role,
    processingMs: input.processingMs ?? processingMs,
    degradedLatencyMs: 0,
    degradedLoss: 0,
    baseLatencyMs: input.baseLatencyMs ?? 0,
    baseLoss: input.baseLoss ?? 0,
    reason: null,
  };
}

const AUTO_RECOVER = 'gateway.auto-recover';

export const gatewaySetup = setup({
  types: { context: {} as GatewayContext, events: {} as GatewayEvent, input: {} as GatewayInput },
  actions: {
    noteFailure: assign(({ event }) => ({
      reason: event.type === 'GATEWAY.FAIL' ? (event.reason ?? 'failed') : null,
      degradedLatencyMs: 0,
      degradedLoss: 0,
    })),
    noteDegradation: assign(({ event }) =>
      event.type === 'GATEWAY.DEGRADE'
        ? {
            reason: event.reason ?? 'degraded',
            degradedLatencyMs: event.extraLatencyMs ?? DEFAULT_DEGRADED_LATENCY_MS,
            degradedLoss: event.extraLoss ?? DEFAULT_DEGRADED_LOSS,
          }
        : {},
    ),
    clearFault: assign({ reason: null, degradedLatencyMs: 0, degradedLoss: 0 }),
    // A fault given for a duration ends by itself; any later fault event replaces the pending recovery.
    scheduleRecovery: enqueueActions(({ event, enqueue }) => {
      enqueue.cancel(AUTO_RECOVER);
      if ((event.type === 'GATEWAY.FAIL' || event.type === 'GATEWAY.DEGRADE') && event.durationMs !== undefined) {
        enqueue.raise({ type: 'GATEWAY.RECOVER' }, { delay: event.durationMs, id: AUTO_RECOVER });
      }
    }),
  },
});

const fail = { target: 'offline', actions: ['noteFailure', 'scheduleRecovery'] } as const;
const degrade = { target: 'degraded', reenter: true, actions: ['noteDegradation', 'scheduleRecovery'] } as const;
const recover = { target: 'online', actions: ['clearFault', 'scheduleRecovery'] } as const;

/** The shared `health` region: put it under `states.health` of a parallel gateway machine. */
export const healthRegion = gatewaySetup.createStateConfig({
  initial: 'online',
  states: {
    online: { on: { 'GATEWAY.FAIL': fail, 'GATEWAY.DEGRADE': degrade } },
    degraded: { on: { 'GATEWAY.FAIL': fail, 'GATEWAY.DEGRADE': degrade, 'GATEWAY.RECOVER': recover } },
    offline: { on: { 'GATEWAY.FAIL': fail, 'GATEWAY.DEGRADE': degrade, 'GATEWAY.RECOVER': recover } },
  },
});

export type HealthStatus = 'online' | 'degraded' | 'offline';

/**
 * Raises `restore` after the triggering event's `durationMs`, when it has one: the role regions' faults (WAN
 * down, schema drift…) end by themselves the same way health faults do. A new fault replaces the pending one.
 */
export const restoreAfterDuration = (restore: GatewayEvent, id: string) =>
  gatewaySetup.enqueueActions(({ event, enqueue }) => {
    enqueue.cancel(id);
    if ('durationMs' in event && event.durationMs !== undefined) enqueue.raise(restore, { delay: event.durationMs, id });
  });
