// Lazy physics of the traction battery: state of charge, range and charge rate are derived from the last
// folded state and the current charging power, so nothing ticks while a car charges overnight.
// Losses are ignored on purpose: the energy the wallbox meters is the energy the pack stores, so the home
// meter, the EVSE session and the car's SoC always agree in a scenario report.

export const MS_PER_HOUR = 3_600_000;

/** The part of the battery context the derivations need (the machine's context is a superset). */
export interface BatteryEnergyState {
  capacityKwh: number;
  /** SoC (%) as of `updatedAt`. */
  socPercent: number;
  updatedAt: number;
  /** Power flowing into the pack since `updatedAt` (0 unless charging; negative while it feeds the home, V2H). */
  chargingPowerKw: number;
  /** While discharging: the pack never goes below this SoC (tomorrow's first trip plus a reserve). */
  dischargeFloorSocPercent?: number;
  /** Charging stops at this SoC (VSS `Charging.ChargeLimit`). */
  targetSocPercent: number;
  /** Average consumption used for range, kWh per 100 km. */
  consumptionKwhPer100Km: number;
}

/**
 * SoC (%) at virtual time `t` (≥ updatedAt): linear at constant power, capped at the charge limit when charging
 * and floored at the discharge floor when feeding the home (never below where it started, if that was lower).
 */
export function stateOfChargeAt(battery: BatteryEnergyState, t: number): number {
  if (battery.chargingPowerKw === 0) return battery.socPercent;
  const hours = Math.max(0, t - battery.updatedAt) / MS_PER_HOUR;
  const gainedPercent = ((battery.chargingPowerKw * hours) / battery.capacityKwh) * 100;
  if (gainedPercent < 0) return Math.max(Math.min(battery.socPercent, battery.dischargeFloorSocPercent ?? 0), battery.socPercent + gainedPercent);
  const cap = Math.max(battery.targetSocPercent, battery.socPercent);
  return Math.min(cap, battery.socPercent + gainedPercent);
}

/** Energy in the pack (kWh) at `t` (VSS `StateOfCharge.CurrentEnergy`). */
export function energyStoredKwhAt(battery: BatteryEnergyState, t: number): number {
  return (stateOfChargeAt(battery, t) / 100) * battery.capacityKwh;
}

/** Remaining range (km) at `t` from stored energy and average consumption. */
export function rangeKmAt(battery: BatteryEnergyState, t: number): number {
  return (energyStoredKwhAt(battery, t) / battery.consumptionKwhPer100Km) * 100;
}

/** Range added per hour of charging (km/h), what VSS calls `Charging.ChargeRate`. */
export function chargeRateKmPerHour(battery: BatteryEnergyState): number {
  return (battery.chargingPowerKw / battery.consumptionKwhPer100Km) * 100;
}

/** Virtual ms from `updatedAt` until the charge limit is reached at the current power (Infinity if no power). */
export function msUntilChargeLimit(battery: BatteryEnergyState): number {
  if (battery.chargingPowerKw <= 0) return Number.POSITIVE_INFINITY;
  const missingKwh = (Math.max(0, battery.targetSocPercent - battery.socPercent) / 100) * battery.capacityKwh;
  // Whole ms, never early; the epsilon keeps float noise (7 500 000.000001) from adding a spurious 1 ms.
  return Math.ceil((missingKwh / battery.chargingPowerKw) * MS_PER_HOUR - 1e-6);
}

/** Virtual ms from `updatedAt` until a discharging pack reaches its floor (Infinity unless discharging). */
export function msUntilDischargeFloor(battery: BatteryEnergyState): number {
  if (battery.chargingPowerKw >= 0) return Number.POSITIVE_INFINITY;
  const aboveKwh = (Math.max(0, battery.socPercent - (battery.dischargeFloorSocPercent ?? 0)) / 100) * battery.capacityKwh;
  return Math.ceil((aboveKwh / -battery.chargingPowerKw) * MS_PER_HOUR - 1e-6);
}

/** SoC (%) after `energyKwh` left the pack, never below 0. */
export function socAfterDischarge(battery: BatteryEnergyState, socPercent: number, energyKwh: number): number {
  return Math.max(0, socPercent - (energyKwh / battery.capacityKwh) * 100);
}

/** Context keys a battery has only once it has fed a home (V2H): absent before, so older runs replay unchanged. */
export const BATTERY_V2H_CONTEXT_KEYS = ['dischargeRequestKw', 'dischargeFloorSocPercent', 'dischargeFloorAt'] as const;

/** Context of the traction battery machine (traction-battery.machine.ts). */
export interface TractionBatteryContext extends BatteryEnergyState {
  vehicleId: string;
  /** The car's on-board charger limit for AC charging. */
  maxAcPowerKw: number;
  /** What the connected charger offers (0 when unplugged). */
  chargerPowerLimitKw: number;
  /** When the charge limit will be reached at the current power (null unless actively charging). */
  chargeCompletesAt: number | null;
  /** The discharge power asked for (V2H), kW. */
  dischargeRequestKw?: number;
  /** When a discharging pack reaches its floor (absent or null unless discharging). */
  dischargeFloorAt?: number | null;
}

export type TractionBatteryInput = { vehicleId: string } & Partial<
  Omit<TractionBatteryContext, 'vehicleId' | 'chargingPowerKw' | 'chargeCompletesAt' | 'dischargeFloorAt' | 'dischargeFloorSocPercent' | 'dischargeRequestKw'>
>;

/** A mid-size EV: 75 kWh, 11 kW on-board AC charger, 16 kWh/100 km, charging to 80 %. */
export function initialBatteryContext(input: TractionBatteryInput): TractionBatteryContext {
  return {
    vehicleId: input.vehicleId,
    capacityKwh: input.capacityKwh ?? 75,
    socPercent: input.socPercent ?? 60,
    updatedAt: input.updatedAt ?? 0,
    targetSocPercent: input.targetSocPercent ?? 80,
    maxAcPowerKw: input.maxAcPowerKw ?? 11,
    chargerPowerLimitKw: 0,
    chargingPowerKw: 0,
    consumptionKwhPer100Km: input.consumptionKwhPer100Km ?? 16,
    chargeCompletesAt: null,
  };
}
