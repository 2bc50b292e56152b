// When to charge a plugged-in car so it is ready by its predicted departure, preferably in the tariff's off-peak
// hours (seed §4.1.2, "sleep-time charging"), and what a charging profile costs. Pure arithmetic on virtual time
// (ms) with the time of day at t = 0, so the agent plans and the judge prices with the same code.
//
// The plan: charging takes `kwh / kw` hours; it must end `marginMin` before the departure. Start at the first
// off-peak moment (now, or the end of the peak the car was plugged in during) if it still ends in time; otherwise
// start as late as is still in time (part of it in the peak), and at once when even that is too late.
import { inPeak, minuteOfDay, nextTimeOfDay, type GridSpec } from '../apps/grid';

export type Tariff = Pick<GridSpec, 'peakStartMin' | 'peakEndMin' | 'peakPrice' | 'offPeakPrice' | 'currency'>;

export interface ChargingPlanInput {
  now: number;
  /** Predicted departure, virtual ms. */
  departureAt: number;
  kwh: number;
  kw: number;
  tariff: Tariff;
  startOfDayMs: number;
  /** The car should be charged this long before it leaves. */
  marginMin: number;
}

export interface ChargingPlan {
  startAt: number;
  readyAt: number;
  /** The plan starts later than now (a deferral the agent must command). */
  deferred: boolean;
  /** What the energy costs charged at once, and as planned. */
  costAtOnce: number;
  costPlanned: number;
}

export function planCharging(p: ChargingPlanInput): ChargingPlan {
  const durationMs = p.kw > 0 ? Math.ceil((p.kwh / p.kw) * 3_600_000) : 0;
  const latestStart = p.departureAt - p.marginMin * 60_000 - durationMs;
  const offPeak = inPeak(p.tariff, minuteOfDay(p.now, p.startOfDayMs)) ? nextTimeOfDay(p.now, p.startOfDayMs, p.tariff.peakEndMin) : p.now;
  const startAt = offPeak <= latestStart ? offPeak : Math.max(p.now, latestStart);
  const cost = (from: number): number => chargingCost(from, from + durationMs, p.kw, p.tariff, p.startOfDayMs);
  return { startAt, readyAt: startAt + durationMs, deferred: startAt > p.now, costAtOnce: round(cost(p.now)), costPlanned: round(cost(startAt)) };
}

/** The price of `kw` drawn from `from` to `to` (virtual ms), split exactly at the tariff's peak boundaries. */
export function chargingCost(from: number, to: number, kw: number, tariff: Tariff, startOfDayMs: number): number {
  let cost = 0;
  for (let t = from; t < to;) {
    const minute = minuteOfDay(t, startOfDayMs);
    const peak = inPeak(tariff, minute);
    // The next boundary: the end of the peak we are in, or the start of the next one.
    const boundary = nextTimeOfDay(t, startOfDayMs, peak ? tariff.peakEndMin : tariff.peakStartMin);
    const end = Math.min(to, boundary);
    cost += (kw * (end - t)) / 3_600_000 * (peak ? tariff.peakPrice : tariff.offPeakPrice);
    t = end;
  }
  return cost;
}

/** The energy of `kw` from `from` to `to` that falls in the tariff peak, kWh. */
export function peakEnergyKwh(from: number, to: number, kw: number, tariff: Tariff, startOfDayMs: number): number {
  const unit = { ...tariff, peakPrice: 1, offPeakPrice: 0 };
  return chargingCost(from, to, kw, unit, startOfDayMs);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
