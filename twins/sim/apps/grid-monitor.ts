// Measures the neighbourhood's transformer load: household base loads (piecewise profiles) plus what every
// wallbox delivers, sampled once a minute of virtual time — enough to find the peak, since both change only at
// events minutes apart. Also integrates charging energy inside the tariff peak and the energy bill.
import { deliveredPowerKw, type EvseContext } from '../../home/evse.machine';
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
    for (const evse of this.wallboxes) ev += deliveredPowerKw(evse.context as unknown as EvseContext);
    const minute = minuteOfDay(t, this.sim.spec.startTimeOfDayMs ?? 0);
    const hours = SAMPLE_MS / 3_600_000;
    const peak = inPeak(this.grid, minute);
    if (peak) this.chargingEnergyInPeakKwh += ev * hours;
    this.energyCost += (base + ev) * hours * (peak ? this.grid.peakPrice : this.grid.offPeakPrice);
    this.samples.push({ t, clock: clockLabel(minute), totalKw: round(base + ev), evKw: round(ev) });
  }
}

const round = (kw: number): number => Math.round(kw * 1000) / 1000;
