// Lazy room temperature for a `climate` entity: a first-order approach T(t) = Tgoal + (T0 − Tgoal)·e^(−Δt/τ),
// where the goal and τ depend on the hvac_mode. A heat-only unit cannot cool (and vice versa): when the
// outside is already past the setpoint the room just drifts with the weather at the passive τ.

/** Home Assistant's hvac_mode values the climate twin models. */
export const HVAC_MODES = ['off', 'cool', 'heat', 'auto', 'fan_only'] as const;
export type HvacMode = (typeof HVAC_MODES)[number];

/** The part of the climate context the derivation needs. */
export interface RoomThermalState {
  hvacMode: HvacMode;
  targetTemperature: number;
  /** Room temperature (°C) as of `updatedAt`. */
  currentTemperature: number;
  updatedAt: number;
  outdoorTemperature: number;
  /** τ with the unit conditioning the room (a split AC: ~10 min). */
  activeTimeConstantMs: number;
  /** τ of the building shell with the unit idle (hours). */
  passiveTimeConstantMs: number;
}

function goalAndTau(room: RoomThermalState): { goal: number; tauMs: number } {
  const conditioning =
    room.hvacMode === 'auto' ||
    (room.hvacMode === 'heat' && room.targetTemperature > room.outdoorTemperature) ||
    (room.hvacMode === 'cool' && room.targetTemperature < room.outdoorTemperature);
  return conditioning
    ? { goal: room.targetTemperature, tauMs: room.activeTimeConstantMs }
    : { goal: room.outdoorTemperature, tauMs: room.passiveTimeConstantMs };
}

/** HA `current_temperature` (°C) at virtual time `t` (≥ updatedAt). */
export function currentTemperatureAt(room: RoomThermalState, t: number): number {
  const { goal, tauMs } = goalAndTau(room);
  return goal + (room.currentTemperature - goal) * Math.exp(-Math.max(0, t - room.updatedAt) / tauMs);
}
