// Traction energy of an electric vehicle: a rolling/drivetrain base plus an aerodynamic term growing
// with the square of speed, plus cabin HVAC as a constant power while driving. Deliberately simple: it
// only has to make the state of charge fall plausibly (≈140 Wh/km in town, ≈200+ Wh/km at 100 km/h).

export interface ConsumptionModel {
  /** Consumption at walking pace, Wh/km (rolling resistance, drivetrain losses, auxiliaries). */
  baseWhPerKm: number;
  /** Aerodynamic share: Wh/km added per (km/h)². */
  aeroWhPerKmPerKph2: number;
  /** Heating / air conditioning draw while driving, kW. */
  hvacKw: number;
}

export const DEFAULT_CONSUMPTION: ConsumptionModel = { baseWhPerKm: 125, aeroWhPerKmPerKph2: 0.008, hvacKw: 0 };

export function drivingWhPerKm(model: ConsumptionModel, speedKph: number): number {
  return model.baseWhPerKm + model.aeroWhPerKmPerKph2 * speedKph * speedKph;
}

/** State of charge (percent, floored at 0) after using `usedKwh` from a battery that started at `startPercent`. */
export function stateOfChargePercent(startPercent: number, capacityKwh: number, usedKwh: number): number {
  if (!(capacityKwh > 0)) throw new Error(`battery capacity must be > 0 kWh, got ${capacityKwh}`);
  return Math.max(0, startPercent - (usedKwh / capacityKwh) * 100);
}
