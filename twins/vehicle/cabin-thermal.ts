// Lazy cabin thermal model: a first-order approach to the HVAC setpoint while climate runs, and a slower
// drift towards the outside air when it is off, T(t) = Tgoal + (T0 − Tgoal)·e^(−Δt/τ). Nothing ticks: the
// machine folds the curve into context whenever the goal changes, and callers sample it at any `t`.

/** The part of the cabin HVAC context the derivations need. */
export interface CabinThermalState {
  /** Cabin air temperature (°C) as of `updatedAt`. */
  cabinTemperature: number;
  updatedAt: number;
  /** Driver station setpoint (°C). */
  targetTemperature: number;
  /** Outside air (°C), what the cabin drifts to with climate off. */
  ambientTemperature: number;
  hvacActive: boolean;
  /** τ with climate running: minutes, a heat pump pulls a parked cabin to setpoint in ~15 min. */
  activeTimeConstantMs: number;
  /** τ with climate off: the cabin follows the weather much more slowly. */
  passiveTimeConstantMs: number;
}

function goalAndTau(cabin: CabinThermalState): { goal: number; tauMs: number } {
  return cabin.hvacActive
    ? { goal: cabin.targetTemperature, tauMs: cabin.activeTimeConstantMs }
    : { goal: cabin.ambientTemperature, tauMs: cabin.passiveTimeConstantMs };
}

/** Cabin air temperature (°C) at virtual time `t` (≥ updatedAt). */
export function cabinTemperatureAt(cabin: CabinThermalState, t: number): number {
  const { goal, tauMs } = goalAndTau(cabin);
  const elapsed = Math.max(0, t - cabin.updatedAt);
  return goal + (cabin.cabinTemperature - goal) * Math.exp(-elapsed / tauMs);
}

/** Virtual ms from `updatedAt` until the cabin is within `bandC` of its goal (0 if it already is). */
export function msUntilWithin(cabin: CabinThermalState, bandC: number): number {
  const { goal, tauMs } = goalAndTau(cabin);
  const gap = Math.abs(cabin.cabinTemperature - goal);
  return gap <= bandC ? 0 : Math.ceil(tauMs * Math.log(gap / bandC));
}
