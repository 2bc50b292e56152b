// Measures the neighbourhood's transformer load: household base loads (piecewise profiles) plus what every
// wallbox delivers, sampled once a minute of virtual time — enough to find the peak, since both change only at
// events minutes apart. Also integrates charging energy inside the tariff peak and the energy bill.
// Cars feeding their homes (V2H) lower what the transformer carries; a counterfactual meter beside the real one
// adds back what they gave, so "grid import at the peak without V2H" comes from the same run, not a second one.
import { deliveredPowerKw, dischargedPowerKw, type EvseContext } from '../../home/evse.machine';
import type { Simulation } from '../simulation';
import type { TwinActor } from '../twin-actor';
import { NeighbourhoodLoad } from '../neighbourhood-load';
import { clockLabel, inPeak, minuteOfDay, type GridSpec } from './grid';

export interface GridSample {
  t: number;
  clock: string;
  totalKw: number;
  evKw: number;
}

const SAMPLE_MS = 60_000;

export class GridMonitor {
  readonly samples: GridSample[] = [];
  chargingEnergyInPeakKwh = 0;
  energyCost = 0;
  /** Energy bought from the grid inside the tariff peak, kWh: as metered, and as it would be without V2H. */
  peakImportKwh = 0;
  peakImportWithoutV2hKwh = 0;
  /** Energy the cars gave their homes (V2H/V2G), kWh: in all and inside the tariff peak. */
  dischargedKwh = 0;
  dischargedInPeakKwh = 0;
  private readonly load: NeighbourhoodLoad;
  /** Every wallbox, in home order, found once: devices never change after the world is built. */
  private wallboxes: TwinActor[] | undefined;

  constructor(private readonly sim: Simulation, readonly grid: GridSpec) {
    this.load = new NeighbourhoodLoad(sim.homes, sim.spec.startTimeOfDayMs ?? 0);
    const sample = (): void => {
      this.sample();
      sim.kernel.scheduler.schedule(SAMPLE_MS, sample, 'grid-monitor');
    };
    sim.kernel.scheduler.schedule(0, sample, 'grid-monitor');
  }

  get peakKw(): number {
    return this.samples.reduce((max, s) => Math.max(max, s.totalKw), 0);
  }

  private sample(): void {
    const t = this.sim.now;
    const base = this.load.baseLoadKw(t);
    this.wallboxes ??= [...this.sim.homes.values()].flatMap((home) => home.devicesOfType('evse'));
    let ev = 0;
    let v2h = 0;
    for (const evse of this.wallboxes) {
      ev += deliveredPowerKw(evse.context as unknown as EvseContext);
      v2h += dischargedPowerKw(evse.context as unknown as EvseContext);
    }
    const minute = minuteOfDay(t, this.sim.spec.startTimeOfDayMs ?? 0);
    const hours = SAMPLE_MS / 3_600_000;
    const peak = inPeak(this.grid, minute);
    const price = peak ? this.grid.peakPrice : this.grid.offPeakPrice;
    const total = base + ev - v2h;
    if (peak) {
      this.chargingEnergyInPeakKwh += ev * hours;
      this.peakImportKwh += total * hours;
      this.peakImportWithoutV2hKwh += (base + ev) * hours;
      this.dischargedInPeakKwh += v2h * hours;
    }
    this.dischargedKwh += v2h * hours;
    this.energyCost += total * hours * price;
    this.samples.push({ t, clock: clockLabel(minute), totalKw: round(total), evKw: round(ev) });
  }
}

const round = (kw: number): number => Math.round(kw * 1000) / 1000;
