// Who charges first when the night is too short for every car (seed §4.1.2 peak shaving with capacity short).
// Sharing the slot's power in proportion to need, as the valley filler does when the night is long enough, splits
// a shortage evenly: every car ends a little short and none can leave as planned (25 homes, 15 EVs, 60 kVA: 0 of
// 15 at target). Under a shortage the energy manager instead serves cars one after another, in a fixed order:
//   1. earliest departure first (the car that leaves first has the least time left to be served),
//   2. then largest requested energy first (the need stated at plug-in, not what is left: an order on what is
//      left would flip after every slot and split the power evenly again),
//   3. then the order the cars were plugged in (a tie never depends on an id's spelling).
// Each car gets what it can still take in the slot — its wallbox maximum, or less when its remaining need is
// smaller — until the slot's power is spent.

export interface PriorityCar {
  vehicleId: string;
  /** Virtual time (ms) the car leaves. */
  departureAt: number;
  /** Energy asked for at plug-in (kWh). */
  requestedKwh: number;
  /** Plug-in sequence number. */
  plugOrder: number;
  /** Wallbox maximum (kW). */
  maxKw: number;
  /** Energy still missing (kWh). */
  remainingKwh: number;
}

/** The serving order: negative when `a` is served before `b`. */
export function comparePriority(a: PriorityCar, b: PriorityCar): number {
  return a.departureAt - b.departureAt || b.requestedKwh - a.requestedKwh || a.plugOrder - b.plugOrder;
}

/**
 * Power (kW) per car for a slot of `slotHours` that offers `powerKw` in all, served in priority order; cars that
 * get nothing are listed with 0 so their limit is lowered too.
 */
export function allocateByPriority(cars: readonly PriorityCar[], powerKw: number, slotHours: number): Map<string, number> {
  const result = new Map<string, number>();
  let left = Math.max(0, powerKw);
  for (const car of [...cars].sort(comparePriority)) {
    const canTake = slotHours > 0 ? Math.min(car.maxKw, car.remainingKwh / slotHours) : car.maxKw;
    const kw = Math.max(0, Math.min(left, canTake));
    result.set(car.vehicleId, kw);
    left -= kw;
  }
  return result;
}
