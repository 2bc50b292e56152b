// The vehicle-to-home figures of a run: grid import at the tariff peak with V2H (as metered) and without it (the
// counterfactual meter of the same run), the energy shifted out of the peak, each car's charge at departure and
// how close it came to its floor. Named metrics are present only when something was measured, so an expectation
// on them fails ("nothing measured") rather than passing on a default.
import { clockLabel, minuteOfDay } from '../../twins/sim/apps/grid';
import type { EnergyMetricName } from '../scenario/metric-names';
import type { V2hMetrics } from './result';
import type { ScenarioRun } from './scenario-run';

export function v2hMetrics(run: ScenarioRun): { metrics: V2hMetrics; named: Record<string, number> } | undefined {
  const monitor = run.grid;
  const v2h = run.apps.v2h;
  if (monitor === undefined || !v2h.enabled) return undefined;
  const startOfDay = run.sim.spec.startTimeOfDayMs ?? 0;
  const departures = new Map(run.apps.charging.departures().map((d) => [d.vehicleId, d]));
  const cars = [...departures.values()].flatMap((d) => {
    const plan = v2h.planOf(d.vehicleId);
    if (plan === undefined) return [];
    return [{
      vehicleId: d.vehicleId, floorKwh: round(plan.floorKwh), minMarginKwh: v2h.minMarginKwh.get(d.vehicleId) ?? null,
      departure: clockLabel(minuteOfDay(d.departureAt, startOfDay)), socAtDeparturePercent: d.socPercent, targetSocPercent: d.targetSocPercent,
    }];
  });
  const without = monitor.peakImportWithoutV2hKwh;
  const metrics: V2hMetrics = {
    peakImportKwh: round(monitor.peakImportKwh),
    peakImportWithoutV2hKwh: round(without),
    peakImportReductionPct: without > 0 ? round((1 - monitor.peakImportKwh / without) * 100) : 0,
    shiftedKwh: round(monitor.dischargedInPeakKwh),
    cars,
  };
  const margins = cars.flatMap((c) => (c.minMarginKwh === null ? [] : [c.minMarginKwh]));
  const named: Partial<Record<EnergyMetricName, number>> = {
    'energy.peak_import_kwh': metrics.peakImportKwh,
    'energy.peak_import_without_v2h_kwh': metrics.peakImportWithoutV2hKwh,
    'energy.peak_import_reduction_pct': metrics.peakImportReductionPct,
    'energy.shifted_kwh': metrics.shiftedKwh,
    ...(margins.length > 0 ? { 'energy.reserve_margin_min_kwh': Math.min(...margins) } : {}),
    ...(cars.length > 0 ? { 'energy.soc_at_departure_min': Math.min(...cars.map((c) => c.socAtDeparturePercent)) } : {}),
  };
  return { metrics, named };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
