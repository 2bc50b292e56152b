// The V2H energy manager: draws at the tariff peak what the home uses (V2H) or all the wallbox allows (V2G),
// through discharge-limit commands on the bus, and never below the car's floor; stops at the end of the peak.
import { describe, expect, it } from 'vitest';
import { energyStoredKwhAt, type TractionBatteryContext } from '../../vehicle/battery-physics';
import { Simulation } from '../simulation';
import { standardHomeDevices } from '../standard-home';
import { ChargingApp } from './charging-app';
import { DEFAULT_GRID } from './grid';
import { GridMonitor } from './grid-monitor';
import { V2hApp, type V2hMode } from './v2h-app';

const HOUR = 3_600_000;
const GRID = { ...DEFAULT_GRID, peakStartMin: 17 * 60, peakEndMin: 21 * 60 };

function evening(options: { dischargeKw?: number; soc?: number; mode?: V2hMode; reserveKwh?: number; plugInAt?: number } = {}) {
  const sim = new Simulation({
    seed: 5, architecture: 'cloud-cloud', startTimeOfDayMs: 16 * HOUR,
    map: { kind: 'generate', options: { homes: 1 } },
    homes: [{ id: 'h1', devices: standardHomeDevices(), ...(options.dischargeKw !== undefined ? { wallboxDischargeKw: options.dischargeKw } : {}) }],
    vehicles: [{ id: 'ev1', homeId: 'h1', at: 'home', socPercent: options.soc ?? 70 }],
  });
  const charging = new ChargingApp(sim, GRID);
  const v2h = new V2hApp(sim, GRID, charging);
  sim.use(charging).use(v2h);
  const monitor = new GridMonitor(sim, GRID);
  charging.setStrategy('coordinated');
  sim.kernel.scheduler.schedule(options.plugInAt ?? 0, () => charging.plugIn('ev1'));
  const battery = () => sim.vehicle('ev1').parts.battery.context as unknown as TractionBatteryContext;
  return { sim, charging, v2h, monitor, battery, enable: () => v2h.enable({ vehicleId: 'ev1', firstTripKm: 40, reserveKwh: options.reserveKwh ?? 10, mode: options.mode ?? 'v2h' }) };
}

describe('V2H energy manager', () => {
  it('feeds the home its own load during the peak only, then lets the car charge back', () => {
    const { sim, v2h, monitor, battery, enable } = evening({ dischargeKw: 7.2 });
    enable();
    sim.kernel.clock.runUntil(HOUR - 1); // before the peak nothing is drawn (the valley filler may charge)
    expect(monitor.dischargedKwh).toBe(0);
    sim.kernel.clock.runUntil(5 * HOUR); // 21:00
    // 2.2 kW from 17:00 and 3 kW from 18:00: 11.2 kWh, less the command's bus latency at each change.
    expect(monitor.dischargedInPeakKwh).toBeCloseTo(11.2, 1);
    expect(monitor.peakImportKwh).toBeLessThan(0.5);
    expect(monitor.peakImportWithoutV2hKwh).toBeCloseTo(11.2, 6);
    sim.kernel.clock.runUntil(15 * HOUR); // 07:00
    expect(energyStoredKwhAt(battery(), sim.now)).toBeCloseTo(60, 0); // charged back to 80 %
    expect(v2h.minMarginKwh.get('ev1')).toBeGreaterThan(20);
    const commands = sim.kernel.events.lines().filter((l) => l.includes('set_discharge_limit'));
    expect(commands.length).toBeGreaterThan(0); // each change travels as a message the flow view shows
  });

  it('V2G draws the wallbox maximum, exporting beyond the home, and stops exactly at the floor', () => {
    const { sim, v2h, monitor, battery, enable } = evening({ dischargeKw: 7.2, mode: 'v2g' });
    enable();
    sim.kernel.clock.runUntil(5 * HOUR);
    expect(monitor.peakImportKwh).toBeLessThan(0); // exported
    // The floor: 40 km at 16 kWh/100 km plus 10 kWh = 16.4 kWh; 52.5 − 16.4 = 36.1 kWh would take 5 h at 7.2 kW.
    expect(monitor.dischargedInPeakKwh).toBeCloseTo(28.8, 0);
    expect(v2h.minMarginKwh.get('ev1')).toBeGreaterThanOrEqual(0);
    expect(energyStoredKwhAt(battery(), sim.now)).toBeGreaterThanOrEqual(16.4);
  });

  it('gives nothing from a car already at its floor', () => {
    // Plugged in at 17:00, in the peak: no charging before it either, so it stays at 15 kWh, under its 16.4 kWh floor.
    const { sim, monitor, enable } = evening({ dischargeKw: 7.2, soc: 20, plugInAt: HOUR });
    enable();
    sim.kernel.clock.runUntil(5 * HOUR);
    expect(monitor.dischargedKwh).toBe(0);
    expect(sim.kernel.events.lines().some((l) => l.includes('set_discharge_limit'))).toBe(false);
  });

  it('refuses a charge-only wallbox and a negative trip or reserve, naming what to change', () => {
    const plain = evening();
    expect(() => plain.enable()).toThrow(/wallbox of home h1 charges only: give the home `wallboxDischargeKw`/);
    const bidirectional = evening({ dischargeKw: 7.2, reserveKwh: -1 });
    expect(() => bidirectional.enable()).toThrow(/firstTripKm and reserveKwh must be ≥ 0/);
    expect(() => bidirectional.v2h.enable({ vehicleId: 'ev1', firstTripKm: Number.NaN, reserveKwh: 0, mode: 'v2h' })).toThrow(/≥ 0/);
  });
});
