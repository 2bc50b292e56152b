// Twin of the EV's traction battery and on-board charger: plug state, charging (idle/charging/complete), SoC
// folded lazily at each event's `at`, and a delayed "charge limit reached" computed from the current power.
// Charging power = min(charger's power limit, the car's max AC power); a charger offering 0 kW (an EVSE
// charging profile at 0) leaves the session `suspended` rather than ending it, as OCPP does.
// V2H/V2G: plugged into a bidirectional wallbox the pack can also feed the home (`discharging`), at the power the
// wallbox draws, never below a floor — the energy for tomorrow's first trip plus a reserve. At the floor it holds
// (`atReserve`) until the discharge is stopped; then it charges again.
import { assign, emit, setup } from 'xstate';
import {
  initialBatteryContext, msUntilChargeLimit, msUntilDischargeFloor, socAfterDischarge, stateOfChargeAt,
  type TractionBatteryContext, type TractionBatteryInput,
} from './battery-physics';

export type { TractionBatteryContext, TractionBatteryInput } from './battery-physics';

export type TractionBatteryEvent =
  | { type: 'CHARGING.PLUG_IN'; at: number; chargerPowerLimitKw: number }
  | { type: 'CHARGING.UNPLUG'; at: number }
  | { type: 'CHARGING.START'; at: number }
  | { type: 'CHARGING.STOP'; at: number }
  | { type: 'CHARGING.SET_POWER_LIMIT'; at: number; chargerPowerLimitKw: number }
  | { type: 'CHARGING.SET_TARGET'; at: number; targetSocPercent: number }
  /** Feed the home at `powerKw` (what the wallbox draws), never below `floorSocPercent`. */
  | { type: 'DISCHARGE.START'; at: number; powerKw: number; floorSocPercent: number }
  | { type: 'DISCHARGE.STOP'; at: number }
  /** Energy drawn by driving or cabin HVAC (the drive machine emits `energy.consumed` deltas). */
  | { type: 'BATTERY.ENERGY_USED'; at: number; energyKwh: number };

/** Emitted outputs the simulation forwards as messages. */
export type TractionBatteryEmitted =
  | { type: 'charging.started'; vehicleId: string; at: number; socPercent: number }
  | { type: 'charging.stopped'; vehicleId: string; at: number; socPercent: number; reason: 'requested' | 'unplugged' }
  | { type: 'charging.completed'; vehicleId: string; at: number; socPercent: number }
  | { type: 'discharging.started'; vehicleId: string; at: number; socPercent: number; powerKw: number; floorSocPercent: number }
  | { type: 'discharging.reserve_reached'; vehicleId: string; at: number; socPercent: number }
  | { type: 'discharging.stopped'; vehicleId: string; at: number; socPercent: number }
  | { type: 'command.rejected'; twinId: string; command: string; reason: string };

// After-transitions carry no `at`; the only one here fires exactly when the charge limit is reached.
const timeOf = (context: TractionBatteryContext, event: { type: string }): number =>
  'at' in event && typeof event.at === 'number' ? event.at : (context.chargeCompletesAt ?? context.dischargeFloorAt ?? context.updatedAt);

// What every charging.* output reports.
const chargeReport = (context: TractionBatteryContext, at: number) =>
  ({ vehicleId: context.vehicleId, at, socPercent: context.socPercent });

export const tractionBatteryMachine = setup({
  types: {
    context: {} as TractionBatteryContext,
    events: {} as TractionBatteryEvent,
    input: {} as TractionBatteryInput,
    emitted: {} as TractionBatteryEmitted,
  },
  actions: {
    foldCharge: assign(({ context, event }) => {
      const t = timeOf(context, event);
      return { socPercent: stateOfChargeAt(context, t), updatedAt: Math.max(context.updatedAt, t) };
    }),
    startDrawing: assign(({ context }) => {
      const chargingPowerKw = Math.min(context.chargerPowerLimitKw, context.maxAcPowerKw);
      const completesIn = msUntilChargeLimit({ ...context, chargingPowerKw });
      return { chargingPowerKw, chargeCompletesAt: Number.isFinite(completesIn) ? context.updatedAt + completesIn : null };
    }),
    stopDrawing: assign({ chargingPowerKw: 0, chargeCompletesAt: null }),
    // What was asked for is kept, so re-entering `active` (energy used while discharging) resumes at that power.
    requestDischarge: assign(({ event }) => event.type !== 'DISCHARGE.START' ? {} : {
      dischargeRequestKw: Math.max(0, event.powerKw), dischargeFloorSocPercent: Math.min(100, Math.max(0, event.floorSocPercent)),
    }),
    startDischarging: assign(({ context }) => {
      const chargingPowerKw = -(context.dischargeRequestKw ?? 0);
      const reachesIn = msUntilDischargeFloor({ ...context, chargingPowerKw });
      return { chargingPowerKw, chargeCompletesAt: null, dischargeFloorAt: Number.isFinite(reachesIn) ? context.updatedAt + reachesIn : null };
    }),
    stopDischarge: assign({ chargingPowerKw: 0, dischargeFloorAt: null }),
    emitDischargeStarted: emit(({ context, event }) => ({
      type: 'discharging.started' as const, ...chargeReport(context, timeOf(context, event)),
      powerKw: -context.chargingPowerKw, floorSocPercent: context.dischargeFloorSocPercent ?? 0,
    })),
    emitReserveReached: emit(({ context }) => ({ type: 'discharging.reserve_reached' as const, ...chargeReport(context, context.updatedAt) })),
    emitDischargeStopped: emit(({ context, event }) => ({ type: 'discharging.stopped' as const, ...chargeReport(context, timeOf(context, event)) })),
    connectCharger: assign(({ event }) => ({
      chargerPowerLimitKw: 'chargerPowerLimitKw' in event ? event.chargerPowerLimitKw : 0,
    })),
    disconnectCharger: assign({ chargerPowerLimitKw: 0 }),
    setTarget: assign(({ context, event }) => ({
      targetSocPercent: 'targetSocPercent' in event ? Math.min(100, Math.max(0, event.targetSocPercent)) : context.targetSocPercent,
    })),
    consumeEnergy: assign(({ context, event }) => ({
      socPercent: 'energyKwh' in event ? socAfterDischarge(context, context.socPercent, event.energyKwh) : context.socPercent,
    })),
    emitStarted: emit(({ context, event }) => ({ type: 'charging.started' as const, ...chargeReport(context, timeOf(context, event)) })),
    emitStopped: emit(({ context, event }) => ({
      type: 'charging.stopped' as const,
      ...chargeReport(context, timeOf(context, event)),
      reason: event.type === 'CHARGING.UNPLUG' ? ('unplugged' as const) : ('requested' as const),
    })),
    emitCompleted: emit(({ context }) => ({ type: 'charging.completed' as const, ...chargeReport(context, context.updatedAt) })),
    rejectNotPluggedIn: emit(({ context, event }) => ({
      type: 'command.rejected' as const, twinId: context.vehicleId, command: event.type, reason: 'charging cable not plugged in',
    })),
  },
  guards: {
    chargeLimitReached: ({ context }) => context.socPercent >= context.targetSocPercent,
    noPowerOffered: ({ context }) => Math.min(context.chargerPowerLimitKw, context.maxAcPowerKw) <= 0,
    powerOffered: ({ context }) => Math.min(context.chargerPowerLimitKw, context.maxAcPowerKw) > 0,
    newTargetAboveSoc: ({ context, event }) => 'targetSocPercent' in event && event.targetSocPercent > context.socPercent,
    atDischargeFloor: ({ context }) => context.chargingPowerKw >= 0 || context.socPercent <= (context.dischargeFloorSocPercent ?? 0),
  },
  delays: {
    // With 0 kW there is no completion time; `active` is then left at once for `suspended`, cancelling this timer.
    untilChargeLimit: ({ context }) => Math.max(0, (context.chargeCompletesAt ?? context.updatedAt) - context.updatedAt),
    untilDischargeFloor: ({ context }) => Math.max(0, (context.dischargeFloorAt ?? context.updatedAt) - context.updatedAt),
  },
}).createMachine({
  id: 'tractionBattery',
  context: ({ input }) => initialBatteryContext(input),
  initial: 'unplugged',
  on: {
    'BATTERY.ENERGY_USED': { actions: ['foldCharge', 'consumeEnergy'] },
    'CHARGING.SET_TARGET': { actions: ['foldCharge', 'setTarget'] },
  },
  states: {
    unplugged: {
      on: {
        'CHARGING.PLUG_IN': { target: 'plugged', actions: ['foldCharge', 'connectCharger'] },
        'CHARGING.START': { actions: 'rejectNotPluggedIn' },
      },
    },
    plugged: {
      initial: 'idle',
      on: {
        'CHARGING.UNPLUG': { target: 'unplugged', actions: ['foldCharge', 'disconnectCharger'] },
        'CHARGING.SET_POWER_LIMIT': { actions: ['foldCharge', 'connectCharger'] },
        'DISCHARGE.START': { target: '.discharging', actions: ['foldCharge', 'requestDischarge'] },
      },
      states: {
        idle: {
          on: {
            'CHARGING.START': [
              // Plugged in already at the limit (a trip that used nothing): the wallbox must hear of it, or it keeps
              // delivering — and metering — full power to a full battery until the car is unplugged.
              { guard: 'chargeLimitReached', target: 'complete', actions: 'emitCompleted' },
              { target: 'charging', actions: ['foldCharge', 'emitStarted'] },
            ],
          },
        },
        charging: {
          initial: 'active',
          on: {
            'CHARGING.STOP': { target: 'idle', actions: 'emitStopped' },
            'CHARGING.UNPLUG': { target: '#tractionBattery.unplugged', actions: ['emitStopped', 'disconnectCharger'] },
            // Re-entering `active` folds what accrued at the old power, then restarts the limit timer.
            'CHARGING.SET_POWER_LIMIT': { target: '.active', reenter: true, actions: 'connectCharger' },
            'CHARGING.SET_TARGET': { target: '.active', reenter: true, actions: 'setTarget' },
            'BATTERY.ENERGY_USED': { target: '.active', reenter: true, actions: 'consumeEnergy' },
          },
          states: {
            active: {
              // Fold first: time spent `suspended` or `idle` must not count as charging time at the new power.
              entry: ['foldCharge', 'startDrawing'],
              exit: ['foldCharge', 'stopDrawing'],
              always: [
                // Reached while re-entering (a new power limit at the very instant, or rounding in the fold): still a
                // completed charge, which the wallbox must hear of, or it keeps delivering to a full battery.
                { guard: 'chargeLimitReached', target: '#tractionBattery.plugged.complete', actions: 'emitCompleted' },
                { guard: 'noPowerOffered', target: 'suspended' },
              ],
              after: { untilChargeLimit: { target: '#tractionBattery.plugged.complete', actions: 'emitCompleted' } },
            },
            suspended: { always: { guard: 'powerOffered', target: 'active' } },
          },
        },
        discharging: {
          initial: 'active',
          on: {
            // A new power re-enters `active`: what accrued at the old one is folded, the floor's timer restarted.
            'DISCHARGE.START': { target: '.active', reenter: true, actions: 'requestDischarge' },
            'DISCHARGE.STOP': { target: 'charging', actions: ['foldCharge', 'emitDischargeStopped'] },
            'BATTERY.ENERGY_USED': { target: '.active', reenter: true, actions: 'consumeEnergy' },
          },
          states: {
            active: {
              entry: ['foldCharge', 'startDischarging', 'emitDischargeStarted'],
              exit: ['foldCharge', 'stopDischarge'],
              always: { guard: 'atDischargeFloor', target: 'atReserve' },
              after: { untilDischargeFloor: { target: 'atReserve' } },
            },
            atReserve: { entry: 'emitReserveReached' },
          },
        },
        complete: {
          on: {
            'CHARGING.SET_TARGET': {
              guard: 'newTargetAboveSoc', target: 'charging', actions: ['foldCharge', 'setTarget', 'emitStarted'],
            },
          },
        },
      },
    },
  },
});
