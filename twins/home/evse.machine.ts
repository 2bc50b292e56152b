// Twin of the home wallbox (EVSE), in OCPP terms: available / connected (Preparing) / charging / suspended
// (SuspendedEVSE or SuspendedEV). Delivered power = min(max power 7.2 kW, the charging-profile limit the
// energy manager sets — the "sleep-time peak shaving" scene —, what the EV asks for). Session energy is
// folded lazily at each event's `at`. Every change of delivered power is emitted, so the household meter
// and the car's battery (CHARGING.SET_POWER_LIMIT) follow it. When the wallbox is an OCPP charge point of a real
// CSMS (--ocpp), the limit is the one its charging profiles give at each virtual instant (charging-profile.ts),
// put here by engine/connectors/ocpp/profile-application.ts.
// A bidirectional wallbox (V2H/V2G, given `maxDischargeKw`) also draws from the car: discharged power =
// min(its discharge maximum, the discharge limit the energy manager sets, what the car offers — 0 at its reserve).
// Power flows one way at a time: while it discharges, nothing is delivered. A charge-only wallbox has none of the
// discharge fields (so its state, and every recorded run with one, is as before) and refuses a discharge limit.
import { assign, enqueueActions, setup } from 'xstate';

const MS_PER_HOUR = 3_600_000;

export interface EvseContext {
  entityId: string;
  maxPowerKw: number;
  /** Charging-profile limit (OCPP SetChargingProfile). */
  powerLimitKw: number;
  /** What the EV accepts (0 once it is full). */
  evRequestKw: number;
  sessionActive: boolean;
  sessionsStarted: number;
  sessionId: string | null;
  /** Session energy as of `updatedAt`. */
  sessionEnergyKwh: number;
  updatedAt: number;
  lastReportedPowerKw: number;
  /** Bidirectional wallboxes only: the most it draws from the car (kW). */
  maxDischargeKw?: number;
  /** The discharge the energy manager asks for (kW). */
  dischargeLimitKw?: number;
  /** What the car offers to give (kW): 0 once it is at its reserve. */
  evDischargeKw?: number;
  /** Energy drawn from the car in the current session, as of `updatedAt`. */
  dischargedEnergyKwh?: number;
  lastReportedDischargeKw?: number;
}

export type EvseInput = { entityId: string } & Partial<Pick<EvseContext, 'maxPowerKw' | 'powerLimitKw' | 'maxDischargeKw'>>;

export type EvseEvent =
  | { type: 'EVSE.PLUG_IN'; at: number }
  | { type: 'EVSE.UNPLUG'; at: number }
  | { type: 'EVSE.START_CHARGING'; at: number }
  | { type: 'EVSE.STOP_CHARGING'; at: number }
  | { type: 'EVSE.SET_POWER_LIMIT'; at: number; powerLimitKw: number }
  | { type: 'EVSE.EV_POWER_REQUEST'; at: number; kw: number }
  | { type: 'EVSE.SET_DISCHARGE_LIMIT'; at: number; dischargeLimitKw: number }
  | { type: 'EVSE.EV_DISCHARGE_OFFER'; at: number; kw: number };

/** Emitted outputs the simulation forwards as messages. */
export type EvseEmitted =
  | { type: 'evse.session_started'; entityId: string; sessionId: string; at: number }
  | { type: 'evse.session_ended'; entityId: string; sessionId: string; at: number; energyKwh: number }
  | { type: 'evse.power_changed'; entityId: string; at: number; deliveredPowerKw: number }
  | { type: 'evse.discharge_changed'; entityId: string; at: number; dischargedPowerKw: number }
  | { type: 'command.rejected'; twinId: string; command: string; reason: string };

/** Power flowing from the car into the home now (kW): bidirectional wallboxes only. */
export function dischargedPowerKw(evse: EvseContext): number {
  if (!evse.sessionActive || evse.maxDischargeKw === undefined) return 0;
  return Math.max(0, Math.min(evse.maxDischargeKw, evse.dischargeLimitKw ?? 0, evse.evDischargeKw ?? 0));
}

/** Power flowing to the car now (kW). */
export function deliveredPowerKw(evse: EvseContext): number {
  if (!evse.sessionActive || dischargedPowerKw(evse) > 0) return 0;
  return Math.max(0, Math.min(evse.maxPowerKw, evse.powerLimitKw, evse.evRequestKw));
}

/** Energy delivered in the current session up to `t` (kWh). */
export function sessionEnergyAt(evse: EvseContext, t: number): number {
  return evse.sessionEnergyKwh + (deliveredPowerKw(evse) * Math.max(0, t - evse.updatedAt)) / MS_PER_HOUR;
}

/** Energy drawn from the car in the current session up to `t` (kWh). */
export function dischargedEnergyAt(evse: EvseContext, t: number): number {
  return (evse.dischargedEnergyKwh ?? 0) + (dischargedPowerKw(evse) * Math.max(0, t - evse.updatedAt)) / MS_PER_HOUR;
}

export const evseMachine = setup({
  types: { context: {} as EvseContext, events: {} as EvseEvent, input: {} as EvseInput, emitted: {} as EvseEmitted },
  actions: {
    foldEnergy: assign(({ context, event }) => ({
      sessionEnergyKwh: sessionEnergyAt(context, event.at), updatedAt: Math.max(context.updatedAt, event.at),
      ...(context.maxDischargeKw !== undefined ? { dischargedEnergyKwh: dischargedEnergyAt(context, event.at) } : {}),
    })),
    setDischarge: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'EVSE.SET_DISCHARGE_LIMIT' && event.type !== 'EVSE.EV_DISCHARGE_OFFER') return;
      if (context.maxDischargeKw === undefined) {
        enqueue.emit({ type: 'command.rejected', twinId: context.entityId, command: event.type, reason: 'the wallbox charges only: it is not bidirectional' });
        return;
      }
      if (event.type === 'EVSE.SET_DISCHARGE_LIMIT') enqueue.assign({ dischargeLimitKw: Math.max(0, event.dischargeLimitKw) });
      else enqueue.assign({ evDischargeKw: Math.max(0, event.kw) });
    }),
    // Like reportPower, for the other direction; a charge-only wallbox has nothing to report.
    reportDischarge: enqueueActions(({ context, event, enqueue }) => {
      if (context.maxDischargeKw === undefined) return;
      const power = dischargedPowerKw(context);
      if (power === context.lastReportedDischargeKw) return;
      enqueue.emit({ type: 'evse.discharge_changed', entityId: context.entityId, at: event.at, dischargedPowerKw: power });
      enqueue.assign({ lastReportedDischargeKw: power });
    }),
    setLimit: assign(({ context, event }) => ({
      powerLimitKw: event.type === 'EVSE.SET_POWER_LIMIT' ? Math.max(0, event.powerLimitKw) : context.powerLimitKw,
    })),
    // A newly connected car accepts full power until it says otherwise.
    resetEvRequest: assign(({ context }) => ({
      evRequestKw: context.maxPowerKw, ...(context.maxDischargeKw !== undefined ? { evDischargeKw: context.maxDischargeKw } : {}),
    })),
    setEvRequest: assign(({ context, event }) => ({
      evRequestKw: event.type === 'EVSE.EV_POWER_REQUEST' ? Math.max(0, event.kw) : context.evRequestKw,
    })),
    beginSession: enqueueActions(({ context, event, enqueue }) => {
      const sessionId = `${context.entityId}/session-${String(context.sessionsStarted + 1).padStart(4, '0')}`;
      enqueue.assign({
        sessionActive: true, sessionsStarted: context.sessionsStarted + 1, sessionId, sessionEnergyKwh: 0,
        ...(context.maxDischargeKw !== undefined ? { dischargedEnergyKwh: 0 } : {}),
      });
      enqueue.emit({ type: 'evse.session_started', entityId: context.entityId, sessionId, at: event.at });
    }),
    endSession: enqueueActions(({ context, event, enqueue }) => {
      enqueue.emit({
        type: 'evse.session_ended', entityId: context.entityId, sessionId: context.sessionId ?? '', at: event.at,
        energyKwh: context.sessionEnergyKwh,
      });
      enqueue.assign({ sessionActive: false, sessionId: null });
    }),
    // Runs after every change; emits only when the delivered power actually changed.
    reportPower: enqueueActions(({ context, event, enqueue }) => {
      const power = deliveredPowerKw(context);
      if (power === context.lastReportedPowerKw) return;
      enqueue.emit({ type: 'evse.power_changed', entityId: context.entityId, at: event.at, deliveredPowerKw: power });
      enqueue.assign({ lastReportedPowerKw: power });
    }),
    rejectNoCar: enqueueActions(({ context, event, enqueue }) => {
      enqueue.emit({ type: 'command.rejected', twinId: context.entityId, command: event.type, reason: 'no vehicle connected' });
    }),
  },
  guards: {
    powerFlows: ({ context }) => deliveredPowerKw(context) > 0,
    noPowerFlows: ({ context }) => deliveredPowerKw(context) <= 0,
  },
}).createMachine({
  id: 'evse',
  context: ({ input }) => {
    const maxPowerKw = input.maxPowerKw ?? 7.2;
    const bidirectional = input.maxDischargeKw !== undefined && input.maxDischargeKw > 0;
    return {
      entityId: input.entityId, maxPowerKw, powerLimitKw: input.powerLimitKw ?? maxPowerKw, evRequestKw: maxPowerKw,
      sessionActive: false, sessionsStarted: 0, sessionId: null, sessionEnergyKwh: 0, updatedAt: 0, lastReportedPowerKw: 0,
      ...(bidirectional ? { maxDischargeKw: input.maxDischargeKw, dischargeLimitKw: 0, evDischargeKw: input.maxDischargeKw, dischargedEnergyKwh: 0, lastReportedDischargeKw: 0 } : {}),
    };
  },
  initial: 'available',
  // Limits may change in any state (a profile set before the car arrives applies when it does).
  on: {
    'EVSE.SET_POWER_LIMIT': { actions: ['foldEnergy', 'setLimit', 'reportPower'] },
    'EVSE.EV_POWER_REQUEST': { actions: ['foldEnergy', 'setEvRequest', 'reportPower'] },
    'EVSE.SET_DISCHARGE_LIMIT': { actions: ['foldEnergy', 'setDischarge', 'reportDischarge', 'reportPower'] },
    'EVSE.EV_DISCHARGE_OFFER': { actions: ['foldEnergy', 'setDischarge', 'reportDischarge', 'reportPower'] },
  },
  states: {
    available: {
      on: {
        'EVSE.PLUG_IN': { target: 'connected', actions: 'resetEvRequest' },
        'EVSE.START_CHARGING': { actions: 'rejectNoCar' },
      },
    },
    connected: {
      on: {
        'EVSE.START_CHARGING': { target: 'charging', actions: ['foldEnergy', 'beginSession', 'reportDischarge', 'reportPower'] },
        'EVSE.UNPLUG': 'available',
      },
    },
    charging: {
      always: { guard: 'noPowerFlows', target: 'suspended' },
      on: {
        'EVSE.STOP_CHARGING': { target: 'connected', actions: ['foldEnergy', 'endSession', 'reportDischarge', 'reportPower'] },
        'EVSE.UNPLUG': { target: 'available', actions: ['foldEnergy', 'endSession', 'reportDischarge', 'reportPower'] },
      },
    },
    suspended: {
      always: { guard: 'powerFlows', target: 'charging' },
      on: {
        'EVSE.STOP_CHARGING': { target: 'connected', actions: ['foldEnergy', 'endSession', 'reportDischarge', 'reportPower'] },
        'EVSE.UNPLUG': { target: 'available', actions: ['foldEnergy', 'endSession', 'reportDischarge', 'reportPower'] },
      },
    },
  },
});
